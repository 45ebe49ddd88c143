import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { z } from "zod";
import { packageFile } from "../shared/index.js";
import { FaqError } from "./faq-error.js";
import { foldYo } from "./normalize.js";

const lexiconSchema = z.object({
  words: z.record(z.string(), z.string()),
  phrases: z.record(z.string(), z.string()),
  actions: z.record(z.string(), z.array(z.string().min(2))),
  conflicts: z.array(z.tuple([z.string(), z.string()])),
  refusals: z.array(z.string().min(2)),
});

/** The colloquial lexicon (`locales/ru/faq-lexicon.yaml`) as the matcher uses it. */
export interface Lexicon {
  /** Rewrites colloquial words and two-word phrases of normalised text. */
  rewrite(normalized: string): string;
  /** The actions (get, cancel, …) a stem stands for. */
  actionsOf(stem: string): string[];
  /** Whether two actions exclude each other. */
  conflict(a: string, b: string): boolean;
  /** Whether normalised text refuses rather than asks ("не хочу", "больше не"). */
  refuses(normalized: string): boolean;
}

export const defaultLexiconFile = packageFile("locales", "ru", "faq-lexicon.yaml");

/** Parses and checks a lexicon file; a bad file stops the start with the field it names. */
export function parseLexicon(source: string): Lexicon {
  const parsed = lexiconSchema.safeParse(parse(foldYo(source.toLowerCase())));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FaqError("LEXICON_INVALID", `The FAQ lexicon is invalid.`, [
      { entry: "lexicon", field: issue?.path.join(".") ?? "", message: issue?.message ?? "" },
    ]);
  }
  const { words, phrases, actions, conflicts, refusals } = parsed.data;
  const wordMap = new Map(Object.entries(words));
  const phraseMap = new Map(Object.entries(phrases));
  const actionList = Object.entries(actions);
  const conflictSet = new Set(conflicts.flatMap(([a, b]) => [`${a} ${b}`, `${b} ${a}`]));
  const refusalPattern = new RegExp(
    `(?<![\\p{L}\\p{N}])(${refusals.map((r) => r.replace(/\s+/g, "\\s+")).join("|")})(?![\\p{L}\\p{N}])`,
    "u",
  );
  return {
    rewrite(normalized) {
      const input = normalized.split(" ");
      const out: string[] = [];
      for (let i = 0; i < input.length; i++) {
        const word = input[i] ?? "";
        const pair = i + 1 < input.length ? phraseMap.get(`${word} ${input[i + 1]}`) : undefined;
        if (pair !== undefined) {
          out.push(pair);
          i++;
        } else out.push(wordMap.get(word) ?? word);
      }
      return out.join(" ");
    },
    actionsOf: (stem) =>
      actionList
        .filter(([, starts]) => starts.some((start) => stem.startsWith(start)))
        .map(([action]) => action),
    conflict: (a, b) => conflictSet.has(`${a} ${b}`),
    refuses: (normalized) => refusalPattern.test(normalized),
  };
}

let shared: Lexicon | undefined;

/** The shipped lexicon, read once. */
export function defaultLexicon(): Lexicon {
  shared ??= parseLexicon(readFileSync(defaultLexiconFile, "utf8"));
  return shared;
}
