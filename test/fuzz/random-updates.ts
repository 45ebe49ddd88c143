import type { User } from "grammy/types";
import { mulberry32 } from "../support/fake-telegram/faults.js";

/**
 * What one fuzz update tries to break. Telegram itself never sends most of these; they
 * stand for a misbehaving proxy, a future Bot API or a forged request, and the bot has to
 * shrug them off.
 */
export type FuzzKind =
  | "text"
  | "stranger_text"
  | "command"
  | "unsupported_kind"
  | "media"
  | "missing_field"
  | "wrong_type"
  | "unknown_update"
  | "callback"
  | "edited"
  | "my_chat_member"
  | "group"
  | "several_payloads"
  | "absurd";

export interface FuzzUpdate {
  kind: FuzzKind;
  /** An update body without update_id: the fake numbers what it queues. */
  body: Record<string, unknown>;
}

export interface FuzzOptions {
  seed: number;
  count: number;
  /** People who wrote to the bot before (replies to them must succeed). */
  parents: readonly User[];
  botUsername: string;
}

type Rng = () => number;

// About a fifth is plausible enough to reach core and the database; the rest is junk the
// adapter must turn away early (10,000 updates through the database would not fit CI).
const weights: ReadonlyArray<readonly [FuzzKind, number]> = [
  ["text", 6],
  ["stranger_text", 1],
  ["command", 3],
  ["unsupported_kind", 2],
  ["media", 2],
  ["edited", 2],
  ["my_chat_member", 2],
  ["callback", 6],
  ["missing_field", 20],
  ["wrong_type", 22],
  ["unknown_update", 13],
  ["group", 8],
  ["several_payloads", 5],
  ["absurd", 8],
];

const phrases = [
  "Здравствуйте",
  "Как восстановить пароль?",
  "не могу записаться в кружок",
  "сертификат не активируется",
  "где моя заявка",
  "спасибо",
  "ok",
  "?",
  "👨‍👩‍👧‍👦",
  "🇷🇺",
  "👍🏽",
  "🏳️‍🌈",
  "\u{1F600}\u{1F64F}",
  "مرحبا، لا أستطيع تسجيل الدخول",
  "שלום",
  "\u202Eтекст задом наперёд\u202C",
  "\u200B",
  "\u200C\u200D",
  "\uFEFF",
  "\u2060",
  "\uD800",
  "\uDFFF",
  "\uDC00\uD800",
  "\uFFFD\uFFFE\uFFFF",
  "\u0000",
  "\u0007\u001B[31m",
  "\r\n\t",
  "<b>",
  "</i>",
  "&amp;",
  "&",
  "<a href='javascript:x'>",
  "*жирный*",
  "_курсив_",
  "[ссылка](http://example.com)",
  "`код`",
  "||спойлер||",
  "' OR 1=1 --",
  "${jndi:ldap://x}",
  "{{7*7}}",
  "%s%n%x",
  "../../etc/passwd",
  "\\",
  '"',
  "Ã©Ã¨",
  "Ð—Ð´Ñ€Ð°Ð²Ñ",
  "З̷̢̛а̸л̶г̵о̴",
  "e\u0301\u0301\u0301\u0301",
  "+7 900 123-45-67",
  "mama@example.com",
  "1234 5678 9012 3456",
  "constructor",
  "__proto__",
];

const badValues: readonly unknown[] = [
  "123",
  "",
  "abc",
  0,
  -1,
  1.5,
  1e300,
  2 ** 53 + 2,
  true,
  false,
  null,
  [],
  [1, 2],
  {},
  { id: 1 },
  "💥".repeat(10),
];

const unknownKinds: ReadonlyArray<Record<string, unknown>> = [
  { dice: { emoji: "🎲", value: 6 } },
  { poll: { id: "p1", question: "?", options: [], total_voter_count: 0, is_closed: false } },
  { story: { chat: { id: 1, type: "channel" }, id: 5 } },
  { location: { latitude: 55.75, longitude: 37.61 } },
  { contact: { phone_number: "+79001234567", first_name: "Мама" } },
  { venue: { location: { latitude: 0, longitude: 0 }, title: "Школа", address: "ул." } },
  { sticker: { file_id: "s1", file_unique_id: "su1", type: "regular", width: 1, height: 1 } },
  { game: { title: "g", description: "d", photo: [] } },
  { new_chat_members: [] },
  { pinned_message: { message_id: 1, date: 0, chat: { id: 1, type: "private" } } },
  { web_app_data: { data: "{}", button_text: "b" } },
  { giveaway: { chats: [], winners_selection_date: 0, winner_count: 1 } },
  { checklist: { title: "t", tasks: [] } },
  { paid_media: { star_count: 1, paid_media: [] } },
  { quantum_entanglement: { spin: "up" } },
  {},
];

