import type { Db } from "../db/index.js";

/** One chart of the dashboard: categories on x, one or more series of numbers. */
export interface ChartData {
  key: ChartKey;
  kind: "line" | "bars";
  labels: string[];
  series: { name: string; values: number[] }[];
}

export const chartKeys = [
  "tickets-per-day",
  "first-response",
  "sla-by-week",
  "faq-self-service",
  "faq-top-entries",
  "csat",
  "open-by-age",
] as const;
export type ChartKey = (typeof chartKeys)[number];

const DAY = 86_400_000;

/** Fills a label -> value map into the label order, 0 where nothing was counted. */
function column(labels: string[], rows: { label: string; value: number }[]): number[] {
  const map = new Map(rows.map((r) => [r.label, r.value]));
  return labels.map((l) => map.get(l) ?? 0);
}

function days(now: Date, count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    new Date(now.getTime() - (count - 1 - i) * DAY).toISOString().slice(0, 10),
  );
}

/**
 * The supervisors' dashboard over the last `days` days (dates in UTC): each query is one
 * aggregate over indexed ranges of Ticket or FaqLookup, so the page stays fast on a
 * large history.
 */
export async function dashboardStats(
  db: Db,
  input: { now: Date; days?: number },
): Promise<ChartData[]> {
  const span = input.days ?? 30;
  const since = new Date(input.now.getTime() - span * DAY);
  const dayLabels = days(input.now, span);
  const n = (v: bigint | number | null) => Number(v ?? 0);

  const perDay = await db.$queryRaw<{ d: string; channel: string; category: string; n: bigint }[]>`
    SELECT to_char(t."createdAt", 'YYYY-MM-DD') AS d, c.channel::text AS channel,
           t.category::text AS category, count(*) AS n
      FROM "Ticket" t JOIN "Contact" c ON c.id = t."contactId"
     WHERE t."createdAt" >= ${since}
     GROUP BY 1, 2, 3`;
  const sumBy = (field: "channel" | "category", value: string) =>
    column(
      dayLabels,
      Object.entries(
        perDay
          .filter((r) => r[field] === value)
          .reduce<Record<string, number>>(
            (acc, r) => ({ ...acc, [r.d]: (acc[r.d] ?? 0) + n(r.n) }),
            {},
          ),
      ).map(([label, value]) => ({ label, value })),
    );

  const buckets = ["<1h", "1-4h", "4-8h", "8-24h", ">24h"];
  const firstResponse = await db.$queryRaw<{ bucket: string; met: boolean; n: bigint }[]>`
    SELECT CASE WHEN h < 1 THEN '<1h' WHEN h < 4 THEN '1-4h' WHEN h < 8 THEN '4-8h'
                WHEN h < 24 THEN '8-24h' ELSE '>24h' END AS bucket, met, count(*) AS n
      FROM (SELECT extract(epoch FROM ("firstResponseAt" - "createdAt")) / 3600 AS h,
                   "firstResponseAt" <= "firstResponseDueAt" AS met
              FROM "Ticket" WHERE "createdAt" >= ${since} AND "firstResponseAt" IS NOT NULL) x
     GROUP BY 1, 2`;
  const byBucket = (met: boolean) =>
    column(
      buckets,
      firstResponse.filter((r) => r.met === met).map((r) => ({ label: r.bucket, value: n(r.n) })),
    );

  const weekly = await db.$queryRaw<{ w: string; met: bigint; total: bigint }[]>`
    SELECT to_char(date_trunc('week', "createdAt"), 'YYYY-MM-DD') AS w,
           count(*) FILTER (WHERE "firstResponseAt" <= "firstResponseDueAt") AS met,
           count(*) FILTER (WHERE "firstResponseAt" IS NOT NULL OR "firstResponseDueAt" < ${input.now}) AS total
      FROM "Ticket" WHERE "createdAt" >= ${new Date(input.now.getTime() - 12 * 7 * DAY)}
     GROUP BY 1 ORDER BY 1`;

  const faq = await db.$queryRaw<{ d: string; answered: bigint; escalated: bigint }[]>`
    SELECT to_char("createdAt", 'YYYY-MM-DD') AS d,
           count(*) FILTER (WHERE outcome = 'answered' AND helpful IS NOT FALSE) AS answered,
           count(*) FILTER (WHERE outcome <> 'small_talk') AS escalated
      FROM "FaqLookup" WHERE "createdAt" >= ${since} GROUP BY 1`;
  const top = await db.$queryRaw<{ slug: string; n: bigint }[]>`
    SELECT "bestSlug" AS slug, count(*) AS n FROM "FaqLookup"
     WHERE "createdAt" >= ${since} AND outcome = 'answered' AND "bestSlug" IS NOT NULL
     GROUP BY 1 ORDER BY 2 DESC LIMIT 10`;

  const csat = await db.$queryRaw<{ rating: number; n: bigint }[]>`
    SELECT rating, count(*) AS n FROM "Ticket"
     WHERE "ratedAt" >= ${since} AND rating IS NOT NULL GROUP BY 1`;

  const ageBuckets = ["<1d", "1-3d", "3-7d", ">7d"];
  const ages = await db.$queryRaw<{ bucket: string; n: bigint }[]>`
    SELECT CASE WHEN age < interval '1 day' THEN '<1d' WHEN age < interval '3 days' THEN '1-3d'
                WHEN age < interval '7 days' THEN '3-7d' ELSE '>7d' END AS bucket, count(*) AS n
      FROM (SELECT ${input.now}::timestamp - "createdAt" AS age FROM "Ticket"
             WHERE status IN ('new', 'waiting_agent', 'waiting_parent', 'on_hold')) x
     GROUP BY 1`;

  const weeks = weekly.map((w) => w.w);
  return [
    {
      key: "tickets-per-day",
      kind: "line",
      labels: dayLabels,
      series: [
        ...["telegram", "vk"].map((ch) => ({ name: ch, values: sumBy("channel", ch) })),
        ...["site", "booking", "other"].map((cat) => ({
          name: cat,
          values: sumBy("category", cat),
        })),
      ],
    },
    {
      key: "first-response",
      kind: "bars",
      labels: buckets,
      series: [
        { name: "met", values: byBucket(true) },
        { name: "missed", values: byBucket(false) },
      ],
    },
    {
      key: "sla-by-week",
      kind: "line",
      labels: weeks,
      series: [
        {
          name: "percent",
          values: weekly.map((w) =>
            n(w.total) === 0 ? 0 : Math.round((100 * n(w.met)) / n(w.total)),
          ),
        },
      ],
    },
    {
      key: "faq-self-service",
      kind: "line",
      labels: dayLabels,
      series: [
        {
          name: "percent",
          values: column(
            dayLabels,
            faq.map((r) => ({
              label: r.d,
              value: n(r.escalated) === 0 ? 0 : Math.round((100 * n(r.answered)) / n(r.escalated)),
            })),
          ),
        },
      ],
    },
    {
      key: "faq-top-entries",
      kind: "bars",
      labels: top.map((r) => r.slug),
      series: [{ name: "count", values: top.map((r) => n(r.n)) }],
    },
    {
      key: "csat",
      kind: "bars",
      labels: ["1", "2", "3", "4", "5"],
      series: [
        {
          name: "count",
          values: column(
            ["1", "2", "3", "4", "5"],
            csat.map((r) => ({ label: String(r.rating), value: n(r.n) })),
          ),
        },
      ],
    },
    {
      key: "open-by-age",
      kind: "bars",
      labels: ageBuckets,
      series: [
        {
          name: "count",
          values: column(
            ageBuckets,
            ages.map((r) => ({ label: r.bucket, value: n(r.n) })),
          ),
        },
      ],
    },
  ];
}

/** A chart as CSV: one row per label, one column per series. */
export function chartCsv(chart: ChartData): string {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = [["label", ...chart.series.map((s) => s.name)].map(quote).join(",")];
  chart.labels.forEach((label, i) =>
    lines.push([quote(label), ...chart.series.map((s) => String(s.values[i] ?? 0))].join(",")),
  );
  return `${lines.join("\n")}\n`;
}
