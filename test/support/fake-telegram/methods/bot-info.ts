import type { BotCommand } from "grammy/types";
import { z } from "zod";
import { badRequest } from "../api-error.js";
import type { MethodContext, MethodHandler } from "../env.js";
import { json, parseParams, str } from "../params.js";

const commandSchema = z.object({ command: z.string(), description: z.string() });
const scopeParams = {
  scope: json(z.looseObject({ type: z.string() })).optional(),
  language_code: str().optional(),
};

/** Commands are stored per scope and language, as Telegram keys them. */
function scopeKey(params: {
  scope?: { type: string } | undefined;
  language_code?: string | undefined;
}): string {
  return `${JSON.stringify(params.scope ?? { type: "default" })}|${params.language_code ?? ""}`;
}

function setMyCommands(ctx: MethodContext): true {
  const params = parseParams(
    z.object({ commands: json(z.array(commandSchema)), ...scopeParams }),
    ctx.params,
  );
  for (const { command, description } of params.commands) {
    if (!/^[a-z0-9_]{1,32}$/.test(command)) throw badRequest("BOT_COMMAND_INVALID");
    if (description.length < 1 || description.length > 256)
      throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
  }
  const commands: BotCommand[] = params.commands.map(({ command, description }) => ({
    command,
    description,
  }));
  ctx.bot.commands.set(scopeKey(params), commands);
  return true;
}

function getMyCommands(ctx: MethodContext): BotCommand[] {
  const params = parseParams(z.object(scopeParams), ctx.params);
  return ctx.bot.commands.get(scopeKey(params)) ?? [];
}

function deleteMyCommands(ctx: MethodContext): true {
  ctx.bot.commands.delete(scopeKey(parseParams(z.object(scopeParams), ctx.params)));
  return true;
}

/** getMe and the bot-profile methods. */
export const botInfoMethods: Record<string, MethodHandler> = {
  getMe: (ctx) => ctx.bot.user,
  setMyCommands,
  getMyCommands,
  deleteMyCommands,
  logOut: () => true,
  close: () => true,
};