const unknownUpdateTypes = [
  "poll_answer",
  "chat_join_request",
  "business_message",
  "message_reaction",
  "purchased_paid_media",
  "channel_post",
  "inline_query",
  "ёжик",
  "__proto__",
  "constructor",
  "toString",
  "",
];

const memberStatuses = ["kicked", "member", "left", "administrator", "restricted", "creator", "?"];

const callbackPrefixes = ["fh:", "cat:", "mun:", "munp:", "ro:", "rt:", "m:", "ft:", "fe:"];

/**
 * Deterministic (seeded) random update bodies for the parents' bot. Generation does not
 * depend on anything but the options, so a failing run replays exactly.
 */
export function generateUpdates(options: FuzzOptions): FuzzUpdate[] {
  const rng = mulberry32(options.seed);
  const state = new Generator(rng, options);
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  const out: FuzzUpdate[] = [];
  for (let i = 0; i < options.count; i++) {
    let roll = rng() * total;
    const kind = weights.find(([, w]) => (roll -= w) < 0)?.[0] ?? "text";
    out.push({ kind, body: state.make(kind) });
  }
  return out;
}

class Generator {
  private messageId = 1;

  constructor(
    private readonly rng: Rng,
    private readonly options: FuzzOptions,
  ) {}

  make(kind: FuzzKind): Record<string, unknown> {
    switch (kind) {
      case "text":
        return { message: this.message(this.parent(), { text: this.text() }) };
      case "stranger_text":
        return { message: this.message(this.stranger(), { text: this.text() }) };
      case "command":
        return { message: this.command() };
      case "unsupported_kind":
        return { message: this.message(this.parent(), { ...this.pick(unknownKinds) }) };
      case "media":
        return { message: this.media() };
      case "missing_field":
        return { message: this.withoutField(this.message(this.parent(), { text: this.text() })) };
      case "wrong_type":
        return this.wrongType();
      case "unknown_update":
        return this.unknownUpdate();
      case "callback":
        return { callback_query: this.callback() };
      case "edited":
        return { edited_message: this.edited() };
      case "my_chat_member":
        return { my_chat_member: this.memberChange() };
      case "group":
        return { message: this.groupMessage() };
      case "several_payloads":
        return {
          message: this.message(this.parent(), { text: this.text() }),
          callback_query: this.callback(),
        };
      case "absurd":
        return this.absurd();
    }
  }

  // ----- building blocks -----

  private int(max: number): number {
    return Math.floor(this.rng() * max);
  }

  private chance(p: number): boolean {
    return this.rng() < p;
  }

  private pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  private parent(): User {
    return this.pick(this.options.parents);
  }

  private stranger(): User {
    return {
      id: 9_000_000_000 + this.int(1_000_000),
      is_bot: false,
      first_name: this.chance(0.5) ? this.text() : "Незнакомец",
      language_code: this.pick(["ru", "en", "uk", "zz", ""]),
    };
  }

  private from(user: User): Record<string, unknown> {
    const out: Record<string, unknown> = { ...user };
    if (this.chance(0.1)) out.first_name = this.text();
    if (this.chance(0.05)) out.last_name = this.text();
    if (this.chance(0.05)) out.username = this.text();
    if (this.chance(0.05)) out.language_code = this.pick(["", "xx-YY", "ru-RU", "en", "🙂"]);
    return out;
  }

  private message(user: User, content: Record<string, unknown>): Record<string, unknown> {
    return {
      message_id: this.chance(0.02) ? 1 + this.int(5) : this.messageId++,
      date: 1_760_000_000 + this.int(1_000_000),
      chat: { id: user.id, type: "private", first_name: user.first_name },
      from: this.from(user),
      ...content,
    };
  }

  /** Mostly short human-like text; sometimes huge, sometimes raw UTF-16 noise. */
  private text(): string {
    const roll = this.rng();
    if (roll < 0.01) return this.huge();
    if (roll < 0.1) return this.noise(1 + this.int(300));
    if (roll < 0.13) return this.pick(["", " ", "\n\t ", "\u200B\u200B", "\u0000"]);
    const parts = Array.from({ length: 1 + this.int(8) }, () => this.pick(phrases));
    return parts.join(this.pick([" ", "", "\n", "\u200D"]));
  }

