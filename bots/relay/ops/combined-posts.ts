import type { Message } from "../../../core/db/index.js";
import type { RelayView } from "../../../core/staff/index.js";
import { parseAttachments } from "../../../core/tickets/index.js";
import { parentPostUnits } from "../parent-posts.js";
import type { RelayRuntime } from "../relay-runtime.js";

/** A message that can share a text post: text only, not part of an album. */
function textOnly(message: Message): boolean {
  return (
    message.mediaGroupId === null &&
    parseAttachments(message.attachments).length === 0 &&
    message.text.trim() !== ""
  );
}

/** The text of several messages of one parent as one post, under one header. */
export function combinedCaption(header: string, messages: Message[]): string {
  return [header, ...messages.map((m) => m.text)].filter(Boolean).join("\n");
}

/**
 * When the group's budget is short, a parent's text message and their later text messages
 * still waiting are posted as one: returns the messages to combine (the first one first),
 * or undefined to post the message alone. Short means the budget has no room for posting
 * each of them on its own now. `waiting`: the parent's later messages not shown yet, as the
 * view read them.
 */
export async function planCombined(
  rt: RelayRuntime,
  message: Message,
  waiting: Message[],
  header: string,
  placeUnits: number,
): Promise<Message[] | undefined> {
  if (!rt.groupRoom || !textOnly(message)) return undefined;
  const later: Message[] = [];
  for (const next of waiting) {
    if (!textOnly(next)) break;
    later.push(next);
  }
  if (later.length === 0) return undefined;
  const all = [message, ...later];
  const separately =
    placeUnits +
    parentPostUnits(
      all.map((m, i) => ({ caption: i === 0 ? `${header}\n${m.text}` : m.text, attachments: [] })),
    );
  if ((await rt.groupRoom()) >= separately) return undefined;
  return all;
}

/** The planned messages that are still unshown in the view the send works from (in order). */
export function stillUnshown(view: RelayView, ids: number[]): Message[] {
  const known = new Map(
    [view.message, ...view.later].filter((m) => m !== null).map((m) => [m.id, m]),
  );
  return ids
    .map((id) => known.get(id))
    .filter((m): m is Message => m !== undefined && m.relayMessageId === null);
}
