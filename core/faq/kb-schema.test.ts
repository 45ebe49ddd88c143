import { describe, expect, it } from "vitest";
import { FaqError } from "./faq-error.js";
import { formatKbYaml, parseKbYaml } from "./kb-schema.js";
import { testEntries } from "./test-entries.js";

function issuesOf(source: string) {
  try {
    parseKbYaml(source);
  } catch (error) {
    expect(error).toBeInstanceOf(FaqError);
    return error as FaqError;
  }
  throw new Error("expected the file to be rejected");
}

describe("parseKbYaml", () => {
  it("reads the kb.yaml format and fills optional lists", () => {
    const entries = parseKbYaml(`entries:
  - id: a-1
    category: account
    question: "Вопрос?"
    answer: "Ответ."
    phrasings: ["Другой вопрос"]
    keywords: ["слово"]
  - id: b-2
    category: booking
    question: "Ещё вопрос?"
    answer: "Ещё ответ."
`);
    expect(entries).toHaveLength(2);
    expect(entries[1]).toMatchObject({ id: "b-2", phrasings: [], keywords: [] });
  });

  it("names the entry id and the field of every problem", () => {
    const error = issuesOf(`entries:
  - id: good-one
    category: account
    question: "Вопрос?"
    answer: "Ответ."
  - id: broken-entry
    category: account
    question: ""
    answer: "Ответ."
    phrasings: ["ok", 42]
  - category: account
    question: "Без id"
    answer: "Ответ."
`);
    expect(error.code).toBe("KB_INVALID");
    expect(error.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entry: "broken-entry", field: "question" }),
        expect.objectContaining({ entry: "broken-entry", field: "phrasings.1" }),
        expect.objectContaining({ entry: "#3", field: "id" }),
      ]),
    );
    expect(error.message).toContain("entry broken-entry, field question");
  });

  it("rejects duplicate ids", () => {
    const entry = `  - id: same\n    category: c\n    question: q\n    answer: a\n`;
    const error = issuesOf(`entries:\n${entry}${entry}`);
    expect(error.issues).toEqual([expect.objectContaining({ entry: "same", field: "id" })]);
  });

  it("rejects a file without an entries list", () => {
    expect(issuesOf("questions: []").issues[0]?.field).toBe("entries");
  });

  it("rejects broken YAML with its line", () => {
    const error = issuesOf("entries:\n  - id: x\n    question: [unclosed\n");
    expect(error.code).toBe("KB_YAML_SYNTAX");
    expect(error.message).toMatch(/line \d+/);
  });

  it("keeps an optional short title and refuses one longer than 60 characters", () => {
    const withTitle = [{ ...testEntries[0]!, title: "Регистрация" }];
    expect(parseKbYaml(formatKbYaml(withTitle))[0]?.title).toBe("Регистрация");
    const long = formatKbYaml([{ ...testEntries[0]!, title: "т".repeat(61) }]);
    expect(() => parseKbYaml(long)).toThrow(/title: must be at most 60 characters/);
  });

  it("round-trips through formatKbYaml", () => {
    expect(parseKbYaml(formatKbYaml(testEntries))).toEqual(testEntries);
  });
});