  /** 5–100 KB: far over Telegram's 4,096 characters. */
  private huge(): string {
    const target = 5_000 + this.int(95_000);
    const unit = this.chance(0.5) ? this.pick(phrases) : this.noise(64);
    return unit.repeat(Math.ceil(target / Math.max(unit.length, 1))).slice(0, target);
  }

  /** Random UTF-16 code units, lone surrogates and controls included. */
  private noise(length: number): string {
    let s = "";
    for (let i = 0; i < length; i++) s += String.fromCharCode(this.int(0x10000));
    return s;
  }

  private command(): Record<string, unknown> {
    const name = this.pick(["start", "help", "status", "faq", "START", "unknown", "", "start_"]);
    const suffix = this.pick([
      "",
      `@${this.options.botUsername}`,
      "@other_bot",
      "@",
      ` ${this.text()}`,
      " payload_123",
      "\u0000",
    ]);
    const text = `/${name}${suffix}`;
    const commandLength = 1 + name.length + (suffix.startsWith("@") ? suffix.length : 0);
    const entity = (offset: number, length: number) => ({ type: "bot_command", offset, length });
    const entities = this.pick<unknown>([
      [entity(0, commandLength)],
      [entity(0, commandLength)],
      undefined,
      [],
      [entity(0, 10_000)],
      [entity(5, 3)],
      [entity(0, commandLength), entity(0, commandLength)],
      [{ type: "bold", offset: 0, length: 1 }],
      [{ type: "bot_command" }],
    ]);
    return this.message(this.parent(), entities === undefined ? { text } : { text, entities });
  }

  private file(prefix: string): Record<string, unknown> {
    return {
      file_id: `${prefix}-${this.int(1e9)}`,
      file_unique_id: `${prefix}u-${this.int(1e9)}`,
      file_size: this.pick([undefined, 0, 1024, 20 * 1024 * 1024, 2 ** 40]),
    };
  }

  private media(): Record<string, unknown> {
    const photo = () => [
      { ...this.file("p"), width: 90, height: 90 },
      { ...this.file("p"), width: 1280, height: 960 },
    ];
    const content = this.pick<Record<string, unknown>>([
      { photo: photo() },
      { photo: [] },
      { photo: [{}] },
      { photo: "AgACAgIAAx" },
      { document: { ...this.file("d"), file_name: this.text(), mime_type: "application/pdf" } },
      { document: { file_name: "нет file_id.pdf" } },
      { voice: { ...this.file("v"), duration: 3 } },
      { audio: { ...this.file("a"), duration: -1 } },
      { video: { ...this.file("vi"), duration: 1, width: 1, height: 1 } },
      { video_note: { ...this.file("vn"), length: 1, duration: 1 } },
      { animation: { ...this.file("an"), duration: 1, width: 1, height: 1 } },
      { photo: photo(), caption: this.text(), media_group_id: String(this.int(1e6)) },
      { photo: photo(), media_group_id: 12345 },
    ]);
    return this.message(this.parent(), content);
  }

  private withoutField(message: Record<string, unknown>): Record<string, unknown> {
    const chat = message.chat as Record<string, unknown>;
    const from = message.from as Record<string, unknown>;
    switch (this.int(8)) {
      case 0:
        delete message.from;
        break;
      case 1:
        delete message.chat;
        break;
      case 2:
        delete message.text;
        break;
      case 3:
        delete message.message_id;
        break;
      case 4:
        delete message.date;
        break;
      case 5:
        delete chat.id;
        break;
      case 6:
        delete chat.type;
        break;
      default:
        delete from.id;
    }
    return message;
  }

  /** A plausible update with one field swapped for a value of the wrong type. */
  private wrongType(): Record<string, unknown> {
    const bad = this.pick(badValues);
    const type = this.pick(["message", "edited_message", "callback_query", "my_chat_member"]);
    const payload: Record<string, unknown> =
      type === "callback_query"
        ? this.callback()
        : type === "my_chat_member"
          ? this.memberChange()
          : type === "edited_message"
            ? this.edited()
            : this.message(this.parent(), { text: this.text() });
    const targets = Object.keys(payload);
    const nested = ["chat", "from"].filter((k) => typeof payload[k] === "object");
    if (nested.length > 0 && this.chance(0.4)) {
      const inner = payload[this.pick(nested)] as Record<string, unknown>;
      inner[this.pick(Object.keys(inner))] = bad;
    } else {
      payload[this.pick(targets)] = bad;
    }
    return { [type]: payload };
  }

