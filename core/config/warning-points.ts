/**
 * A moment before the SLA deadline when the staff topic gets a warning: a share of the
 * allowed time elapsed ("80%") or minutes left ("15m").
 */
export type WarningPoint = { kind: "share"; percent: number } | { kind: "before"; minutes: number };

/** Parses "50%,80%,15m" (already shape-checked by the config schema). */
export function parseWarningPoints(spec: string): WarningPoint[] {
  return spec
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part): WarningPoint => {
      const value = Number.parseInt(part, 10);
      return part.endsWith("%")
        ? { kind: "share", percent: value }
        : { kind: "before", minutes: value };
    });
}

/** A stable label for job ids and notification keys, e.g. "p80" or "m15". */
export function warningPointLabel(point: WarningPoint): string {
  return point.kind === "share" ? `p${point.percent}` : `m${point.minutes}`;
}
