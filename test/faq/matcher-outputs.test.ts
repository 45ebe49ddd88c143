import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  createFaqMatcher,
  type FaqMatch,
  parseKbYaml,
  parseQuestionsJsonl,
} from "../../core/faq/index.js";

/**
 * The matcher's decisions on every question set under test/faq, pinned: work on its speed
 * (caches, precomputed structures) must not change one of them. The pins were written by the
 * matcher before that work (`FAQ_PIN_WRITE=1 npx vitest run test/faq/matcher-outputs.test.ts`);
 * rewrite them only with a change that is meant to change decisions, and say so.
 */
const here = (path: string) => new URL(path, import.meta.url);
const pinsFile = here("./matcher-outputs.pins.json");

/** What a decision is made of: the entry, the confidence and the offers. */
function summary(match: FaqMatch): string {
  const offers = (match.offers ?? []).map((o) => `${o.id}:${o.confidence ?? ""}`).join(",");
  return [
    match.decision,
    match.reason,
    match.outOfScope ?? "",
    match.best ? `${match.best.id}:${match.best.score}` : "",
    match.confidence ?? "",
    offers,
    match.questions ?? "",
    match.withheld ?? "",
  ].join("|");
}

const sets = ["tuning", "untouched"].flatMap((dir) =>
  readdirSync(here(`./${dir}/`))
    .filter((file) => file.endsWith(".jsonl"))
    .sort()
    .map((file) => `${dir}/${file}`),
);

describe("FAQ matcher outputs", () => {
  const matcher = createFaqMatcher(
    parseKbYaml(readFileSync(here("../../locales/ru/faq.yaml"), "utf8")),
  );
  const outputs: Record<string, string[]> = {};
  for (const set of sets)
    outputs[set] = parseQuestionsJsonl(readFileSync(here(`./${set}`), "utf8")).map((q) =>
      summary(matcher.match(q.text)),
    );
  if (process.env.FAQ_PIN_WRITE === "1")
    writeFileSync(pinsFile, `${JSON.stringify(outputs, null, 2)}\n`);
  const pins = JSON.parse(readFileSync(pinsFile, "utf8")) as Record<string, string[]>;

  it("covers every set under test/faq", () => {
    expect(Object.keys(pins).sort()).toEqual([...sets].sort());
  });
  it.each(sets)("decides every question of %s as pinned", (set) => {
    expect(outputs[set]).toEqual(pins[set]);
  });
});
