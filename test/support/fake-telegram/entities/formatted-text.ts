import type { MessageEntity } from "grammy/types";
import type { z } from "zod";
import { badRequest } from "../api-error.js";
import type { entitySchema } from "../params.js";
import { detectEntities } from "./auto-detect.js";
import { EntityParseError } from "./entity-parse-error.js";
import { parseHtml } from "./html.js";
import { sortEntities, type FormattedText } from "./formatted.js";
import { parseMarkdownLegacy } from "./markdown-legacy.js";
import { parseMarkdownV2 } from "./markdown-v2.js";
import type { UserLookup } from "./text-url.js";

export type { FormattedText } from "./html.js";

/** Telegram's limits, in characters (code points) after markup is parsed. */
export const MAX_MESSAGE_LENGTH = 4096;
export const MAX_CAPTION_LENGTH = 1024;

type EntityInput = z.output<typeof entitySchema>;

/** What a send or edit call says about its text. */
export interface TextInput {
  text: string;
  parseMode?: string | undefined;
  entities?: EntityInput[] | undefined;
}

/**
 * Turns a text parameter into the stored text and entities: parses the markup (a parse
 * error is the real 400 "can't parse entities: ..."), trims surrounding whitespace as
 * Telegram does, and adds the entities Telegram detects by itself.
 */
export function formatText(input: TextInput, findUser: UserLookup): FormattedText {
  const parsed = parseMarkup(input, findUser);
  const trimmed = trim(parsed);
  return { text: trimmed.text, entities: detectEntities(trimmed.text, trimmed.entities) };
}

/** Text of sendMessage/editMessageText: non-empty and at most 4096 characters. */
export function formatMessageText(input: TextInput, findUser: UserLookup): FormattedText {
  if (input.text === "") throw badRequest("message text is empty");
  const formatted = formatText(input, findUser);
  if (formatted.text === "") throw badRequest("message text is empty");
  if (characterCount(formatted.text) > MAX_MESSAGE_LENGTH) throw badRequest("message is too long");
  return formatted;
}

/** A media caption: at most 1024 characters; empty means no caption. */
export function formatCaption(input: TextInput, findUser: UserLookup): FormattedText | undefined {
  if (input.text === "") return undefined;
  const formatted = formatText(input, findUser);
  if (characterCount(formatted.text) > MAX_CAPTION_LENGTH)
    throw badRequest("message caption is too long");
  return formatted.text === "" ? undefined : formatted;
}

/** Telegram counts characters as Unicode code points. */
export function characterCount(text: string): number {
  return [...text].length;
}

function parseMarkup(input: TextInput, findUser: UserLookup): FormattedText {
  const mode = input.parseMode?.toLowerCase() ?? "";
  try {
    if (input.text === "" || mode === "" || mode === "none") {
      return { text: input.text, entities: explicitEntities(input.text, input.entities ?? []) };
    }
    if (mode === "html") return parseHtml(input.text, findUser);
    if (mode === "markdownv2") return parseMarkdownV2(input.text, findUser);
    if (mode === "markdown") return parseMarkdownLegacy(input.text, findUser);
  } catch (error) {
    if (error instanceof EntityParseError)
      throw badRequest(`can't parse entities: ${error.message}`);
    throw error;
  }
  throw badRequest("unsupported parse_mode");
}

/** Entities a client passed explicitly: kept when they fit the text and name a known type. */
function explicitEntities(text: string, raw: EntityInput[]): MessageEntity[] {
  const result: MessageEntity[] = [];
  for (const entity of raw) {
    if (entity.length <= 0 || entity.offset + entity.length > text.length) continue;
    const converted = toMessageEntity(entity);
    if (converted) result.push(converted);
  }
  return sortEntities(result);
}

type PlainType = MessageEntity.CommonMessageEntity["type"];

/** Entity types that carry nothing but offset and length. */
const PLAIN_TYPES: Record<PlainType, true> = {
  mention: true,
  hashtag: true,
  cashtag: true,
  bot_command: true,
  url: true,
  email: true,
  phone_number: true,
  bold: true,
  italic: true,
  underline: true,
  strikethrough: true,
  spoiler: true,
  blockquote: true,
  expandable_blockquote: true,
  code: true,
};

function isPlainType(type: string): type is PlainType {
  return Object.hasOwn(PLAIN_TYPES, type);
}

function toMessageEntity(raw: EntityInput): MessageEntity | undefined {
  const { type, offset, length } = raw;
  if (isPlainType(type)) return { type, offset, length };
  if (type === "pre") {
    return typeof raw.language === "string"
      ? { type, offset, length, language: raw.language }
      : { type, offset, length };
  }
  if (type === "text_link" && typeof raw.url === "string")
    return { type, offset, length, url: raw.url };
  if (type === "custom_emoji" && typeof raw.custom_emoji_id === "string") {
    return { type, offset, length, custom_emoji_id: raw.custom_emoji_id };
  }
  if (type === "text_mention" && isUserLike(raw.user))
    return { type, offset, length, user: raw.user };
  return undefined;
}

function isUserLike(value: unknown): value is { id: number; is_bot: boolean; first_name: string } {
  if (typeof value !== "object" || value === null) return false;
  return (
    "id" in value &&
    typeof value.id === "number" &&
    "is_bot" in value &&
    typeof value.is_bot === "boolean" &&
    "first_name" in value &&
    typeof value.first_name === "string"
  );
}

const WHITESPACE = /[ \t\n\r\f\v]/;

/** Telegram strips leading and trailing whitespace and moves entities along. */
function trim(formatted: FormattedText): FormattedText {
  const { text } = formatted;
  let start = 0;
  let end = text.length;
  while (start < end && WHITESPACE.test(text[start] ?? "")) start += 1;
  while (end > start && WHITESPACE.test(text[end - 1] ?? "")) end -= 1;
  if (start === 0 && end === text.length) return formatted;
  const entities: MessageEntity[] = [];
  for (const entity of formatted.entities) {
    const from = Math.max(entity.offset, start);
    const to = Math.min(entity.offset + entity.length, end);
    if (to > from) entities.push({ ...entity, offset: from - start, length: to - from });
  }
  return { text: text.slice(start, end), entities };
}
