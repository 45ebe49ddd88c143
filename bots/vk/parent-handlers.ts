import type { MessageContext, MessageEventContext, VK } from "vk-io";
import type { ParentCommand } from "../../core/intake/index.js";
import type { Logger } from "../../core/observability/index.js";
import type { Core } from "../../core/runtime/index.js";
import { actionOfPayload, isStartPayload } from "./button-payload.js";
import { answerCallbackPress, sendTapNotice } from "./press-answer.js";
import type { ProfileCache } from "./profile-cache.js";
import { attachmentsOf, languageOf, textOf } from "./to-inbound.js";
import type { UpdateRunner } from "./update-runner.js";

export interface ParentHandlerDeps {
  core: Core;
  groupId: number;
  runner: UpdateRunner;
  profiles: ProfileCache;
  logger: Logger;
}

const commandPattern = /^\/(start|help|status|faq)\s*$/i;

/**
 * Private dialogs with the community only: texts, files, button taps (callback buttons
 * as message_event, text buttons as message_new with a payload), /start and friends, and
 * edits go to core, the same operations the Telegram bot uses. message_deny and
 * message_allow mark the parent unreachable and reachable again.
 */
export function registerParentHandlers(vk: VK, deps: ParentHandlerDeps): void {
  const { core, groupId, runner } = deps;
  const deliveryKey = () => {
    const eventId = runner.eventId();
    return eventId === undefined ? undefined : `vk:${groupId}:e:${eventId}`;
  };
  const fromParent = (ctx: MessageContext) => ctx.isInbox && ctx.isUser && ctx.isFromUser;

  vk.updates.on("message_new", async (ctx) => {
    if (!fromParent(ctx)) return;
    const messageKey = `vk:p:${ctx.peerId}:m:${ctx.conversationMessageId ?? `id${ctx.id}`}`;
    const eventKeys = [deliveryKey(), messageKey].filter((k): k is string => k !== undefined);
    const base = {
      channel: "vk" as const,
      externalUserId: String(ctx.senderId),
      profile: { ...(await deps.profiles.get(ctx.senderId)), languageCode: languageOf(ctx) },
    };
    const payload: unknown = ctx.messagePayload;
    const action = actionOfPayload(payload);
    if (action !== undefined) {
      const reply = await core.handleAction({
        ...base,
        eventKey: eventKeys[0] ?? messageKey,
        data: action,
      });
      if (reply.toast && reply.outcome !== "duplicate")
        await sendTapNotice(vk, ctx.peerId, reply.toast).catch((error: unknown) =>
          deps.logger.debug({ err: error }, "tap notice failed"),
        );
      return;
    }
    const command = commandOf(ctx.text, payload);
    const attachments = attachmentsOf(ctx);
    const text = textOf(ctx);
    if (command || (text.trim() === "" && attachments.length === 0)) {
      await core.runCommand(command ?? "unsupported", { ...base, eventKeys });
      return;
    }
    await core.receiveMessage({
      ...base,
      chatId: String(ctx.peerId),
      eventKeys,
      externalMessageId: ctx.conversationMessageId?.toString(),
      text,
      attachments,
    });
  });

  vk.updates.on("message_edit", async (ctx) => {
    if (!fromParent(ctx) || ctx.conversationMessageId === undefined) return;
    const key =
      deliveryKey() ??
      `vk:p:${ctx.peerId}:m:${ctx.conversationMessageId}:edit:${ctx.updatedAt ?? ctx.createdAt}`;
    await core.receiveEdit({
      channel: "vk",
      externalUserId: String(ctx.senderId),
      externalMessageId: String(ctx.conversationMessageId),
      text: ctx.text ?? "",
      eventKeys: [key],
    });
  });

  vk.updates.on("message_event", async (ctx: MessageEventContext) => {
    if (ctx.peerId !== ctx.userId) return;
    const reply = await core.handleAction({
      channel: "vk",
      externalUserId: String(ctx.userId),
      eventKey: deliveryKey() ?? `vk:${groupId}:cb:${ctx.eventId}`,
      data: actionOfPayload(ctx.eventPayload) ?? "",
      profile: await deps.profiles.get(ctx.userId),
    });
    if (reply.outcome === "duplicate") return;
    await answerCallbackPress(vk, ctx, reply, deps.logger);
  });

  vk.updates.on(["message_allow", "message_deny"], async (ctx) => {
    await core.setReachability({
      channel: "vk",
      externalUserId: String(ctx.userId),
      blocked: ctx.isUnsubscribed,
      reason: ctx.isUnsubscribed ? "RECIPIENT_BLOCKED" : undefined,
    });
  });
}

/** "/start", "/help", "/status", "/faq", and VK's own "Начать" button on a first visit. */
function commandOf(text: string | undefined, payload: unknown): ParentCommand | undefined {
  if (isStartPayload(payload)) return "start";
  const match = commandPattern.exec(text?.trim() ?? "");
  return match ? (match[1]?.toLowerCase() as ParentCommand) : undefined;
}
