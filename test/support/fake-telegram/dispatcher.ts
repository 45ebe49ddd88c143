import { ApiError, type ApiBody } from "./api-error.js";
import type { BotAccount } from "./bots.js";
import type { ApiCall } from "./call-log.js";
import type { FakeEnv, MethodContext } from "./env.js";
import type { CallInput } from "./http-body.js";
import { Described } from "./methods/described.js";
import { methodTable, type MethodEntry } from "./methods/index.js";

/** One incoming Bot API call. */
export interface CallRequest {
  token: string;
  method: string;
  input: CallInput;
  /** Aborted when the client disconnects. */
  signal: AbortSignal;
  via: ApiCall["via"];
}

/** The HTTP status and body to answer with. */
export interface CallResponse {
  status: number;
  body: ApiBody;
}

interface Outcome {
  body: ApiBody;
  injected?: ApiCall["injected"];
}

/** How many messages a send produces, for the flood limits (undefined: not a send). */
const MESSAGES_PRODUCED: Record<string, (params: Record<string, unknown>) => number> = {
  sendmessage: () => 1,
  sendphoto: () => 1,
  senddocument: () => 1,
  sendvoice: () => 1,
  sendvideo: () => 1,
  sendaudio: () => 1,
  sendanimation: () => 1,
  sendsticker: () => 1,
  sendvideonote: () => 1,
  sendlocation: () => 1,
  copymessage: () => 1,
  forwardmessage: () => 1,
  sendmediagroup: (params) => arrayLength(params.media),
  copymessages: (params) => arrayLength(params.message_ids),
  forwardmessages: (params) => arrayLength(params.message_ids),
};

function arrayLength(value: unknown): number {
  const parsed: unknown = typeof value === "string" ? safeJson(value) : value;
  return Array.isArray(parsed) ? Math.max(parsed.length, 1) : 1;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Runs Bot API calls: token check, method lookup, injected faults and flood limits (both
 * answered without executing the method), then the method itself. Every call is logged.
 */
export class Dispatcher {
  private readonly methods: Map<string, MethodEntry> = methodTable();

  constructor(private readonly env: FakeEnv) {}

  async handle(call: CallRequest): Promise<CallResponse> {
    const at = this.env.clock();
    const started = Date.now();
    const seq = this.env.log.nextSeq();
    const bot = this.env.bots.resolve(call.token);
    const outcome = bot
      ? await this.run(bot, call)
      : { body: new ApiError(401, "Unauthorized").toBody() };
    const status = outcome.body.ok ? 200 : outcome.body.error_code;
    this.env.log.add(logEntry(seq, call, bot, outcome, status, at, Date.now() - started));
    return { status, body: outcome.body };
  }

  /** Runs a method a bot put in its webhook answer, as if the bot had called it. */
  async runWebhookReply(bot: BotAccount, payload: Record<string, unknown>): Promise<void> {
    const { method, ...params } = payload;
    await this.handle({
      token: bot.token,
      method: typeof method === "string" ? method : "",
      input: { params, files: new Map() },
      signal: new AbortController().signal,
      via: "webhook-reply",
    });
  }

  private async run(bot: BotAccount, call: CallRequest): Promise<Outcome> {
    const entry = this.methods.get(call.method.toLowerCase());
    if (!entry) return { body: new ApiError(404, "Not Found: method not found").toBody() };
    const fault = this.env.faults.take(bot.token, entry.name, this.env.clock());
    if (fault) return { body: fault.toBody(), injected: "fault" };
    const limited = this.checkFloodLimit(bot, entry.name, call.input.params);
    if (limited) return { body: limited.toBody(), injected: "rate-limit" };
    const ctx: MethodContext = {
      env: this.env,
      bot,
      method: entry.name,
      params: call.input.params,
      files: call.input.files,
      signal: call.signal,
    };
    try {
      const result: unknown = await entry.handler(ctx);
      if (result instanceof Described)
        return { body: { ok: true, result: result.result, description: result.description } };
      return { body: { ok: true, result } };
    } catch (error) {
      if (error instanceof ApiError) return { body: error.toBody() };
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      return {
        body: {
          ok: false,
          error_code: 500,
          description: `Internal Server Error: fake-telegram bug: ${message}`,
        },
      };
    }
  }

  private checkFloodLimit(
    bot: BotAccount,
    method: string,
    params: Record<string, unknown>,
  ): ApiError | undefined {
    const count = MESSAGES_PRODUCED[method.toLowerCase()];
    const chatId = params.chat_id;
    if (!count || (typeof chatId !== "number" && typeof chatId !== "string")) return undefined;
    const chat = this.env.world.chats.resolve(
      typeof chatId === "string" && /^-?\d+$/.test(chatId) ? Number(chatId) : chatId,
    );
    if (!chat) return undefined;
    return this.env.limits.check({
      token: bot.token,
      chatId: chat.id,
      isGroup: chat.kind !== "private",
      method,
      count: count(params),
      now: this.env.clock(),
    });
  }
}

function logEntry(
  seq: number,
  call: CallRequest,
  bot: BotAccount | undefined,
  outcome: Outcome,
  httpStatus: number,
  at: number,
  durationMs: number,
): ApiCall {
  const entry: ApiCall = {
    seq,
    token: call.token,
    botId: bot?.user.id,
    method: call.method,
    params: call.input.params,
    files: [...call.input.files.values()].map((f) => ({
      field: f.fieldName,
      fileName: f.fileName,
      size: f.data.length,
    })),
    httpStatus,
    ok: outcome.body.ok,
    via: call.via,
    at,
    durationMs,
  };
  if (outcome.body.ok) entry.result = outcome.body.result;
  else entry.error = outcome.body;
  if (outcome.injected) entry.injected = outcome.injected;
  return entry;
}
