import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { ConfigError } from "../config/index.js";
import type { EtiquetteOptions } from "./etiquette-verdict.js";

/** A host name such as "crm.uso66.ru" (no scheme, no path). */
const host = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)([\p{L}\p{N}-]+\.)+[\p{L}\p{N}-]+$/u,
    'must be a host name like "crm.example.ru"',
  );

/** One word (letters, digits, hyphen); phrases are not matched. */
const word = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}]+$/u, "must be a single word (letters and digits only)");

export const etiquetteConfigFileSchema = z
  .object({
    internalDomains: z.array(host).default([]),
    forbiddenWords: z.array(word).default([]),
    knownWords: z.array(word).default([]),
  })
  .strict();

/**
 * Reads ETIQUETTE_CONFIG_FILE (YAML or JSON): the operator's own back-office hosts (a link
 * to one of them or a subdomain is held as confidential), words they do not want in
 * replies, and words of their service the literacy hint accepts (`knownWords`). A problem stops the start with a ConfigError naming the file and the field.
 */
export function loadEtiquetteConfigFile(file: string): EtiquetteOptions {
  const problem = (message: string) =>
    new ConfigError([`ETIQUETTE_CONFIG_FILE is invalid: ${file}: ${message}`]);
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path.resolve(file), "utf8"));
  } catch (error) {
    throw problem(error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error));
  }
  const parsed = etiquetteConfigFileSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw problem(`${issue?.path.join(".") || "file"}: ${issue?.message ?? "invalid"}`);
  }
  return parsed.data;
}
