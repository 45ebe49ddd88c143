import { byteOffset, EntityParseError, isSpace } from "./entity-parse-error.js";
import { decodeHtmlEntity } from "./char-refs.js";

const SUPPORTED_TAGS = new Set([
  "a",
  "b",
  "strong",
  "i",
  "em",
  "s",
  "strike",
  "del",
  "u",
  "ins",
  "tg-spoiler",
  "tg-emoji",
  "span",
  "pre",
  "code",
  "blockquote",
]);

/** A start tag waiting for its end tag. */
export interface OpenTag {
  name: string;
  argument: string;
  offset: number;
}

/** Reads a start tag with its attributes; `end` is the index after its '>'. */
export function openTag(
  input: string,
  begin: number,
  offset: number,
): { tag: OpenTag; end: number } {
  let i = begin + 1;
  while (i < input.length && !isSpace(input[i]) && input[i] !== ">") i += 1;
  if (i >= input.length)
    throw new EntityParseError(`Unclosed start tag at byte offset ${byteOffset(input, begin)}`);
  const name = asciiLower(input.slice(begin + 1, i));
  if (!SUPPORTED_TAGS.has(name)) {
    throw new EntityParseError(
      `Unsupported start tag "${name}" at byte offset ${byteOffset(input, begin)}`,
    );
  }
  let argument = "";
  while (input[i] !== ">") {
    const attribute = readAttribute(input, i, name, begin);
    i = attribute.end;
    if (attribute.name === undefined) break;
    argument = tagArgument(name, attribute.name, attribute.value) ?? argument;
  }
  if (name === "span" && argument !== "spoiler") {
    throw new EntityParseError(
      `Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(input, begin)}`,
    );
  }
  return { tag: { name, argument, offset }, end: i + 1 };
}

interface Attribute {
  name?: string;
  value?: string;
  end: number;
}

function readAttribute(input: string, start: number, tagName: string, tagBegin: number): Attribute {
  let i = start;
  while (i < input.length && isSpace(input[i])) i += 1;
  if (input[i] === ">") return { end: i };
  if (i >= input.length) {
    throw new EntityParseError(
      `Unclosed start tag "${tagName}" at byte offset ${byteOffset(input, tagBegin)}`,
    );
  }
  const nameBegin = i;
  while (i < input.length && !isSpace(input[i]) && input[i] !== "=" && input[i] !== ">") i += 1;
  const name = input.slice(nameBegin, i);
  if (name === "") {
    throw new EntityParseError(
      `Empty attribute name in the tag "${tagName}" at byte offset ${byteOffset(input, tagBegin)}`,
    );
  }
  while (i < input.length && isSpace(input[i])) i += 1;
  if (i >= input.length) {
    throw new EntityParseError(
      `Unclosed start tag "${tagName}" at byte offset ${byteOffset(input, tagBegin)}`,
    );
  }
  if (input[i] !== "=") return { name, end: i };
  i += 1;
  while (i < input.length && isSpace(input[i])) i += 1;
  if (i >= input.length) {
    throw new EntityParseError(
      `Unclosed start tag "${tagName}" at byte offset ${byteOffset(input, tagBegin)}`,
    );
  }
  const value = readAttributeValue(input, i);
  if (value.end >= input.length) {
    throw new EntityParseError(`Unclosed start tag at byte offset ${byteOffset(input, tagBegin)}`);
  }
  return { name, value: value.text, end: value.end };
}

function readAttributeValue(input: string, start: number): { text: string; end: number } {
  const quote = input[start];
  if (quote !== '"' && quote !== "'") {
    let i = start;
    while (i < input.length && /[A-Za-z0-9.-]/.test(input[i] ?? "")) i += 1;
    if (i < input.length && !isSpace(input[i]) && input[i] !== ">") {
      throw new EntityParseError(
        `Unexpected end of name token at byte offset ${byteOffset(input, start)}`,
      );
    }
    return { text: asciiLower(input.slice(start, i)), end: i };
  }
  let text = "";
  let i = start + 1;
  while (i < input.length && input[i] !== quote) {
    const decoded = input[i] === "&" ? decodeHtmlEntity(input, i) : undefined;
    if (decoded) {
      text += decoded.text;
      i = decoded.end;
    } else {
      text += input[i];
      i += 1;
    }
  }
  return { text, end: input[i] === quote ? i + 1 : i };
}

function tagArgument(
  tag: string,
  attribute: string,
  value: string | undefined,
): string | undefined {
  if (tag === "a" && attribute === "href") return value ?? "";
  if (tag === "code" && attribute === "class" && value?.startsWith("language-"))
    return value.slice(9);
  if (tag === "span" && attribute === "class" && value?.startsWith("tg-")) return value.slice(3);
  if (tag === "tg-emoji" && attribute === "emoji-id") return value ?? "";
  if (tag === "blockquote" && attribute === "expandable") return "1";
  return undefined;
}

/** TDLib lower-cases ASCII only: "<Анна>" is reported as the tag "Анна". */
export function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}
