import { Composer, type Context, type NarrowedContext } from "telegraf";
import type { Message, MessageEntity, Update } from "telegraf/types";
import type { AgentRole } from "../../core/db/index.js";
import {
  addNote,
  holdTicket,
  moveDeadline,
  moveTicketLine,
  postStaffHint,
  reopenTicket,
  requestTicketInfo,
  requestTicketsList,
  resolveTicket,
  saveFaqDraft,
  setAgentRole,
  type StaffActionInput,
  takeTicket,
} from "../../core/staff/index.js";
import { replyWithMacro } from "../../core/console/index.js";
import { sendConsoleLink } from "./console-command.js";
import { commandArgs } from "./staff-text.js";
import { actorOf, messageEventKey, type RelayHandlerDeps, ticketOf } from "./staff-update.js";

type CommandContext = NarrowedContext<Context, Update.MessageUpdate<Message.TextMessage>>;

const roles: Record<string, AgentRole> = {
  supervisor: "supervisor",
  agent: "agent",
  admin: "admin",
};

/**
 * The agents' commands: /take, /resolve [comment], /reopen, /hold, /deadline (supervisors),
 * /faq, /info, /note, /line <site|booking|other>
 * inside a ticket's topic; /tickets and /help anywhere; /role for group administrators.
 * Each parses, calls one core operation, and core queues whatever is posted in reply.
 */
export function relayCommands(h: RelayHandlerDeps): Composer<Context> {
  const composer = new Composer<Context>();

  const inTicket =
    (run: (input: StaffActionInput, ctx: CommandContext) => Promise<unknown>) =>
    async (ctx: CommandContext) => {
      const actor = actorOf(ctx.from);
      const eventKey = messageEventKey(ctx.message);
      const ticket = await ticketOf(h, ctx.message);
      if (!ticket) {
        await postStaffHint(h.deps, {
          actor,
          eventKey,
          key: "relay-hint-in-topic",
          chatId: String(ctx.chat.id),
        });
        return;
      }
      await run({ actor, ticketId: ticket.id, eventKey, explainRefusal: true }, ctx);
    };

  composer.command(
    "take",
    inTicket((input) => takeTicket(h.deps, input)),
  );
  composer.command(
    "hold",
    inTicket((input) => holdTicket(h.deps, input)),
  );
  composer.command(
    "reopen",
    inTicket((input) => reopenTicket(h.deps, input)),
  );
  composer.command(
    "faq",
    inTicket((input) => saveFaqDraft(h.deps, input)),
  );
  composer.command(
    "info",
    inTicket((input) => requestTicketInfo(h.deps, input)),
  );
  composer.command(
    "resolve",
    inTicket((input, ctx) =>
      resolveTicket(h.deps, {
        ...input,
        comment: commandArgs(ctx.message.text),
        relayMessageId: ctx.message.message_id,
      }),
    ),
  );
  composer.command(
    "deadline",
    inTicket(async (input, ctx) =>
      moveDeadline(h.deps, {
        ...input,
        args: commandArgs(ctx.message.text),
        // A line's supervisors include its group's administrators (several groups only).
        groupAdmin:
          (h.chatIds?.size ?? 1) > 1 &&
          (await h.directory.isAdmin(ctx.from.id, String(ctx.chat.id))),
      }),
    ),
  );
  composer.command(
    "line",
    inTicket((input, ctx) =>
      moveTicketLine(h.deps, { ...input, args: commandArgs(ctx.message.text) }),
    ),
  );
  composer.command(
    "note",
    inTicket(async (input, ctx) => {
      const text = commandArgs(ctx.message.text);
      if (!text) return;
      await addNote(h.deps, {
        ...input,
        text,
        attachments: [],
        relayMessageId: ctx.message.message_id,
      });
    }),
  );
  composer.command("tickets", async (ctx) => {
    await requestTicketsList(h.deps, {
      actor: actorOf(ctx.from),
      eventKey: messageEventKey(ctx.message),
      chatId: String(ctx.chat.id),
    });
  });
  composer.command(["help", "start"], async (ctx) => {
    await postStaffHint(h.deps, {
      actor: actorOf(ctx.from),
      eventKey: messageEventKey(ctx.message),
      chatId: String(ctx.chat.id),
      key: "relay-help",
    });
  });
  composer.command("role", (ctx) => changeRole(h, ctx));
  composer.command(
    "m",
    inTicket((input, ctx) =>
      replyWithMacro(h.deps, { ...input, name: commandArgs(ctx.message.text) }),
    ),
  );
  composer.command("console", async (ctx) => {
    if (h.consoleUrl) await sendConsoleLink(h, h.consoleUrl, ctx);
  });
  return composer;
}

/**
 * /role supervisor|agent|admin, as a reply to the colleague's message, with a mention of
 * them (picked from the member list, so Telegram adds their id), or with their numeric id.
 */
async function changeRole(h: RelayHandlerDeps, ctx: CommandContext): Promise<void> {
  const actor = actorOf(ctx.from);
  const eventKey = messageEventKey(ctx.message);
  const words = commandArgs(ctx.message.text).split(/\s+/).filter(Boolean);
  const role = words.map((w) => roles[w.toLowerCase()]).find(Boolean);
  const target = roleTarget(ctx.message, words);
  if (!(await h.directory.isAdmin(ctx.from.id, String(ctx.chat.id)))) {
    h.logger.warn({ userId: ctx.from.id }, "/role by someone who is not a group administrator");
    await postStaffHint(h.deps, {
      actor,
      eventKey,
      key: "relay-role-admins-only",
      chatId: String(ctx.chat.id),
    });
    return;
  }
  if (!role || !target) {
    await postStaffHint(h.deps, {
      actor,
      eventKey,
      key: "relay-role-usage",
      chatId: String(ctx.chat.id),
    });
    return;
  }
  await setAgentRole(h.deps, { actor, target, role, eventKey });
}

function roleTarget(message: Message.TextMessage, words: string[]) {
  const reply = message.reply_to_message;
  const explicitReply =
    reply && reply.message_id !== message.message_thread_id ? reply.from : undefined;
  if (explicitReply && !explicitReply.is_bot) return actorOf(explicitReply);
  const mention = (message.entities ?? []).find(
    (e): e is MessageEntity.TextMentionMessageEntity => e.type === "text_mention",
  );
  if (mention) return actorOf(mention.user);
  const id = words.find((w) => /^\d{1,15}$/.test(w));
  return id ? { telegramUserId: id, displayName: "" } : undefined;
}
