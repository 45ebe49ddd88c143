import { parse, stringify, YAMLParseError } from "yaml";
import { z } from "zod";
import { FaqError, type KbIssue } from "./faq-error.js";
import type { FaqEntryInput } from "./faq-types.js";
import { entryTitleLimit } from "./entry-title.js";

const text = z.string().trim().min(1, "must be a non-empty string");

/** One knowledge-base entry in the YAML file (the faq-bench kb.yaml format). */
export const kbEntrySchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, "must be a slug: lower-case latin letters, digits, dashes"),
  category: text,
  question: text,
  title: text.max(entryTitleLimit, `must be at most ${entryTitleLimit} characters`).optional(),
  answer: text,
  phrasings: z.array(text).default([]),
  keywords: z.array(text).default([]),
  /** An unreviewed draft (e.g. saved with /faq): import keeps it unpublished. */
  draft: z.boolean().optional(),
});

/** A knowledge-base entry as parsed from YAML. */
export type KbEntry = z.infer<typeof kbEntrySchema>;

/**
 * Parses and validates a knowledge-base YAML text (top-level `entries:` list). Throws a
 * FaqError listing every bad entry by id and field; returns entries only when all of
 * them are valid, so a caller never imports half a file.
 */
export function parseKbYaml(source: string): FaqEntryInput[] {
  let document: unknown;
  try {
    document = parse(source);
  } catch (error) {
    const where =
      error instanceof YAMLParseError && error.linePos ? ` at line ${error.linePos[0].line}` : "";
    throw new FaqError("KB_YAML_SYNTAX", `The file is not valid YAML${where}.`, [], {
      cause: error,
    });
  }
  const list = (document as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(list)) {
    const issue = {
      entry: "-",
      field: "entries",
      message: "the file needs a top-level `entries:` list",
    };
    throw new FaqError("KB_INVALID", describe([issue]), [issue]);
  }
  const issues: KbIssue[] = [];
  const entries: FaqEntryInput[] = [];
  const seen = new Set<string>();
  list.forEach((raw: unknown, i) => {
    const rawId = (raw as { id?: unknown } | null)?.id;
    const name = typeof rawId === "string" && rawId.trim() !== "" ? rawId : `#${i + 1}`;
    const parsed = kbEntrySchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        issues.push({
          entry: name,
          field: issue.path.join(".") || "(entry)",
          message: issue.message,
        });
      return;
    }
    if (seen.has(parsed.data.id))
      issues.push({ entry: name, field: "id", message: "duplicate id: ids must be unique" });
    seen.add(parsed.data.id);
    entries.push(parsed.data);
  });
  if (issues.length > 0) throw new FaqError("KB_INVALID", describe(issues), issues);
  return entries;
}

function describe(issues: KbIssue[]): string {
  const lines = issues.map(
    (issue) => `entry ${issue.entry}, field ${issue.field}: ${issue.message}`,
  );
  return `The knowledge base has ${issues.length} problem(s):\n${lines.join("\n")}`;
}

/** Serialises entries to the same YAML format `parseKbYaml` reads. */
export function formatKbYaml(entries: readonly FaqEntryInput[]): string {
  const plain = entries.map((entry) => ({
    id: entry.id,
    category: entry.category,
    question: entry.question,
    ...(entry.title ? { title: entry.title } : {}),
    answer: entry.answer,
    phrasings: [...entry.phrasings],
    keywords: [...entry.keywords],
    ...(entry.draft ? { draft: true } : {}),
  }));
  return stringify({ entries: plain }, { lineWidth: 0 });
}
