import type { MessageEntity, User } from "grammy/types";
import { EntityParseError } from "./entity-parse-error.js";

/** Finds a user for tg://user?id= links; undefined drops the link, as Telegram does. */
export type UserLookup = (id: number) => User | undefined;

/**
 * Normalises a link target the way Telegram does: a missing scheme becomes http://, the
 * URL is canonicalised (telegram.org -> http://telegram.org/), and anything that is not a
 * plausible web address yields undefined (the link entity is then silently dropped).
 */
export function normalizeUrl(raw: string): string | undefined {
  const trimmed = raw.trim();
  if (trimmed === "") return undefined;
  if (/^tg:/i.test(trimmed)) return trimmed;
  const withScheme = /^[a-z][a-z\d+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return undefined;
  }
  if (!["http:", "https:", "ftp:", "tonsite:"].includes(url.protocol)) return undefined;
  if (!url.hostname.includes(".")) return undefined;
  return url.href;
}

/** The entity a link becomes: text_link, text_mention for tg://user?id=, or nothing. */
export function linkEntity(
  offset: number,
  length: number,
  rawUrl: string,
  findUser: UserLookup,
): MessageEntity | undefined {
  const mention = /^tg:(?:\/\/)?user\?id=(\d+)$/i.exec(rawUrl.trim());
  if (mention?.[1]) {
    const user = findUser(Number(mention[1]));
    return user ? { type: "text_mention", offset, length, user } : undefined;
  }
  const url = normalizeUrl(rawUrl);
  return url ? { type: "text_link", offset, length, url } : undefined;
}

/** Validates a tg://emoji?id=N link the way TDLib does. */
export function customEmojiId(raw: string): string {
  const match = /^([a-z][a-z0-9+.-]*):(?:\/\/)?([^/?#]*)\/?(\?[^#]*)?/i.exec(raw);
  if (!match || match[1]?.toLowerCase() !== "tg")
    throw new EntityParseError("Custom emoji URL must have scheme tg");
  if (match[2]?.toLowerCase() !== "emoji")
    throw new EntityParseError('Custom emoji URL must have host "emoji"');
  const id = new URLSearchParams(match[3] ?? "").get("id");
  if (!id) throw new EntityParseError("Custom emoji URL must have an emoji identifier");
  if (!/^[1-9]\d*$/.test(id))
    throw new EntityParseError("Invalid custom emoji identifier specified");
  return id;
}
