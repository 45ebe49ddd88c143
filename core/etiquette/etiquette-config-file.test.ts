import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { checkEtiquette } from "./check-etiquette.js";
import { loadEtiquetteConfigFile } from "./etiquette-config-file.js";

const dir = mkdtempSync(path.join(tmpdir(), "etiquette-config-"));
function file(name: string, text: string): string {
  const full = path.join(dir, name);
  writeFileSync(full, text);
  return full;
}

describe("ETIQUETTE_CONFIG_FILE", () => {
  test("the operator's hosts and words are held like the built-in ones", () => {
    const options = loadEtiquetteConfigFile(
      file(
        "ok.yaml",
        "internalDomains:\n  - CRM.uso66.ru\nforbiddenWords:\n  - АИС\n  - тикет\nknownWords:\n  - кванториум\n",
      ),
    );
    expect(options).toEqual({
      internalDomains: ["crm.uso66.ru"],
      forbiddenWords: ["АИС", "тикет"],
      knownWords: ["кванториум"],
    });
    const kinds = checkEtiquette(
      "Ваш тикет передан, статус видно в https://tasks.crm.uso66.ru/t/5",
      options,
    ).findings.map((f) => [f.kind, f.match]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ["operator_word", "тикет"],
        ["confidential", "https://tasks.crm.uso66.ru/t/5"],
      ]),
    );
    expect(checkEtiquette("Заявка в АИСе обработана", options).ok).toBe(true);
  });

  test("a wrong file stops the start with a message naming the file and the field", () => {
    const phrase = file("phrase.yaml", "forbiddenWords:\n  - два слова\n");
    expect(() => loadEtiquetteConfigFile(phrase)).toThrow(
      `ETIQUETTE_CONFIG_FILE is invalid: ${phrase}: forbiddenWords.0: must be a single word`,
    );
    const url = file("url.json", '{"internalDomains": ["https://crm.example.ru/"]}');
    expect(() => loadEtiquetteConfigFile(url)).toThrow(/internalDomains\.0: must be a host name/);
    const typo = file("typo.yaml", "internalDomain: [crm.example.ru]\n");
    expect(() => loadEtiquetteConfigFile(typo)).toThrow(/Unrecognized key/);
    expect(() => loadEtiquetteConfigFile(path.join(dir, "missing.yaml"))).toThrow(/ENOENT/);
  });
});
