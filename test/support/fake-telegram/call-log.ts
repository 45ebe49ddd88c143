import type { ApiErrorBody } from "./api-error.js";

/** One Bot API call as the fake saw and answered it. */
export interface ApiCall {
  /** Order of arrival, from 1. */
  seq: number;
  token: string;
  /** The bot's user id (undefined when the token was refused). */
  botId: number | undefined;
  /** Method name as the client spelled it. */
  method: string;
  /** Parameters as sent (strings for form bodies; files listed separately). */
  params: Record<string, unknown>;
  files: Array<{ field: string; fileName: string; size: number }>;
  httpStatus: number;
  ok: boolean;
  result?: unknown;
  error?: ApiErrorBody;
  /** Set when the answer was a fault the test injected or a rate limit the fake enforced. */
  injected?: "fault" | "rate-limit";
  /** "webhook-reply" for a method a bot returned in its webhook response body. */
  via: "http" | "webhook-reply";
  /** Clock time (ms) when the call arrived and how long it took (long polls take a while). */
  at: number;
  durationMs: number;
}

/** Which calls to return; every field narrows the selection. */
export interface CallFilter {
  token?: string;
  /** Case-insensitive, like the Bot API. */
  method?: string;
  ok?: boolean;
  /** Only calls whose chat_id parameter equals this (numbers and numeric strings match). */
  chatId?: number | string;
}

/** Every API call, in arrival order. */
export class CallLog {
  private readonly entries: ApiCall[] = [];
  private readonly listeners = new Set<(call: ApiCall) => void>();
  private seq = 0;

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  add(call: ApiCall): void {
    this.entries.push(call);
    for (const listener of this.listeners) listener(call);
  }

  /**
   * Calls `listener` with every call as it is answered (benchmarks follow the traffic
   * this way instead of rescanning the whole log); returns the unsubscribe function.
   */
  onAdd(listener: (call: ApiCall) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(filter: CallFilter = {}): ApiCall[] {
    return this.entries.filter((call) => matches(call, filter));
  }

  clear(): void {
    this.entries.length = 0;
  }
}

function matches(call: ApiCall, filter: CallFilter): boolean {
  if (filter.token !== undefined && call.token !== filter.token) return false;
  if (filter.method !== undefined && call.method.toLowerCase() !== filter.method.toLowerCase())
    return false;
  if (filter.ok !== undefined && call.ok !== filter.ok) return false;
  if (filter.chatId !== undefined && String(call.params.chat_id) !== String(filter.chatId))
    return false;
  return true;
}
