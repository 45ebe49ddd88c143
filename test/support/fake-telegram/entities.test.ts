import { describe, expect, test } from "vitest";
import { formatMessageText } from "./entities/formatted-text.js";
import { parseHtml } from "./entities/html.js";
import { parseMarkdownLegacy } from "./entities/markdown-legacy.js";
import { parseMarkdownV2 } from "./entities/markdown-v2.js";

const noUsers = () => undefined;

/* Vectors taken from TDLib's own tests (test/message_entities.cpp): same input, same error. */

describe("HTML parse mode", () => {
  test.each([
    ["🏟 🏟&lt;<abacaba", "Unclosed start tag at byte offset 13"],
    ["🏟 🏟&lt;<abac aba>", 'Unsupported start tag "abac" at byte offset 13'],
    ["🏟 🏟&lt;<i   =aba>", 'Empty attribute name in the tag "i" at byte offset 13'],
    ["🏟 🏟&lt;<i    aba>", 'Can\'t find end tag corresponding to start tag "i"'],
    ["🏟 🏟&lt;<i    aba  =  ", 'Unclosed start tag "i" at byte offset 13'],
    ["🏟 🏟&lt;<i    aba  =  190azAz-.,", "Unexpected end of name token at byte offset 27"],
    ['🏟 🏟&lt;<i    aba  =  "&lt;&gt;&quot;>', "Unclosed start tag at byte offset 13"],
    ["🏟 🏟&lt;</", "Unexpected end tag at byte offset 13"],
    ["🏟 🏟&lt;<b></b></", "Unexpected end tag at byte offset 20"],
    ["🏟 🏟&lt;<i>a</i   ", "Unclosed end tag at byte offset 17"],
    ["🏟 🏟&lt;<i>a</em   >", 'Unmatched end tag at byte offset 17, expected "</i>", found "</em>"'],
    ["a < b", 'Unsupported start tag "" at byte offset 2'],
  ])("%j fails with %j", (input, message) => {
    expect(() => parseHtml(input, noUsers)).toThrow(message);
  });

  test("decodes only the supported character references", () => {
    expect(parseHtml("&ge;&lt;&gt;&amp;&quot;&laquo;&#12345678;&#33;", noUsers).text).toBe(
      '&ge;<>&"&laquo;&#12345678;!',
    );
  });

  test("nests entities with UTF-16 offsets", () => {
    expect(parseHtml("🏟 🏟<i>🏟 &gt;<b aba   =   caba>&lt🏟</b></i>", noUsers)).toEqual({
      text: "🏟 🏟🏟 ><🏟",
      entities: [
        { type: "italic", offset: 5, length: 7 },
        { type: "bold", offset: 9, length: 3 },
      ],
    });
  });

  test("pre with a code language becomes one pre entity; links are normalised", () => {
    const parsed = parseHtml(
      '<pre><code class="language-ts">x</code></pre> <a href="example.org">y</a>',
      noUsers,
    );
    expect(parsed.entities).toEqual([
      { type: "pre", offset: 0, length: 1, language: "ts" },
      { type: "text_link", offset: 2, length: 1, url: "http://example.org/" },
    ]);
  });

  test("text_mention for tg://user links of known users", () => {
    const user = { id: 42, is_bot: false, first_name: "Анна" };
    const parsed = parseHtml('<a href="tg://user?id=42">Анна</a>', (id) =>
      id === 42 ? user : undefined,
    );
    expect(parsed.entities).toEqual([{ type: "text_mention", offset: 0, length: 4, user }]);
  });
});

