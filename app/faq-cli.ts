import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ConfigError, loadDatabaseUrl } from "../core/config/index.js";
import { createDb, type Db } from "../core/db/index.js";
import {
  collectCalibrationSamples,
  createFaqMatcher,
  createFaqRepository,
  crossValidate,
  evaluateMatcher,
  FaqError,
  fitConfidenceModel,
  formatKbYaml,
  parseKbYaml,
  parseQuestionsJsonl,
  type FaqEntryInput,
  type FaqMatcher,
  type LabelledQuestion,
} from "../core/faq/index.js";
import { defaultExampleLabels, relabel, relabelExamples } from "../core/faq/example-labels.js";
import { defaultTuningExamples } from "../core/faq/tuning-examples.js";
import { loadDotEnv, wantsHelp } from "./dot-env.js";

const usage = `Usage: npm run faq -- <command>
  import FILE [--locale ru]              validate a YAML knowledge base and upsert it by id
  export FILE [--locale ru]              write the stored entries of a locale as YAML
  match "TEXT" [--kb FILE] [--json]      show the decision and its reasoning
                                         (without --kb the published entries are loaded from the database)
  eval --kb FILE --questions FILE [--misses] [--heuristic] [--relabel]
                                         print the faq-bench metrics as one JSON object
                                         (--misses: list the wrong decisions on stderr;
                                         --heuristic: without the learned classifier;
                                         --relabel: the questions carry kb.yaml's ids,
                                         read them through production-labels.yaml, an
                                         id without a counterpart expecting a person)
  crossval --kb FILE --questions FILE... [--heuristic | --phrasings-only] [--relabel]
                                         train the learned classifier and choose the
                                         thresholds by leave-one-set-out cross-validation
                                         (tuning sets only; --phrasings-only: the
                                         classifier learns no entry from the sets,
                                         as on a base of other ids)
  calibrate --kb FILE [--questions FILE]...
                                         fit the confidence model (leave-one-phrasing-out + questions)
  report [--since YYYY-MM-DD] [--limit N]
                                         most frequent unanswered questions, grouped, with the
                                         entry each group most likely needs, and the wordings
                                         parents confirmed on offered answers
  drafts                                 list the unreviewed drafts (saved with /faq)
  publish ID [--locale ru]               publish a reviewed draft
  reject ID [--locale ru]                delete a draft
Drafts are exported with "draft: true" and an import keeps such entries unpublished.
A questions FILE may end in :odd or :even to take only its odd (1st, 3rd, …) or even lines,
so one file can be split into a tuning half and a validation half.
DATABASE_URL (from the environment or .env) is needed by import, export, report, drafts,
publish, reject and match without --kb.`;

class UsageError extends Error {}

const options = {
  kb: { type: "string" },
  questions: { type: "string", multiple: true },
  locale: { type: "string", default: "ru" },
  json: { type: "boolean", default: false },
  misses: { type: "boolean", default: false },
  since: { type: "string" },
  limit: { type: "string", default: "20" },
  heuristic: { type: "boolean", default: false },
  "phrasings-only": { type: "boolean", default: false },
  relabel: { type: "boolean", default: false },
} as const;

type Flags = ReturnType<
  typeof parseArgs<{ options: typeof options; allowPositionals: true }>
>["values"];

function parseFlags(argv: string[]) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true });
  } catch (error) {
    // node:util's parseArgs rejects unknown or incomplete options with a TypeError.
    if (error instanceof TypeError) throw new UsageError(`${error.message}\n\n${usage}`);
    throw error;
  }
}

async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = createDb(loadDatabaseUrl(process.env), { poolSize: 2 });
  try {
    return await fn(db);
  } finally {
    await db.$disconnect();
  }
}

function readKb(file: string): FaqEntryInput[] {
  return parseKbYaml(readFileSync(file, "utf8"));
}

/** Reads a JSONL questions file; "FILE:odd" / "FILE:even" keep every other line. */
function readQuestions(spec: string) {
  const half = /^(.*):(odd|even)$/.exec(spec);
  const file = half?.[1] ?? spec;
  let lines = readFileSync(file, "utf8").split(/\r?\n/);
  if (half) lines = lines.filter((_, i) => (i % 2 === 0) === (half[2] === "odd"));
  return parseQuestionsJsonl(lines.join("\n"));
}

/**
 * The questions as the base would be judged on them (`--relabel`): an expected id the base
 * lacks goes through production-labels.yaml, and to "needs a person" when no entry of the
 * base answers it.
 */
function relabelQuestions(
  questions: LabelledQuestion[],
  entries: readonly FaqEntryInput[],
): LabelledQuestion[] {
  const ids = new Set(entries.map((entry) => entry.id));
  const labels = defaultExampleLabels();
  return questions.map((q) => {
    if (q.expected === null) return q;
    const to = relabel(q.expected, ids, labels);
    return { ...q, expected: "id" in to ? to.id : null };
  });
}

