import type { MovedDeadline, ReportRow } from "./sla-report.js";

const columns: { title: string; cell(row: ReportRow): string }[] = [
  { title: "tickets", cell: (r) => String(r.tickets) },
  { title: "met", cell: (r) => String(r.met) },
  { title: "missed", cell: (r) => String(r.missed) },
  { title: "pending", cell: (r) => String(r.pending) },
  { title: "moved", cell: (r) => String(r.moved) },
  { title: "met %", cell: (r) => percent(r.metShare) },
  { title: "median 1st reply", cell: (r) => duration(r.medianFirstResponseMs) },
  { title: "p90 1st reply", cell: (r) => duration(r.p90FirstResponseMs) },
  { title: "rated", cell: (r) => String(r.rated) },
  { title: "CSAT", cell: (r) => (r.csatAverage === null ? "—" : r.csatAverage.toFixed(2)) },
  { title: "4-5 %", cell: (r) => percent(r.csatHighShare) },
  { title: "self-service", cell: (r) => String(r.selfService) },
];

/** The report as an aligned plain-text table, one section per grouping. */
export function formatReportTable(rows: readonly ReportRow[], title: string): string {
  const label = (r: ReportRow) => (r.scope === "all" ? "all tickets" : `${r.scope}: ${r.name}`);
  const table = [
    ["group", ...columns.map((c) => c.title)],
    ...rows.map((r) => [label(r), ...columns.map((c) => c.cell(r))]),
  ];
  const widths = (table[0] ?? []).map((_, i) =>
    Math.max(...table.map((line) => (line[i] ?? "").length)),
  );
  const render = (line: string[]) =>
    line
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  const lines = table.map(render);
  const rule = "-".repeat(Math.max(...lines.map((l) => l.length)));
  return [title, "", lines[0], rule, ...lines.slice(1)].join("\n");
}

/**
 * The tickets whose deadline a supervisor moved, apart from the table: the promise they
 * are measured against, the moved deadline, and when the first answer came.
 */
export function formatMovedDeadlines(moved: readonly MovedDeadline[], timeZone: string): string {
  if (moved.length === 0) return "Deadlines moved by a supervisor: none";
  const when = (at: Date | null) =>
    at
      ? new Intl.DateTimeFormat("ru-RU", {
          timeZone,
          dateStyle: "short",
          timeStyle: "short",
        }).format(at)
      : "—";
  return [
    "Deadlines moved by a supervisor (measured above against the original promise):",
    ...moved.map(
      (m) =>
        `  №${m.number}: promised ${when(m.firstResponseDueAt)}, moved to ${when(m.deadlineMovedTo)}, first answer ${when(m.firstResponseAt)}`,
    ),
  ].join("\n");
}

/**
 * The report as CSV (comma-separated, RFC 4180 quoting), times in minutes. New columns go
 * last, so spreadsheets built on the earlier columns keep working.
 */
export function formatReportCsv(rows: readonly ReportRow[]): string {
  const header = [
    "scope",
    "name",
    "tickets",
    "met",
    "missed",
    "pending",
    "met_share",
    "median_first_response_minutes",
    "p90_first_response_minutes",
    "rated",
    "csat_average",
    "csat_share_4_5",
    "self_service",
    "moved",
  ];
  const number = (value: number | null, digits: number) =>
    value === null ? "" : String(Number(value.toFixed(digits)));
  const minutes = (ms: number | null) => number(ms === null ? null : ms / 60_000, 1);
  const lines = rows.map((r) =>
    [
      r.scope,
      csvText(r.name),
      r.tickets,
      r.met,
      r.missed,
      r.pending,
      number(r.metShare, 4),
      minutes(r.medianFirstResponseMs),
      minutes(r.p90FirstResponseMs),
      r.rated,
      number(r.csatAverage, 2),
      number(r.csatHighShare, 4),
      r.selfService,
      r.moved,
    ].join(","),
  );
  return `${[header.join(","), ...lines].join("\n")}\n`;
}

function csvText(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function percent(share: number | null): string {
  return share === null ? "—" : `${(share * 100).toFixed(1)}%`;
}

/** "3h 05m", "45m", "2d 4h". */
export function duration(ms: number | null): string {
  if (ms === null) return "—";
  const minutes = Math.round(ms / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, "0")}m`;
  return `${m}m`;
}