describe("MarkdownV2 parse mode", () => {
  test.each([
    ["Version 1.0", "Character '.' is reserved and must be escaped with the preceding '\\'"],
    ["🏟 🏟_abacaba", "Can't find end of Italic entity at byte offset 9"],
    ["🏟 🏟_abac * asd ", "Can't find end of Bold entity at byte offset 15"],
    ["🏟 🏟```a ", "Can't find end of PreCode entity at byte offset 9"],
    ["[telegram\\.org](asd\\)", "Can't find end of a URL at byte offset 16"],
    ["🏟 🏟||test\\|", "Can't find end of Spoiler entity at byte offset 9"],
    [">*b\n>ld \n>bo\nld*\nasd\ndef", "Can't find end of Bold entity at byte offset 1"],
    [">asd\n>q||ew\n||asdad", "Can't find end of Spoiler entity at byte offset 7"],
    ["🏟 🏟![👍](tg://emoji?test=1231&id=025)", "Invalid custom emoji identifier specified"],
  ])("%j fails with %j", (input, message) => {
    expect(() => parseMarkdownV2(input, noUsers)).toThrow(message);
  });

  test.each([
    [
      "🏟 🏟_🏟 __🏟___",
      "🏟 🏟🏟 🏟",
      [
        { type: "italic", offset: 5, length: 5 },
        { type: "underline", offset: 8, length: 2 },
      ],
    ],
    [
      "[ ](telegram.org)",
      " ",
      [{ type: "text_link", offset: 0, length: 1, url: "http://telegram.org/" }],
    ],
    ["abc\n> \n> \n>\ndef", "abc\n \n \n\ndef", [{ type: "blockquote", offset: 4, length: 5 }]],
    [
      ">asd\n>q||e||w||\nasdad",
      "asd\nqew\nasdad",
      [
        { type: "expandable_blockquote", offset: 0, length: 8 },
        { type: "spoiler", offset: 5, length: 1 },
      ],
    ],
    [
      "*a\n>b\n>ld \n>bo\n>ld\nasd*\ndef",
      "a\nb\nld \nbo\nld\nasd\ndef",
      [
        { type: "bold", offset: 0, length: 17 },
        { type: "blockquote", offset: 2, length: 12 },
      ],
    ],
    ["🏟 🏟```🏟\r\n🏟```", "🏟 🏟🏟", [{ type: "pre", offset: 5, length: 2, language: "🏟" }]],
  ])("%j parses", (input, text, entities) => {
    expect(parseMarkdownV2(input, noUsers)).toEqual({ text, entities });
  });
});

describe("legacy Markdown parse mode", () => {
  test("parses and reports unclosed marks", () => {
    expect(parseMarkdownLegacy("*bold* _it_ `c`", noUsers).entities.map((e) => e.type)).toEqual([
      "bold",
      "italic",
      "code",
    ]);
    expect(() => parseMarkdownLegacy("snake_case", noUsers)).toThrow(
      "Can't find end of the entity starting at byte offset 5",
    );
  });
});

describe("message text rules", () => {
  test("a parse error is the Bot API 400 with the TDLib message", () => {
    expect(() =>
      formatMessageText({ text: "Привет, <Анна>!", parseMode: "HTML" }, noUsers),
    ).toThrow('Bad Request: can\'t parse entities: Unsupported start tag "Анна" at byte offset 14');
  });

  test("length is counted after parsing, in characters", () => {
    const markup = `<b>${"я".repeat(4096)}</b>`;
    expect(formatMessageText({ text: markup, parseMode: "HTML" }, noUsers).text).toHaveLength(4096);
    expect(() => formatMessageText({ text: "я".repeat(4097) }, noUsers)).toThrow(
      "Bad Request: message is too long",
    );
  });

  test("whitespace around the text is trimmed and entities follow; empty text is refused", () => {
    expect(formatMessageText({ text: "  <b>hi</b>\n", parseMode: "HTML" }, noUsers)).toEqual({
      text: "hi",
      entities: [{ type: "bold", offset: 0, length: 2 }],
    });
    expect(() => formatMessageText({ text: "<b> </b>", parseMode: "HTML" }, noUsers)).toThrow(
      "Bad Request: message text is empty",
    );
  });

  test("commands, links and mentions are detected as Telegram does", () => {
    const { entities } = formatMessageText(
      { text: "/start@navigator_bot see https://example.org @support_team" },
      noUsers,
    );
    expect(entities.map((e) => e.type)).toEqual(["bot_command", "url", "mention"]);
  });
});
