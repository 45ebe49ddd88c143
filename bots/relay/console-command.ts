import type { Context } from "telegraf";
import { issueSignInLink } from "../../core/console/index.js";
import { postStaffHint } from "../../core/staff/index.js";
import { failureOf } from "./telegram-failure.js";
import { actorOf, messageEventKey, type RelayHandlerDeps } from "./staff-update.js";

/**
 * /console: a one-time sign-in link to the web console, sent privately to the member who
 * asked. Sent directly rather than through the outbox, because the outbox stores payloads
 * in plain text and the link is a credential. When the member has not started a private
 * chat with the bot (Telegram refuses the send), the group is told how to fix that.
 */
export async function sendConsoleLink(
  h: RelayHandlerDeps,
  consoleUrl: string,
  ctx: Context & {
    from: NonNullable<Context["from"]>;
    message: { chat: { id: number }; message_id: number };
  },
): Promise<void> {
  const actor = actorOf(ctx.from);
  const { token } = await issueSignInLink(h.deps, actor);
  const url = `${consoleUrl.replace(/\/$/, "")}/console/sign-in?token=${token}`;
  try {
    await ctx.telegram.sendMessage(
      ctx.from.id,
      h.deps.i18n.t("ru", "relay-console-link", { url }),
      {
        // A link preview would fetch the page; the sign-in page needs a press anyway.
        link_preview_options: { is_disabled: true },
      },
    );
  } catch (error) {
    const code = failureOf(error)?.errorCode;
    if (code !== 403 && code !== 400) throw error;
    await postStaffHint(h.deps, {
      actor,
      eventKey: messageEventKey(ctx.message),
      key: "relay-console-start-bot",
    });
  }
}
