import type { Tx } from "../db/index.js";
import { type Effects, type IntakeDeps, notifyStaff } from "../intake/index.js";

/** The shared summary post is edited at most this often while tickets keep joining. */
export const SUMMARY_EVERY_MS = 10_000;

/**
 * Links a ticket to an incident (once; returns false when it was linked already) and asks
 * for the summary post to be brought up to date.
 */
export async function linkTicket(
  tx: Tx,
  deps: Pick<IntakeDeps, "clock" | "settings">,
  effects: Effects,
  incidentId: number,
  ticketId: number,
): Promise<boolean> {
  const inserted = await tx.$queryRaw<{ ticketId: number }[]>`
    INSERT INTO "IncidentLink" ("incidentId", "ticketId", "linkedAt")
    VALUES (${incidentId}, ${ticketId}, ${deps.clock.now()})
    ON CONFLICT DO NOTHING
    RETURNING "ticketId"`;
  if (inserted.length === 0) return false;
  effects.ticketIds.push(ticketId);
  await refreshSummary(tx, deps, effects, incidentId);
  return true;
}

/**
 * Queues an edit of the incident's summary post for the end of the current interval:
 * one row per interval (its dedupe key), so a burst of links makes one edit, and the
 * edit, rendered when it is delivered, shows every link of the burst.
 */
export async function refreshSummary(
  tx: Tx,
  deps: Pick<IntakeDeps, "clock" | "settings">,
  effects: Effects,
  incidentId: number,
  when: "throttled" | "now" = "throttled",
): Promise<void> {
  if (!deps.settings.relayEnabled) return;
  const now = deps.clock.now().getTime();
  const slot = Math.floor(now / SUMMARY_EVERY_MS) + 1;
  const key =
    when === "now"
      ? `incident-${incidentId}-summary-at-${now}`
      : `incident-${incidentId}-summary-${slot}`;
  const notBefore = when === "now" ? undefined : new Date(slot * SUMMARY_EVERY_MS);
  await notifyStaff(
    tx,
    effects,
    deps.settings,
    { op: "incident_summary", incidentId },
    key,
    notBefore,
  );
}