/** Says on stderr which shipped examples the base learns through the labels, and which not. */
function describeExamples(entries: readonly FaqEntryInput[]): void {
  const ids = new Set(entries.map((entry) => entry.id));
  const { relabelled, ignored } = relabelExamples(
    defaultTuningExamples(),
    ids,
    defaultExampleLabels(),
  );
  if (relabelled === 0 && ignored.length === 0) return;
  console.error(`${relabelled} tuning examples relabelled for this base (production-labels.yaml).`);
  for (const id of ignored)
    console.error(`  ${id.examples} examples of ${id.id} ignored: ${id.reason}`);
}

function requireArg(value: string | undefined, what: string): string {
  if (!value) throw new UsageError(`Missing ${what}.\n\n${usage}`);
  return value;
}

async function loadMatcher(flags: Flags): Promise<FaqMatcher> {
  if (flags.kb) return createFaqMatcher(readKb(flags.kb));
  const entries = await withDb((db) =>
    createFaqRepository(db).loadPublished({ locale: flags.locale }),
  );
  if (entries.length === 0)
    throw new UsageError("The database has no published FAQ entries: import some first.");
  return createFaqMatcher(entries);
}

async function showMatch(text: string, flags: Flags): Promise<void> {
  const matcher = await loadMatcher(flags);
  const match = matcher.match(text);
  if (flags.json) {
    console.log(JSON.stringify(match, null, 2));
    return;
  }
  const explanation = matcher.explain(text);
  const why = match.outOfScope ?? match.withheld;
  console.log(
    `decision:   ${match.decision} (${match.reason}${why ? `: ${why}` : ""})${match.questions ? `, ${match.questions} questions` : ""}`,
  );
  console.log(`normalized: ${match.normalized}`);
  if (match.confidence !== undefined) console.log(`confidence: ${match.confidence}`);
  if (match.learned)
    console.log(
      `learned:    ${match.learned.id ?? "needs a person"} ${match.learned.probability} (best entry ${match.learned.forBest}${match.learned.taught ? "" : ", untaught"})`,
    );
  if (explanation.terms.length > 0) {
    const words = explanation.terms.map((term) => {
      const alts = term.alternatives.map((alt) =>
        alt.similarity === 1 ? alt.stem : `${alt.stem}@${alt.similarity}`,
      );
      return `${term.word}[${alts.join("|") || "unknown"}]`;
    });
    console.log(`words:      ${words.join(" ")}`);
  }
  for (const [rank, score] of explanation.scores.slice(0, 5).entries()) {
    const matched = score.matched.map((q) => explanation.terms[q]?.word ?? "?").join(", ");
    console.log(
      `${rank + 1}. ${score.id}  score=${score.score.toFixed(2)} coverage=${score.coverage.toFixed(2)}  [${matched}]`,
    );
  }
  if (match.decision === "answer" && match.best) {
    const entry = matcher.entry(match.best.id);
    if (entry) console.log(`\nanswer (${entry.id}): ${entry.answer}`);
  }
}

async function report(flags: Flags): Promise<void> {
  const since = flags.since ? new Date(flags.since) : undefined;
  if (since && Number.isNaN(since.getTime()))
    throw new UsageError(`--since must be a date, got "${flags.since}".`);
  const limit = Number.parseInt(flags.limit, 10);
  if (!Number.isInteger(limit) || limit <= 0)
    throw new UsageError(`--limit must be a positive integer.`);
  const [groups, suggestions] = await withDb(async (db) => {
    const repository = createFaqRepository(db);
    const range = since ? { since } : {};
    return Promise.all([
      repository.unansweredReport({ limit, ...range }),
      repository.suggestedPhrasings({ limit, ...range }),
    ]);
  });
  if (suggestions.length > 0) {
    console.log("Parents' wordings an offered answer solved (suggested phrasings):");
    for (const suggestion of suggestions) console.log(`  ${suggestion.slug}: "${suggestion.text}"`);
    console.log("");
  }
  if (groups.length === 0) {
    console.log("No unanswered questions logged.");
    return;
  }
  console.log("Most frequent unanswered questions (FAQ candidates):");
  for (const [i, group] of groups.entries()) {
    const near = group.nearestSlug ? `  nearest entry: ${group.nearestSlug}` : "";
    console.log(`${i + 1}. ×${group.count}  "${group.example}"${near}`);
    for (const sample of group.samples.filter((s) => s !== group.example))
      console.log(`      also: "${sample}"`);
  }
}

