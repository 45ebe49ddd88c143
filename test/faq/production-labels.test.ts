import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createFaqMatcher, parseKbYaml } from "../../core/faq/index.js";
import { defaultExampleLabels, relabelExamples } from "../../core/faq/example-labels.js";
import { defaultTuningExamples } from "../../core/faq/tuning-examples.js";

const production = parseKbYaml(
  readFileSync(new URL("../../locales/ru/faq.yaml", import.meta.url), "utf8"),
);
const ids = new Set(production.map((entry) => entry.id));

/**
 * Tuning messages of kb.yaml entries that locales/ru/faq.yaml has under another id, none of
 * them one of the production entry's own texts.
 */
const renamed = [
  {
    text: "сын бросил бокс, как его отчислить чтоб сертификат освободился",
    kb: "applications-unenroll",
    production: "applications-leave",
  },
  {
    text: "на сертификате ноль рублей а нам ещё на танцы надо, что делать",
    kb: "certificate-balance-empty",
    production: "certificate-empty",
  },
];

describe("the production base learns the tuning examples through production-labels.yaml", () => {
  // Each message is held out of the classifier's training, as a parent's new message is.
  const heldOut = new Set(renamed.map((r) => r.text));
  const rest = defaultTuningExamples().filter((example) => !heldOut.has(example.text));
  const mapped = createFaqMatcher(production, {
    examples: relabelExamples(rest, ids, defaultExampleLabels()).examples,
  });
  const unmapped = createFaqMatcher(production, { examples: rest });

  it.each(renamed)("answers a held-out phrasing of $kb with $production", (r) => {
    expect(ids.has(r.kb)).toBe(false);
    const entry = production.find((e) => e.id === r.production);
    expect([entry?.question, ...(entry?.phrasings ?? [])]).not.toContain(r.text);
    expect(rest.some((e) => e.entry === r.kb)).toBe(true);

    const match = mapped.match(r.text);
    expect(match.decision).toBe("answer");
    expect(match.best?.id).toBe(r.production);
    expect(match.learned?.taught).toBe(true);
    // Without the labels the same examples teach the production entry nothing: it is known
    // by its own texts alone (untaught), and the classifier is less sure of it.
    const before = unmapped.match(r.text);
    expect(before.learned?.taught).toBe(false);
    const without = before.learned?.id === r.production ? before.learned.probability : 0;
    expect(match.learned?.probability ?? 0).toBeGreaterThan(without);
  });

  it("relabels the shipped examples by default, so renamed entries count as taught", () => {
    const live = createFaqMatcher(production);
    const match = live.match(renamed[0]?.text ?? "");
    expect(match.best?.id).toBe("applications-leave");
    expect(match.learned?.taught).toBe(true);
  });

  it("starts with an entry renamed since the labels were written, its examples unused", () => {
    const edited = production.map((entry) =>
      entry.id === "applications-leave" ? { ...entry, id: "applications-quit" } : entry,
    );
    const { ignored } = relabelExamples(
      defaultTuningExamples(),
      new Set(edited.map((entry) => entry.id)),
      defaultExampleLabels(),
    );
    expect(ignored.find((i) => i.id === "applications-unenroll")?.reason).toMatch(
      /names applications-leave, which the base lacks/,
    );
    const match = createFaqMatcher(edited).match(renamed[0]?.text ?? "");
    expect(match.learned?.taught).toBe(false);
  });
});
