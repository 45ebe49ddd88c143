import type { MessageEntity } from "grammy/types";
import { byteOffset, EntityParseError } from "./entity-parse-error.js";
import { sortEntities, type FormattedText } from "./formatted.js";
import { readPreHeader } from "./pre-header.js";
import { customEmojiId, linkEntity, type UserLookup } from "./text-url.js";

type MarkType =
  | "Bold"
  | "Italic"
  | "Underline"
  | "Strikethrough"
  | "Spoiler"
  | "Code"
  | "Pre"
  | "PreCode"
  | "TextUrl"
  | "CustomEmoji";

interface OpenMark {
  type: MarkType;
  argument: string;
  offset: number;
  /** Index in the input where the mark began (reported as a byte offset). */
  begin: number;
}

interface Quote {
  offset: number;
  /** Marks open when the quote began: marks opened inside must close inside. */
  depth: number;
  /** Output length when the current quoted line began. */
  lineOut: number;
  expandable: boolean;
}

const RESERVED = "_*[]()~`>#+-=|{}.!";
type SimpleType = "bold" | "italic" | "underline" | "strikethrough" | "spoiler" | "code";
const SIMPLE: Partial<Record<MarkType, SimpleType>> = {
  Bold: "bold",
  Italic: "italic",
  Underline: "underline",
  Strikethrough: "strikethrough",
  Spoiler: "spoiler",
  Code: "code",
};

/**
 * Parses MarkdownV2 following TDLib's parse_markdown_v2, including its error wording
 * ("Character '.' is reserved and must be escaped with the preceding '\'", "Can't find end
 * of Bold entity at byte offset 0") and line-start blockquotes.
 */
export function parseMarkdownV2(input: string, findUser: UserLookup): FormattedText {
  return new MarkdownV2Parser(input, findUser).parse();
}

class MarkdownV2Parser {
  private out = "";
  private readonly entities: MessageEntity[] = [];
  private readonly stack: OpenMark[] = [];
  private quote: Quote | undefined;
  private i = 0;

  constructor(
    private readonly input: string,
    private readonly findUser: UserLookup,
  ) {}

  parse(): FormattedText {
    for (; this.i < this.input.length; this.i += 1) {
      if (this.handleLineStart()) continue;
      this.step();
    }
    this.failOnUnclosed(0);
    this.endQuote();
    return { text: this.out, entities: sortEntities(this.entities) };
  }

  private get char(): string {
    return this.input[this.i] ?? "";
  }

  private at(offset: number): string {
    return this.input[this.i + offset] ?? "";
  }

  private inCode(): boolean {
    const top = this.stack.at(-1)?.type;
    return top === "Code" || top === "Pre" || top === "PreCode";
  }

  private atLineStart(): boolean {
    return this.out === "" || this.out.endsWith("\n") || this.out.endsWith("\r");
  }

  /**
   * Blockquote markers: '>' or '**>' at the start of a line. A quote may open after '\r' or
   * '\n' but only '\n' starts its next line (TDLib's rule). Returns true when consumed.
   */
  private handleLineStart(): boolean {
    if (this.inCode()) return false;
    const quote = this.quote;
    if (!quote) {
      if (!this.atLineStart()) return false;
      if (this.input.startsWith("**>", this.i)) this.i += 2;
      else if (this.char !== ">") return false;
      this.openQuote();
      return true;
    }
    if (!(this.out === "" || this.out.endsWith("\n")) || quote.lineOut === this.out.length)
      return false;
    if (this.input.startsWith("**>", this.i)) {
      this.endQuote();
      this.openQuote();
      this.i += 2;
      return true;
    }
    if (this.char === ">") {
      quote.lineOut = this.out.length;
      return true;
    }
    this.endQuote();
    return false;
  }

  private openQuote(): void {
    const offset = this.out.length;
    this.quote = { offset, depth: this.stack.length, lineOut: offset, expandable: false };
  }

  private endQuote(): void {
    const quote = this.quote;
    if (!quote) return;
    this.failOnUnclosed(quote.depth);
    const length = this.out.length - quote.offset;
    const type = quote.expandable ? "expandable_blockquote" : "blockquote";
    if (length > 0) this.entities.push({ type, offset: quote.offset, length });
    this.quote = undefined;
  }

  private failOnUnclosed(depth: number): void {
    const top = this.stack.at(-1);
    if (top && this.stack.length > depth) {
      throw new EntityParseError(
        `Can't find end of ${top.type} entity at byte offset ${byteOffset(this.input, top.begin)}`,
      );
    }
  }

