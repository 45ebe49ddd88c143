import type { MethodHandler } from "../env.js";
import { botInfoMethods } from "./bot-info.js";
import { callbackMethods } from "./callbacks.js";
import { chatMethods } from "./chats.js";
import { copyingMethods } from "./copying.js";
import { forumMethods } from "./forum.js";
import { mediaMethods } from "./media.js";
import { messageMethods } from "./messages.js";
import { updateMethods } from "./updates.js";

/** A registered method under its canonical name. */
export interface MethodEntry {
  name: string;
  handler: MethodHandler;
}

/** All supported methods, keyed by lower-case name: Bot API method names are case-insensitive. */
export function methodTable(): Map<string, MethodEntry> {
  const table = new Map<string, MethodEntry>();
  const groups = [
    botInfoMethods,
    updateMethods,
    messageMethods,
    copyingMethods,
    mediaMethods,
    forumMethods,
    chatMethods,
    callbackMethods,
  ];
  for (const group of groups) {
    for (const [name, handler] of Object.entries(group))
      table.set(name.toLowerCase(), { name, handler });
  }
  return table;
}
