import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { packageFile } from "../shared/index.js";
import type { TrainingExample } from "./learned-classifier.js";
import { defaultTuningExamples } from "./tuning-examples.js";

/**
 * The production base's id for each id the tuning examples use (`training/production-labels.yaml`,
 * whose header says how it was made and how to keep it current); null where no production
 * entry answers the same questions.
 */
export type ExampleLabels = ReadonlyMap<string, string | null>;

export const defaultExampleLabelsFile = packageFile(
  "core",
  "faq",
  "training",
  "production-labels.yaml",
);

/** Reads a labels file: `labels:` maps an example id to a base id or null. */
export function parseExampleLabels(text: string): ExampleLabels {
  const parsed: unknown = parse(text);
  const labels = (parsed as { labels?: unknown } | null)?.labels;
  if (typeof labels !== "object" || labels === null || Array.isArray(labels))
    throw new Error("production-labels.yaml: `labels:` must map example ids to entry ids");
  const map = new Map<string, string | null>();
  for (const [from, to] of Object.entries(labels as Record<string, unknown>)) {
    if (to !== null && typeof to !== "string")
      throw new Error(`production-labels.yaml: ${from} must map to an entry id or null`);
    map.set(from, to);
  }
  return map;
}

let shared: ExampleLabels | undefined;

/** The shipped labels, read once. */
export function defaultExampleLabels(): ExampleLabels {
  shared ??= parseExampleLabels(readFileSync(defaultExampleLabelsFile, "utf8"));
  return shared;
}

/** Where an example id leads in one base: an entry id of it, or why it leads nowhere. */
export type Relabel = { id: string } | { reason: string };

/**
 * An id the base has is kept (the benchmark base, or an entry that kept its id); any other
 * goes through the labels, and only to an entry the base has. A base edited since the
 * labels were written (an entry renamed or removed) loses that entry's examples, never
 * its start.
 */
export function relabel(id: string, baseIds: ReadonlySet<string>, labels: ExampleLabels): Relabel {
  if (baseIds.has(id)) return { id };
  if (!labels.has(id)) return { reason: "not in the base and not in production-labels.yaml" };
  const to = labels.get(id);
  if (to === null || to === undefined)
    return { reason: "production-labels.yaml: no entry of the base answers the same questions" };
  if (baseIds.has(to)) return { id: to };
  return {
    reason: `production-labels.yaml names ${to}, which the base lacks (renamed or removed?)`,
  };
}

/** The examples a base can learn from, and those it cannot with the reason, per id. */
export interface RelabelledExamples {
  examples: TrainingExample[];
  /** Examples that now carry another id than they were written with. */
  relabelled: number;
  ignored: { id: string; examples: number; reason: string }[];
}

/** Relabels examples for a base (`relabel`); "needs a person" ones always count. */
export function relabelExamples(
  examples: readonly TrainingExample[],
  baseIds: ReadonlySet<string>,
  labels: ExampleLabels,
): RelabelledExamples {
  const kept: TrainingExample[] = [];
  const ignored = new Map<string, { id: string; examples: number; reason: string }>();
  let relabelled = 0;
  for (const example of examples) {
    if (example.entry === null) {
      kept.push(example);
      continue;
    }
    const to = relabel(example.entry, baseIds, labels);
    if ("id" in to) {
      if (to.id !== example.entry) relabelled++;
      kept.push(to.id === example.entry ? example : { ...example, entry: to.id });
    } else {
      const known = ignored.get(example.entry);
      if (known) known.examples++;
      else ignored.set(example.entry, { id: example.entry, examples: 1, reason: to.reason });
    }
  }
  return { examples: kept, relabelled, ignored: [...ignored.values()] };
}

/**
 * The shipped tuning examples a base with these entry ids learns from: its own ids kept,
 * the benchmark base's ids read through production-labels.yaml, the rest left out.
 */
export function shippedExamplesFor(ids: Iterable<string>): TrainingExample[] {
  return relabelExamples(defaultTuningExamples(), new Set(ids), defaultExampleLabels()).examples;
}
