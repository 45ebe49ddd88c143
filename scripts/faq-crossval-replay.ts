import { readFileSync, writeFileSync } from "node:fs";
import { parseKbYaml, parseQuestionsJsonl, type FaqMatch } from "../core/faq/index.js";
import {
  chooseThresholds,
  crossValidate,
  metricsAt,
  type Probes,
} from "../core/faq/cross-validate.js";
import { benchDir } from "./tuning-sets.js";

/**
 * `npx tsx scripts/faq-crossval-replay.ts record PROBES.json SET.jsonl...` runs the nested
 * leave-one-set-out cross-validation of `npm run faq -- crossval` on `kb.yaml` and keeps
 * every probing run; `… replay PROBES.json` chooses the thresholds and scores each held-out
 * set again from them in a few minutes instead of retraining every fold's classifiers:
 * a change to the decision (`cross-validate.ts`, `learned-decision.ts`) is judged by
 * replaying, a change to what the matcher or the classifier reads needs a new record.
 * Prints one line per held-out set (correct / wrong / answered or offered), pooled, and the
 * thresholds chosen on all sets. FAQ_BENCH_DIR: the benchmark's folder.
 */
type Recorded = {
  excluded: number[];
  sets: number[];
  evidence: number;
  matches: [string, FaqMatch][];
};
const [mode, file, ...files] = process.argv.slice(2);
const json = (v: unknown) => JSON.stringify(v, (_, x: unknown) => (x === Infinity ? "any" : x));
if (mode === "record" && file) {
  const entries = parseKbYaml(readFileSync(`${benchDir}kb.yaml`, "utf8"));
  const sets = files.map((f) => ({
    name: f,
    questions: parseQuestionsJsonl(readFileSync(f, "utf8")),
  }));
  const dump: Recorded[] = [];
  crossValidate(entries, sets, {}, false, (excluded, s, probes) => {
    dump.push({ excluded, sets: s, evidence: probes.evidence, matches: [...probes.matches] });
  });
  writeFileSync(file, JSON.stringify({ files, dump }));
} else if (mode === "replay" && file) {
  const data = JSON.parse(readFileSync(file, "utf8")) as { files: string[]; dump: Recorded[] };
  const sets = data.files.map((f) => parseQuestionsJsonl(readFileSync(f, "utf8")));
  const key = (excluded: number[], s: number[]) => `${excluded.join(",")}|${s.join(",")}`;
  const recorded = new Map(data.dump.map((d) => [key(d.excluded, d.sets), d]));
  const probes = (excluded: number[], s: number[]): Probes => {
    const d = recorded.get(key(excluded, s));
    if (!d) throw new Error(`${file} has no probing run without ${key(excluded, s)}`);
    return { matches: new Map(d.matches), evidence: d.evidence };
  };
  let [total, right, wrong, answerable, offered] = [0, 0, 0, 0, 0];
  sets.forEach((questions, s) => {
    const others = sets.map((_, i) => i).filter((i) => i !== s);
    const t = chooseThresholds(
      probes([s], others),
      others.flatMap((i) => sets[i] ?? []),
    );
    const m = metricsAt(probes([], [s]), questions, t);
    const answers = questions.filter((q) => q.expected !== null).length;
    total += questions.length;
    right += m.correct_behaviour * questions.length;
    wrong += m.wrong_answer_rate * questions.length;
    answerable += answers;
    offered += m.right_entry_answered_or_offered * answers;
    console.log(
      `${data.files[s]} ${m.correct_behaviour} / ${m.wrong_answer_rate} / ${m.right_entry_answered_or_offered} ${json(t)}`,
    );
  });
  const f = (x: number) => x.toFixed(3);
  console.log(
    `pooled (${total}) ${f(right / total)} / ${f(wrong / total)} / ${f(offered / answerable)}`,
  );
  const all = sets.map((_, i) => i);
  console.log(json({ chosen: chooseThresholds(probes([], all), sets.flat()) }));
} else {
  console.error(
    "usage: faq-crossval-replay.ts record PROBES.json SET.jsonl... | replay PROBES.json",
  );
  process.exitCode = 1;
}
