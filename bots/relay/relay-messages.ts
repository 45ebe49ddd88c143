import { Composer, type Context } from "telegraf";
import { addNote, agentReply } from "../../core/staff/index.js";
import { messageFiles, type WithFiles } from "./message-files.js";
import { classifyStaffText } from "./staff-text.js";
import { actorOf, messageEventKey, type RelayHandlerDeps, ticketOf } from "./staff-update.js";

/**
 * An agent's message in a ticket's topic: "!text" is an internal note, anything else is
 * the answer to the parent (text and files), checked by the etiquette guard in core.
 * Messages outside tickets (chat among agents in General) are left alone.
 */
export function relayMessages(h: RelayHandlerDeps): Composer<Context> {
  const composer = new Composer<Context>();
  composer.on("message", async (ctx) => {
    const message = ctx.message;
    const text =
      "text" in message ? message.text : "caption" in message ? (message.caption ?? "") : "";
    const files = messageFiles(message as WithFiles);
    if (text.trim() === "" && files.length === 0) return;
    const meaning = classifyStaffText(text);
    if (meaning.kind === "unknown_command") return;
    const ticket = await ticketOf(h, message);
    if (!ticket) return;
    const base = {
      actor: actorOf(ctx.from),
      ticketId: ticket.id,
      eventKey: messageEventKey(message),
      attachments: files,
      relayMessageId: message.message_id,
    };
    if (meaning.kind === "note") {
      await addNote(h.deps, { ...base, text: meaning.text });
      return;
    }
    const mediaGroupId = "media_group_id" in message ? message.media_group_id : undefined;
    await agentReply(h.deps, { ...base, text: meaning.text, mediaGroupId });
  });
  return composer;
}
