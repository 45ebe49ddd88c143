import type { Db } from "../db/index.js";

/**
 * The SLA report's incident line: incidents opened in [from, to), the tickets linked to
 * them, and the median time from opening to resolution.
 */
export async function incidentReportLine(db: Db, range: { from: Date; to: Date }): Promise<string> {
  const incidents = await db.incident.findMany({
    where: { openedAt: { gte: range.from, lt: range.to } },
    select: { id: true, openedAt: true, resolvedAt: true, _count: { select: { links: true } } },
    orderBy: { id: "asc" },
  });
  if (incidents.length === 0) return "Incidents: none";
  const linked = incidents.reduce((sum, i) => sum + i._count.links, 0);
  const open = incidents.filter((i) => !i.resolvedAt).length;
  const durations = incidents
    .flatMap((i) => (i.resolvedAt ? [i.resolvedAt.getTime() - i.openedAt.getTime()] : []))
    .sort((a, b) => a - b);
  const median = durations[Math.floor((durations.length - 1) / 2)];
  const minutes = median === undefined ? "—" : `${Math.round(median / 60_000)} min`;
  return `Incidents: ${incidents.length} (${open} still open), ${linked} tickets linked, median time to resolve ${minutes}`;
}
