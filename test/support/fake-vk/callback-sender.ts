import { request } from "node:http";
import type { CallbackAttempt, VkEvent } from "./types.js";

/** Where and how the fake POSTs Callback API events (one server, as tests need). */
export interface CallbackServerConfig {
  /** An http:// URL of the bot's Callback endpoint. */
  url: string;
  /** Sent as the `secret` field of every body, as VK does (it is not a header). */
  secret?: string;
}

interface HttpAnswer {
  status: number;
  body: string;
  error: string | undefined;
}

/**
 * One POST with a JSON body. `agent: false` opens a fresh connection each time, so no
 * keep-alive socket outlives the test's own callback server.
 */
function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<HttpAnswer> {
  const text = JSON.stringify(body);
  return new Promise((resolve) => {
    const req = request(url, {
      method: "POST",
      agent: false,
      headers: { "content-type": "application/json", ...headers },
      timeout: timeoutMs,
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const answer = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode ?? 0, body: answer, error: undefined });
      });
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", (error) => resolve({ status: 0, body: "", error: error.message }));
    req.end(text);
  });
}

/** POSTs events to the configured Callback API server and records every attempt. */
export class CallbackSender {
  readonly attempts: CallbackAttempt[] = [];
  private config: CallbackServerConfig | undefined;

  constructor(private readonly timeoutMs: number) {}

  configure(config: CallbackServerConfig | undefined): void {
    this.config = config;
  }

  get isConfigured(): boolean {
    return this.config !== undefined;
  }

  /**
   * Delivers an event. Each call is one attempt: the second and later attempts for the
   * same event_id carry X-Retry-Counter (1, 2...) as VK's redeliveries do.
   */
  async deliver(event: VkEvent): Promise<CallbackAttempt> {
    const earlier = this.attempts.filter((a) => a.eventId === event.event_id).length;
    const retryCounter = earlier === 0 ? undefined : earlier;
    const headers: Record<string, string> =
      retryCounter === undefined ? {} : { "X-Retry-Counter": String(retryCounter) };
    return this.post(event.type, event.event_id, { ...event }, headers, retryCounter);
  }

  /** The {"type":"confirmation","group_id"} request VK sends when a server is added. */
  async confirm(groupId: number): Promise<CallbackAttempt> {
    return this.post("confirmation", undefined, { type: "confirmation", group_id: groupId }, {});
  }

  private async post(
    type: string,
    eventId: string | undefined,
    body: Record<string, unknown>,
    headers: Record<string, string>,
    retryCounter?: number,
  ): Promise<CallbackAttempt> {
    const config = this.config;
    if (config === undefined) throw new Error("fake-vk: no Callback API server configured");
    const withSecret = config.secret === undefined ? body : { ...body, secret: config.secret };
    const answer = await postJson(config.url, withSecret, headers, this.timeoutMs);
    const attempt: CallbackAttempt = {
      type,
      eventId,
      attempt: (retryCounter ?? 0) + 1,
      retryCounter,
      ...answer,
    };
    this.attempts.push(attempt);
    return attempt;
  }
}
