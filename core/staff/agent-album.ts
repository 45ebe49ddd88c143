import type { Contact, Tx } from "../db/index.js";
import type { Effects } from "../intake/index.js";
import { sendToParent } from "../intake/index.js";
import type { ParentOutbound } from "../outbound/index.js";

/**
 * Album items reach the relay as separate updates a few milliseconds apart; the parent's
 * row waits this long after the newest item so the whole album leaves as one. What counts
 * is the gap between two items' handling, which a loaded machine stretches: 1.5 s once
 * split a three-photo album during a full test run. A parent waits for an agent's answer
 * minutes anyway; 3 s more for an album costs nothing.
 */
export const AGENT_ALBUM_SETTLE_MS = 3000;

type AgentMedia = Extract<ParentOutbound, { type: "agent_media" }>;

/**
 * Queues one item of an agent's album (Telegram media group) for the parent: the first
 * item records the row, later ones add their files and text to it while it still waits,
 * so the parent gets one album (Telegram) or one message with attachments (VK). An item
 * that comes after the row left gets a row of its own: late, but never lost.
 */
export async function queueAgentAlbumItem(
  tx: Tx,
  effects: Effects,
  contact: Pick<Contact, "channel" | "externalId" | "blockedAt">,
  payload: AgentMedia,
  album: { ticketId: number; messageId: number; mediaGroupId: string; text: string; now: Date },
): Promise<boolean> {
  if (contact.blockedAt) return false;
  const dedupeKey = `agent-album-${album.ticketId}-${album.mediaGroupId}`;
  const notBefore = new Date(album.now.getTime() + AGENT_ALBUM_SETTLE_MS);
  const merged = await tx.$queryRaw<{ id: number }[]>`
    UPDATE "Outbox" SET
      "payload" = jsonb_set(
        jsonb_set("payload", '{attachments}', ("payload"->'attachments') || ${JSON.stringify(payload.attachments)}::jsonb),
        '{text}',
        CASE WHEN ${album.text} = '' THEN "payload"->'text'
             WHEN "payload"->>'text' = '' THEN to_jsonb(${album.text}::text)
             ELSE to_jsonb(("payload"->>'text') || E'\n\n' || ${album.text}::text) END),
      "notBefore" = ${notBefore}
    WHERE "dedupeKey" = ${dedupeKey} AND "status" = 'pending'
    RETURNING "id"`;
  const row = merged[0];
  if (row) {
    effects.outboxIds.push(row.id);
    return true;
  }
  const seen = await tx.outbox.count({ where: { dedupeKey } });
  return sendToParent(tx, effects, contact, payload, {
    ticketId: album.ticketId,
    messageId: album.messageId,
    ...(seen > 0 ? {} : { dedupeKey, notBefore }),
  });
}
