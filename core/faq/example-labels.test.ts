import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  defaultExampleLabels,
  parseExampleLabels,
  relabel,
  relabelExamples,
} from "./example-labels.js";
import { parseKbYaml } from "./kb-schema.js";
import { defaultTuningExamples } from "./tuning-examples.js";
import { packageFile } from "../shared/index.js";

const labels = parseExampleLabels(`labels:
  forgot-password: password-reset
  same-id: same-id
  certified-program: null
  renamed-since: gone
`);

describe("relabelling the tuning examples for another base", () => {
  const base = new Set(["password-reset", "same-id", "kept"]);

  it("keeps an id the base has, maps the others through the labels", () => {
    expect(relabel("kept", base, labels)).toEqual({ id: "kept" });
    expect(relabel("same-id", base, labels)).toEqual({ id: "same-id" });
    expect(relabel("forgot-password", base, labels)).toEqual({ id: "password-reset" });
    // The base's own id wins over the labels: kb.yaml itself is never relabelled.
    expect(relabel("password-reset", new Set(["password-reset"]), labels)).toEqual({
      id: "password-reset",
    });
  });

  it("ignores unmapped, unknown and renamed-away ids, saying why", () => {
    const reason = (id: string) => {
      const to = relabel(id, base, labels);
      return "reason" in to ? to.reason : `relabelled to ${to.id}`;
    };
    expect(reason("certified-program")).toMatch(/no entry of the base answers/);
    expect(reason("never-heard")).toMatch(/not in production-labels/);
    expect(reason("renamed-since")).toMatch(/names gone, which the base lacks/);
  });

  it("relabels examples, keeps 'needs a person' ones and counts the ignored per id", () => {
    const result = relabelExamples(
      [
        { text: "забыла пароль", entry: "forgot-password" },
        { text: "не помню пароль", entry: "forgot-password" },
        { text: "оплата сертификатом для ИП", entry: "certified-program" },
        { text: "верните деньги", entry: null },
        { text: "что-то", entry: "renamed-since" },
        { text: "ещё что-то", entry: "kept" },
      ],
      base,
      labels,
    );
    expect(result.examples).toEqual([
      { text: "забыла пароль", entry: "password-reset" },
      { text: "не помню пароль", entry: "password-reset" },
      { text: "верните деньги", entry: null },
      { text: "ещё что-то", entry: "kept" },
    ]);
    expect(result.relabelled).toBe(2);
    expect(result.ignored.map((i) => [i.id, i.examples])).toEqual([
      ["certified-program", 1],
      ["renamed-since", 1],
    ]);
  });

  it("rejects a labels file of the wrong shape", () => {
    expect(() => parseExampleLabels("labels: [a, b]")).toThrow(/must map/);
    expect(() => parseExampleLabels("labels:\n  a: 3")).toThrow(/a must map/);
  });
});

describe("the shipped production labels", () => {
  const shipped = defaultExampleLabels();
  const production = new Set(
    parseKbYaml(readFileSync(packageFile("locales", "ru", "faq.yaml"), "utf8")).map((e) => e.id),
  );

  it("name a fate for every id of the tuning examples", () => {
    const exampleIds = new Set(defaultTuningExamples().flatMap((e) => (e.entry ? [e.entry] : [])));
    expect([...exampleIds].filter((id) => !shipped.has(id))).toEqual([]);
  });

  it("point only to entries of locales/ru/faq.yaml", () => {
    const targets = [...shipped.values()].flatMap((to) => (to === null ? [] : [to]));
    expect(targets.filter((to) => !production.has(to))).toEqual([]);
  });

  it("leave no production entry untaught that a kb entry maps to", () => {
    const { ignored } = relabelExamples(defaultTuningExamples(), production, shipped);
    // Only the kb entries deliberately left without a counterpart are ignored.
    expect(ignored.map((i) => i.id)).toEqual(
      [...shipped].filter(([, to]) => to === null).map(([from]) => from),
    );
  });
});
