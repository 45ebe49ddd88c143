import type { CallbackQuery } from "grammy/types";

/** How a bot answered a callback query (the parameters of answerCallbackQuery). */
export interface CallbackAnswer {
  text?: string;
  show_alert?: boolean;
  url?: string;
  cache_time?: number;
  answeredAt: number;
}

export interface CallbackRecord {
  query: CallbackQuery;
  botId: number;
  answer?: CallbackAnswer;
}

/** Callback queries the test injected, and what the bots answered. */
export class CallbackStore {
  private readonly records = new Map<string, CallbackRecord>();
  private counter = 0;

  nextId(): string {
    this.counter += 1;
    return `${Date.now().toString(36)}${this.counter.toString().padStart(6, "0")}`;
  }

  add(record: CallbackRecord): void {
    this.records.set(record.query.id, record);
  }

  get(id: string): CallbackRecord | undefined {
    return this.records.get(id);
  }
}
