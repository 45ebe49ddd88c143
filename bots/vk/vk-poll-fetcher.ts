import { createHash } from "node:crypto";
import type { VK } from "vk-io";
import type { IncomingUpdate, PollFetcher } from "../../core/runtime/index.js";

type LongPollAnswer =
  | { ts: string; updates: Record<string, unknown>[] }
  | { failed: 1; ts: string }
  | { failed: 2 | 3 };

/**
 * Bots Long Poll for the leased poll loop, written here because vk-io's own loop moves
 * `ts` on before its handlers run (a kill -9 then lost the update in flight). The cursor
 * is `ts`: it moves only after the batch is stored, and a poller taking over resumes
 * from the stored one. `failed: 1` (history gone) resumes from VK's new ts; 2 and 3 ask
 * for a new key (3 a new ts too), as VK documents.
 */
export function vkPollFetcher(
  vk: VK,
  groupId: number,
  waitSeconds = 25,
): PollFetcher & { prime(): Promise<void> } {
  let server: { server: string; key: string; ts: string } | undefined;
  return {
    /**
     * Asks for the server (and VK's current ts) now, at start, so a first-ever poll
     * resumes from the moment the bot started rather than from its first fetch.
     */
    async prime() {
      server ??= await vk.api.groups.getLongPollServer({ group_id: groupId });
    },
    isFatal: (error) => (error as { code?: unknown }).code === 5,
    async fetch(cursor, signal) {
      server ??= await vk.api.groups.getLongPollServer({ group_id: groupId });
      const ts = cursor ?? server.ts;
      const query = new URLSearchParams({
        act: "a_check",
        key: server.key,
        ts,
        wait: String(waitSeconds),
      });
      const response = await fetch(`${server.server}?${query.toString()}`, { signal });
      if (!response.ok) throw new Error(`VK Long Poll answered HTTP ${response.status}`);
      const answer = (await response.json()) as LongPollAnswer;
      if ("failed" in answer) {
        if (answer.failed === 1) return { updates: [], next: answer.ts };
        server = undefined;
        return { updates: [], next: answer.failed === 3 ? undefined : cursor };
      }
      return { updates: answer.updates.map((u) => vkIncoming(groupId, u)), next: answer.ts };
    },
  };
}

/** A VK event as the inbox stores it (Long Poll and Callback API alike). */
export function vkIncoming(groupId: number, update: Record<string, unknown>): IncomingUpdate {
  const eventId = typeof update.event_id === "string" ? update.event_id : undefined;
  return {
    // The handlers claim the same key (see parent-handlers' deliveryKey).
    dedupeKey: eventId
      ? vkEventKey(groupId, eventId)
      : `vk:${groupId}:h:${createHash("sha256").update(JSON.stringify(update)).digest("hex")}`,
    chatKey: `vk:${peerOf(update)}`,
    payload: update,
  };
}

export function vkEventKey(groupId: number, eventId: string): string {
  return `vk:${groupId}:e:${eventId}`;
}

/** The conversation an update belongs to, for ordering. */
function peerOf(update: Record<string, unknown>): string {
  const object = (update.object ?? {}) as Record<string, unknown>;
  const message = (object.message ?? object) as Record<string, unknown>;
  const peer = message.peer_id ?? object.peer_id ?? object.user_id;
  return typeof peer === "number" ? String(peer) : "other";
}