async function main(argv: string[]): Promise<void> {
  if (wantsHelp(argv)) {
    console.log(usage);
    return;
  }
  loadDotEnv();
  const { values: flags, positionals } = parseFlags(argv);
  const [command, argument] = positionals;
  switch (command) {
    case "import": {
      const file = requireArg(argument, "the YAML file to import");
      const source = readFileSync(file, "utf8");
      const result = await withDb((db) =>
        createFaqRepository(db).importKbYaml(source, { locale: flags.locale }),
      );
      console.log(
        `Imported ${file}: ${result.created.length} created, ${result.updated.length} updated, ${result.unchanged.length} unchanged.`,
      );
      return;
    }
    case "export": {
      const file = requireArg(argument, "the YAML file to write");
      const entries = await withDb((db) =>
        createFaqRepository(db).exportEntries({ locale: flags.locale }),
      );
      writeFileSync(file, formatKbYaml(entries));
      console.log(`Exported ${entries.length} entries to ${file}.`);
      return;
    }
    case "match":
      return showMatch(
        requireArg(argument, 'the message text, e.g. match "как получить сертификат"'),
        flags,
      );
    case "eval": {
      const entries = readKb(requireArg(flags.kb, "--kb FILE"));
      const matcher = createFaqMatcher(entries, flags.heuristic ? { examples: null } : {});
      if (!flags.heuristic) describeExamples(entries);
      const file = requireArg(flags.questions?.[0], "--questions FILE");
      // Time a warm matcher, as the bots run it: a pass over the base's own texts first.
      for (const entry of entries)
        for (const text of [entry.question, ...entry.phrasings]) matcher.match(text);
      const { metrics, misses } = evaluateMatcher(
        (text) => matcher.match(text),
        flags.relabel ? relabelQuestions(readQuestions(file), entries) : readQuestions(file),
      );
      console.log(JSON.stringify(metrics));
      if (flags.misses)
        for (const miss of misses)
          console.error(
            `${miss.expected ?? "null"} -> ${miss.match.decision === "answer" ? miss.match.best?.id : `escalate/${miss.match.outOfScope ?? miss.match.reason}`} | ${miss.text}`,
          );
      return;
    }
    case "crossval": {
      const entries = readKb(requireArg(flags.kb, "--kb FILE"));
      const files = flags.questions ?? [];
      if (files.length < 2) throw new UsageError("crossval needs two --questions files or more.");
      const sets = files.map((file) => ({
        name: file,
        questions: flags.relabel
          ? relabelQuestions(readQuestions(file), entries)
          : readQuestions(file),
      }));
      const { folds, chosen } = crossValidate(
        entries,
        sets,
        flags.heuristic ? { examples: null } : {},
        flags["phrasings-only"],
      );
      // The rank guard "anywhere" is Infinity, which JSON cannot write.
      const json = (value: unknown) =>
        JSON.stringify(value, (_, v: unknown) => (v === Number.POSITIVE_INFINITY ? "any" : v));
      for (const fold of folds) console.log(json(fold));
      console.log(json({ chosen }));
      return;
    }
    case "calibrate": {
      const entries = readKb(requireArg(flags.kb, "--kb FILE"));
      const questions = (flags.questions ?? []).flatMap((file) => readQuestions(file));
      const samples = collectCalibrationSamples(entries, questions);
      console.log(JSON.stringify({ samples: samples.length, model: fitConfidenceModel(samples) }));
      return;
    }
    case "report":
      return report(flags);
    case "drafts": {
      const drafts = await withDb((db) => createFaqRepository(db).listDrafts());
      if (drafts.length === 0) console.log("No drafts waiting for review.");
      for (const d of drafts)
        console.log(
          `${d.slug} [${d.locale}, ${d.category}, ${d.source}, ${d.createdAt.toISOString().slice(0, 10)}]\n  Q: ${d.question}\n  A: ${d.answer.replace(/\n/g, " ")}`,
        );
      return;
    }
    case "publish":
    case "reject": {
      const slug = requireArg(argument, `the id of the draft to ${command}`);
      await withDb((db) =>
        createFaqRepository(db).decideDraft(slug, command, { locale: flags.locale }),
      );
      console.log(command === "publish" ? `Published ${slug}.` : `Rejected and deleted ${slug}.`);
      return;
    }
    default:
      throw new UsageError(command ? `Unknown command "${command}".\n\n${usage}` : usage);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof FaqError) {
    console.error(`faq: ${error.code}: ${error.message.split("\n")[0]}`);
    for (const issue of error.issues)
      console.error(`  - entry ${issue.entry}, field ${issue.field}: ${issue.message}`);
  } else if (error instanceof ConfigError) {
    console.error("faq: cannot reach the database:");
    for (const problem of error.problems) console.error(`  - ${problem}`);
  } else if (
    error instanceof UsageError ||
    (error instanceof Error && "code" in error && error.code === "ENOENT")
  ) {
    console.error(`faq: ${error.message}`);
  } else {
    console.error("faq: unexpected error:", error);
  }
  process.exitCode = 1;
});
