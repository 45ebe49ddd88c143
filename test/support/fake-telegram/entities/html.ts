import type { MessageEntity } from "grammy/types";
import { decodeHtmlEntity } from "./char-refs.js";
import { byteOffset, EntityParseError, isSpace } from "./entity-parse-error.js";
import { sortEntities, type FormattedText } from "./formatted.js";
import { asciiLower, openTag, type OpenTag } from "./html-tags.js";
import { linkEntity, type UserLookup } from "./text-url.js";

export type { FormattedText } from "./formatted.js";

/** A code entity that asked for a language; merged into a pre of the same range. */
interface CodeLanguage {
  offset: number;
  length: number;
  language: string;
}

/**
 * Parses Telegram HTML (parse_mode "HTML") following TDLib's parse_html: only the tags and
 * the four named entities Telegram supports, errors with the same wording and UTF-8 byte
 * offsets, so a test sees exactly the 400 a careless bot would get from real Telegram.
 */
export function parseHtml(input: string, findUser: UserLookup): FormattedText {
  const state: ParseState = { input, out: "", entities: [], languages: [] };
  const stack: OpenTag[] = [];
  let i = 0;
  while (i < input.length) {
    const char = input[i];
    if (char === "&") {
      const decoded = decodeHtmlEntity(input, i);
      if (decoded) {
        state.out += decoded.text;
        i = decoded.end;
        continue;
      }
    }
    if (char !== "<") {
      state.out += char;
      i += 1;
      continue;
    }
    if (input[i + 1] === "/") {
      const tag = stack.pop();
      if (!tag)
        throw new EntityParseError(`Unexpected end tag at byte offset ${byteOffset(input, i)}`);
      i = closeTag(state, tag, i, findUser);
    } else {
      const opened = openTag(input, i, state.out.length);
      stack.push(opened.tag);
      i = opened.end;
    }
  }
  const unclosed = stack.at(-1);
  if (unclosed)
    throw new EntityParseError(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  return { text: state.out, entities: mergeCodeLanguages(state.entities, state.languages) };
}

interface ParseState {
  input: string;
  out: string;
  entities: MessageEntity[];
  languages: CodeLanguage[];
}

function closeTag(state: ParseState, tag: OpenTag, begin: number, findUser: UserLookup): number {
  const { input } = state;
  let i = begin + 2;
  while (i < input.length && !isSpace(input[i]) && input[i] !== ">") i += 1;
  const endName = asciiLower(input.slice(begin + 2, i));
  while (i < input.length && isSpace(input[i])) i += 1;
  if (input[i] !== ">")
    throw new EntityParseError(`Unclosed end tag at byte offset ${byteOffset(input, begin)}`);
  if (endName !== "" && endName !== tag.name) {
    throw new EntityParseError(
      `Unmatched end tag at byte offset ${byteOffset(input, begin)}, expected "</${tag.name}>", found "</${endName}>"`,
    );
  }
  const length = state.out.length - tag.offset;
  if (length > 0) addTagEntity(state, tag, length, findUser);
  return i + 1;
}

function addTagEntity(state: ParseState, tag: OpenTag, length: number, findUser: UserLookup): void {
  const offset = tag.offset;
  const simple = SIMPLE_TYPES[tag.name];
  if (simple) {
    state.entities.push({ type: simple, offset, length });
    return;
  }
  if (tag.name === "a") {
    const target = tag.argument || state.out.slice(offset);
    const entity = linkEntity(offset, length, target, findUser);
    if (entity) state.entities.push(entity);
  } else if (tag.name === "tg-emoji") {
    if (/^[1-9]\d*$/.test(tag.argument)) {
      state.entities.push({ type: "custom_emoji", offset, length, custom_emoji_id: tag.argument });
    }
  } else if (tag.name === "pre") {
    state.entities.push({ type: "pre", offset, length });
  } else if (tag.name === "code") {
    state.entities.push({ type: "code", offset, length });
    if (tag.argument) state.languages.push({ offset, length, language: tag.argument });
  } else if (tag.name === "blockquote") {
    state.entities.push({
      type: tag.argument ? "expandable_blockquote" : "blockquote",
      offset,
      length,
    });
  }
}

const SIMPLE_TYPES: Record<
  string,
  "bold" | "italic" | "strikethrough" | "underline" | "spoiler" | undefined
> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  u: "underline",
  ins: "underline",
  "tg-spoiler": "spoiler",
  span: "spoiler",
};

/** <pre><code class="language-x"> of one range is a single pre entity with a language. */
function mergeCodeLanguages(entities: MessageEntity[], languages: CodeLanguage[]): MessageEntity[] {
  let result = entities;
  for (const { offset, length, language } of languages) {
    const pre = result.find((e) => e.type === "pre" && e.offset === offset && e.length === length);
    if (!pre) continue;
    result = result
      .filter((e) => !(e.type === "code" && e.offset === offset && e.length === length))
      .map((e) => (e === pre ? { type: "pre", offset, length, language } : e));
  }
  return sortEntities(result);
}