  /**
   * An update type the bot never subscribed to. The fake filters by allowed_updates on
   * the first key, so a leading `message: undefined` (dropped by JSON on the way to the
   * bot) lets it through, as a misconfigured webhook or a future Bot API would.
   */
  private unknownUpdate(): Record<string, unknown> {
    const type = this.pick(unknownUpdateTypes);
    const payload = this.chance(0.5)
      ? this.message(this.parent(), { text: this.text() })
      : this.pick(badValues);
    const body: Record<string, unknown> = { message: undefined };
    Object.defineProperty(body, type, { value: payload, enumerable: true, writable: true });
    return body;
  }

  private callbackData(): string | undefined {
    switch (this.int(9)) {
      case 0:
        return undefined;
      case 1:
        return this.noise(1 + this.int(64));
      case 2:
        return "x".repeat(65 + this.int(2_000));
      case 3:
        return `${this.pick(callbackPrefixes)}${this.noise(this.int(20))}`;
      case 4:
        return `${this.pick(callbackPrefixes)}${this.pick([
          "2147483648",
          "9007199254740993",
          "-1",
          "0",
          "1e3",
          "0x10",
          " 5",
          "NaN",
          "Infinity",
          "1:1:1:1",
          "1:9",
          "999999:5",
          "skip",
          "t",
          "",
        ])}`;
      case 5:
        return this.pick([
          "constructor",
          "constructor:1",
          "__proto__:1",
          "toString",
          "valueOf:1",
          "hasOwnProperty:fh",
          "ft:constructor",
          "ft:__proto__",
        ]);
      case 6:
        return "";
      case 7:
        return this.text().slice(0, 300);
      default:
        return this.pick(["m:f", "m:w", "m:t", "munp:0", "ft:certificate", "mun:skip", "fe:1"]);
    }
  }

  private callback(): Record<string, unknown> {
    const user = this.chance(0.85) ? this.parent() : this.stranger();
    const query: Record<string, unknown> = {
      id: this.pick([
        String(this.int(1e12)),
        String(this.int(1e12)),
        "",
        "q".repeat(500),
        this.noise(10),
      ]),
      from: this.from(user),
      chat_instance: String(this.int(1e9)),
    };
    const data = this.callbackData();
    if (data !== undefined) query.data = data;
    if (this.chance(0.5))
      query.message = {
        message_id: 1 + this.int(1000),
        date: 1_760_000_000,
        chat: { id: user.id, type: "private", first_name: user.first_name },
      };
    else if (this.chance(0.2)) query.inline_message_id = String(this.int(1e9));
    if (this.chance(0.05)) query.game_short_name = "game";
    return query;
  }

  private edited(): Record<string, unknown> {
    const message = this.message(this.parent(), { text: this.text() });
    message.message_id = this.chance(0.5) ? 1_000_000 + this.int(1e6) : 1 + this.int(1000);
    message.edit_date = 1_760_000_000 + this.int(1_000_000);
    if (this.chance(0.2)) delete message.text;
    return message;
  }

  private memberChange(): Record<string, unknown> {
    const user = this.chance(0.8) ? this.parent() : this.stranger();
    const bot = { id: 7_000_001, is_bot: true, first_name: "bot" };
    const member = () =>
      this.chance(0.9) ? { status: this.pick(memberStatuses), user: bot } : this.pick(badValues);
    const chat = this.chance(0.8)
      ? { id: user.id, type: "private", first_name: user.first_name }
      : { id: -100_000_000 - this.int(1e6), type: "supergroup", title: "Группа" };
    const change: Record<string, unknown> = {
      chat,
      from: this.from(user),
      date: 1_760_000_000,
      old_chat_member: member(),
      new_chat_member: member(),
    };
    if (this.chance(0.1)) delete change.new_chat_member;
    return change;
  }

  private groupMessage(): Record<string, unknown> {
    const user = this.parent();
    const message = this.message(user, { text: this.text() });
    message.chat = this.pick([
      { id: -100_000_000 - this.int(1e6), type: "supergroup", title: "Родители" },
      { id: -this.int(1e6), type: "group", title: "Чат класса" },
      { id: -100_000_000_000, type: "channel", title: "Канал" },
      { id: user.id + 1, type: "private", first_name: "Чужой" },
    ]);
    return message;
  }

  /** Payloads that are not objects at all, or objects of nothing. */
  private absurd(): Record<string, unknown> {
    const type = this.pick(["message", "edited_message", "callback_query", "my_chat_member"]);
    const deep: unknown[] = [];
    let cursor = deep;
    for (let i = 0; i < 200; i++) {
      const next: unknown[] = [];
      cursor.push(next);
      cursor = next;
    }
    return {
      [type]: this.pick<unknown>([null, 0, "message", [], [{}], {}, deep, { message: {} }, true]),
    };
  }
}
