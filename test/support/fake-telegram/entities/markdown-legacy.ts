import type { MessageEntity } from "grammy/types";
import { byteOffset, EntityParseError } from "./entity-parse-error.js";
import { sortEntities, type FormattedText } from "./formatted.js";
import { readPreHeader } from "./pre-header.js";
import { linkEntity, type UserLookup } from "./text-url.js";

const MARKS = new Set(["_", "*", "`", "["]);

/**
 * Parses legacy Markdown (parse_mode "Markdown") as TDLib does: no nesting, only _ * ` [
 * can be escaped, and an unclosed mark fails with "Can't find end of the entity starting at
 * byte offset N".
 */
export function parseMarkdownLegacy(input: string, findUser: UserLookup): FormattedText {
  let out = "";
  const entities: MessageEntity[] = [];
  let i = 0;
  while (i < input.length) {
    const char = input[i] ?? "";
    if (char === "\\" && MARKS.has(input[i + 1] ?? "")) {
      out += input[i + 1];
      i += 2;
      continue;
    }
    if (!MARKS.has(char)) {
      out += char;
      i += 1;
      continue;
    }
    const parsed = parseSpan(input, i, out.length, findUser);
    out += parsed.text;
    if (parsed.entity && parsed.text.length > 0) entities.push(parsed.entity);
    i = parsed.end;
  }
  return { text: out, entities: sortEntities(entities) };
}

interface Span {
  text: string;
  entity: MessageEntity | undefined;
  end: number;
}

function parseSpan(input: string, begin: number, offset: number, findUser: UserLookup): Span {
  const mark = input[begin] ?? "";
  const closer = mark === "[" ? "]" : mark;
  let i = begin + 1;
  const isPre = mark === "`" && input[i] === "`" && input[i + 1] === "`";
  let language = "";
  if (isPre) ({ language, i } = readPreHeader(input, i + 2));
  const textBegin = i;
  while (
    i < input.length &&
    (input[i] !== closer || (isPre && !(input[i + 1] === "`" && input[i + 2] === "`")))
  ) {
    i += 1;
  }
  if (i >= input.length) {
    throw new EntityParseError(
      `Can't find end of the entity starting at byte offset ${byteOffset(input, begin)}`,
    );
  }
  const text = input.slice(textBegin, i);
  const length = text.length;
  if (isPre) {
    const entity: MessageEntity = language
      ? { type: "pre", offset, length, language }
      : { type: "pre", offset, length };
    return { text, entity, end: i + 3 };
  }
  if (mark !== "[") {
    const type = mark === "_" ? "italic" : mark === "*" ? "bold" : "code";
    return { text, entity: { type, offset, length }, end: i + 1 };
  }
  if (input[i + 1] !== "(")
    return { text, entity: linkEntity(offset, length, text, findUser), end: i + 1 };
  let end = i + 2;
  while (end < input.length && input[end] !== ")") end += 1;
  const url = input.slice(i + 2, end);
  return { text, entity: linkEntity(offset, length, url, findUser), end: end + 1 };
}
