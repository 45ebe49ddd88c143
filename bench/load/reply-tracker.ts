import type { Update } from "grammy/types";
import type { ApiCall, FakeTelegram } from "../../test/support/fake-telegram/index.js";
import type { MessageKind } from "./message-mix.js";
import type { Parent } from "./parent-pool.js";

/** One parent message and what became of it (times are Date.now() ms). */
export interface TrackedMessage {
  seq: number;
  chatId: number;
  kind: MessageKind | "probe";
  /** Which run, step or drill the message belongs to. */
  phase: string;
  pushedAt: number;
  /** The first time a getUpdates answer carried it to the bot. */
  handedAt?: number;
  /** How many getUpdates answers carried it (all its update ids together). */
  handOuts: number;
  /** The first successful send to the chat after handedAt. */
  repliedAt?: number;
  replyMethod?: string;
  /** The deadline passed without a reply (it may still come: then it is late). */
  lost: boolean;
}

/** A successful send to a private chat, reduced to what an outbox row can be matched on. */
export interface SendRecord {
  at: number;
  signature: string;
}

/** Methods that put something in front of the parent; setMessageReaction is the follow-up ack. */
const SEND_METHODS = new Set([
  "sendmessage",
  "setmessagereaction",
  "sendphoto",
  "senddocument",
  "sendvoice",
  "sendvideo",
  "sendaudio",
  "sendanimation",
  "sendsticker",
  "sendvideonote",
  "sendlocation",
  "sendmediagroup",
  "copymessage",
  "forwardmessage",
]);

/** What an outbox payload and a Bot API call have in common, for pairing them. */
export function sendSignature(method: string, params: Record<string, unknown>): string {
  const name = method.toLowerCase();
  if (name === "sendmessage") return `text:${String(params.text)}`;
  if (name === "setmessagereaction") return `reaction:${String(params.message_id)}`;
  return `method:${name}`;
}

/**
 * Follows one bot's traffic through the fake's call listener, in O(1) per call: a message
 * is handed out when a getUpdates answer carries it, answered by the first successful send
 * to its chat after that. A parent has at most one message outstanding, so the attribution
 * is unambiguous. Also keeps every successful send per chat for the duplicate check.
 */
export class ReplyTracker {
  private readonly byUpdate = new Map<number, TrackedMessage>();
  private readonly handedIds = new Set<number>();
  private readonly parents = new Map<number, { parent: Parent; outstanding?: TrackedMessage }>();
  private readonly all: TrackedMessage[] = [];
  private deadlineHead = 0;
  private readonly unsubscribe: () => void;
  private readonly timer: NodeJS.Timeout;
  readonly sends = new Map<number, SendRecord[]>();
  /** Update ids handed out more than once (same-id redelivery reached the bot). */
  sameIdRedeliveries = 0;
  /** getUpdates answers and the updates they carried (bench ones and others). */
  polls = 0;
  updatesHandedOut = 0;

  constructor(
    fake: FakeTelegram,
    private readonly token: string,
    private readonly options: {
      deadlineMs: number;
      /** Called once per answered message (not for late ones: their parent is retired). */
      onAnswered: (parent: Parent, at: number) => void;
    },
  ) {
    this.unsubscribe = fake.onCall((call) => this.observe(call));
    this.timer = setInterval(() => this.checkDeadlines(Date.now()), 100);
  }

  /** Starts following a message the parent just sent (first update id). */
  track(parent: Parent, message: TrackedMessage, update: Update | undefined): void {
    this.all.push(message);
    if (update) this.byUpdate.set(update.update_id, message);
    const entry = this.parents.get(parent.id);
    if (entry) entry.outstanding = message;
    else this.parents.set(parent.id, { parent, outstanding: message });
  }

  /** Another update carrying the same message (a duplicate delivery). */
  alsoCarriedBy(message: TrackedMessage, update: Update | undefined): void {
    if (update) this.byUpdate.set(update.update_id, message);
  }

  messages(): readonly TrackedMessage[] {
    return this.all;
  }

  /** Messages neither answered nor past their deadline. */
  outstanding(): number {
    let count = 0;
    for (let i = this.deadlineHead; i < this.all.length; i += 1) {
      const message = this.all[i];
      if (message && message.repliedAt === undefined && !message.lost) count += 1;
    }
    return count;
  }

  /** Lost messages still without any reply. */
  unansweredLost(): number {
    let count = 0;
    for (const message of this.all) if (message.lost && message.repliedAt === undefined) count += 1;
    return count;
  }

  stop(): void {
    clearInterval(this.timer);
    this.unsubscribe();
  }

  private observe(call: ApiCall): void {
    if (call.token !== this.token || !call.ok) return;
    const at = call.at + call.durationMs;
    const method = call.method.toLowerCase();
    if (method === "getupdates") {
      if (!Array.isArray(call.result)) return;
      this.polls += 1;
      this.updatesHandedOut += call.result.length;
      for (const update of call.result as Update[]) {
        const message = this.byUpdate.get(update.update_id);
        if (!message) continue;
        if (this.handedIds.has(update.update_id)) this.sameIdRedeliveries += 1;
        else this.handedIds.add(update.update_id);
        message.handOuts += 1;
        message.handedAt ??= at;
      }
      return;
    }
    if (!SEND_METHODS.has(method)) return;
    const chatId = Number(call.params.chat_id);
    if (!(chatId > 0)) return;
    const list = this.sends.get(chatId) ?? [];
    list.push({ at, signature: sendSignature(method, call.params) });
    this.sends.set(chatId, list);
    const entry = this.parents.get(chatId);
    const message = entry?.outstanding;
    if (!entry || !message || message.handedAt === undefined || at < message.handedAt) return;
    message.repliedAt = at;
    message.replyMethod = call.method;
    entry.outstanding = undefined;
    if (!message.lost) this.options.onAnswered(entry.parent, at);
  }

  private checkDeadlines(now: number): void {
    for (;;) {
      const message = this.all[this.deadlineHead];
      if (!message || message.pushedAt + this.options.deadlineMs > now) return;
      this.deadlineHead += 1;
      if (message.repliedAt !== undefined) continue;
      message.lost = true;
      const entry = this.parents.get(message.chatId);
      if (entry) entry.parent.retired = true;
    }
  }
}
