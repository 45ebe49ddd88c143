import { describe, expect, test } from "vitest";
import { checkEtiquette } from "./check-etiquette.js";
import { cleanReplies, corpusOptions, flaggedReplies } from "./fixtures/agent-replies.js";

describe("the etiquette guard on realistic replies", () => {
  test("the corpus is large enough to mean something", () => {
    expect(cleanReplies.length).toBeGreaterThanOrEqual(40);
    expect(flaggedReplies.length).toBeGreaterThanOrEqual(40);
    const kinds = new Set(flaggedReplies.flatMap(([, k]) => k));
    expect(kinds.size).toBe(6);
  });

  test.each(cleanReplies)("passes: %s", (reply) => {
    const verdict = checkEtiquette(reply, corpusOptions);
    expect(verdict.findings).toEqual([]);
    expect(verdict.ok).toBe(true);
  });

  test.each(flaggedReplies)("holds: %s", (reply, kinds) => {
    const verdict = checkEtiquette(reply, corpusOptions);
    expect(verdict.ok).toBe(false);
    expect([...new Set(verdict.findings.map((f) => f.kind))].sort()).toEqual([...kinds].sort());
  });
});