  private step(): void {
    const char = this.char;
    const next = this.input.charCodeAt(this.i + 1);
    if (char === "\\" && next > 0 && next <= 126) {
      this.i += 1;
      this.out += this.char;
      return;
    }
    const reserved = this.inCode() ? "`" : RESERVED;
    if (!reserved.includes(char)) {
      this.out += char;
      return;
    }
    if (this.isExpandableMarker()) {
      this.i += 1;
      return;
    }
    if (this.closesTop()) this.closeMark();
    else this.openMark();
  }

  /** '||' closing the last line of a quote (not a spoiler) makes the quote expandable. */
  private isExpandableMarker(): boolean {
    const quote = this.quote;
    if (!quote || this.char !== "|" || this.at(1) !== "|") return false;
    if (this.stack.at(-1)?.type === "Spoiler") return false;
    const after = this.at(2);
    if (after !== "" && after !== "\n" && after !== "\r") return false;
    quote.expandable = true;
    return true;
  }

  private closesTop(): boolean {
    const top = this.stack.at(-1);
    if (!top) return false;
    const char = this.char;
    switch (top.type) {
      case "Bold":
        return char === "*";
      case "Italic":
        return char === "_" && this.at(1) !== "_";
      case "Underline":
        return char === "_" && this.at(1) === "_";
      case "Strikethrough":
        return char === "~";
      case "Spoiler":
        return char === "|" && this.at(1) === "|";
      case "Code":
        return char === "`";
      case "Pre":
      case "PreCode":
        return char === "`" && this.at(1) === "`" && this.at(2) === "`";
      case "TextUrl":
      case "CustomEmoji":
        return char === "]";
    }
  }

  private openMark(): void {
    const begin = this.i;
    const type = this.markTypeAt();
    let argument = "";
    if (type === "Pre") argument = this.readPreLanguage();
    const resolved: MarkType = type === "Pre" && argument !== "" ? "PreCode" : type;
    this.stack.push({ type: resolved, argument, offset: this.out.length, begin });
  }

  private markTypeAt(): MarkType {
    const char = this.char;
    switch (char) {
      case "_":
        if (this.at(1) !== "_") return "Italic";
        this.i += 1;
        return "Underline";
      case "*":
        return "Bold";
      case "~":
        return "Strikethrough";
      case "[":
        return "TextUrl";
      case "|":
        if (this.at(1) !== "|") break;
        this.i += 1;
        return "Spoiler";
      case "!":
        if (this.at(1) !== "[") break;
        this.i += 1;
        return "CustomEmoji";
      case "`":
        return this.at(1) === "`" && this.at(2) === "`" ? "Pre" : "Code";
    }
    throw new EntityParseError(
      `Character '${char}' is reserved and must be escaped with the preceding '\\'`,
    );
  }

  /** Reads the language after ```; leaves `i` on the last character before the text. */
  private readPreLanguage(): string {
    const { language, i } = readPreHeader(this.input, this.i + 3);
    this.i = i - 1;
    return language;
  }

  private closeMark(): void {
    const mark = this.stack.pop();
    if (!mark) return;
    const length = this.out.length - mark.offset;
    const entity = this.finishMark(mark, length);
    if (entity && length > 0) this.entities.push(entity);
  }

  private finishMark(mark: OpenMark, length: number): MessageEntity | undefined {
    const { offset } = mark;
    const simple = SIMPLE[mark.type];
    if (mark.type === "Underline" || mark.type === "Spoiler") this.i += 1;
    if (simple) return { type: simple, offset, length };
    if (mark.type === "Pre" || mark.type === "PreCode") {
      this.i += 2;
      return mark.argument
        ? { type: "pre", offset, length, language: mark.argument }
        : { type: "pre", offset, length };
    }
    if (mark.type === "TextUrl") {
      const url = this.at(1) === "(" ? this.readUrl("URL") : this.out.slice(offset);
      return linkEntity(offset, length, url, this.findUser);
    }
    if (this.at(1) !== "(")
      throw new EntityParseError("Custom emoji entity must contain a tg://emoji URL");
    const id = customEmojiId(this.readUrl("custom emoji URL"));
    return { type: "custom_emoji", offset, length, custom_emoji_id: id };
  }

  /** Reads "(...)" after a link's text; backslash escapes any ASCII character. */
  private readUrl(what: string): string {
    this.i += 2;
    const begin = this.i;
    let url = "";
    while (this.i < this.input.length && this.char !== ")") {
      const next = this.input.charCodeAt(this.i + 1);
      if (this.char === "\\" && next > 0 && next <= 126) {
        url += this.at(1);
        this.i += 2;
        continue;
      }
      url += this.char;
      this.i += 1;
    }
    if (this.char !== ")") {
      throw new EntityParseError(
        `Can't find end of a ${what} at byte offset ${byteOffset(this.input, begin)}`,
      );
    }
    return url;
  }
}
