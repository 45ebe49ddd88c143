import type { Update } from "grammy/types";

/** An update before the queue gives it its id. */
export type UpdateBody = Omit<Update, "update_id">;

/**
 * One bot's pending updates. An update stays pending (and is handed out again) until the bot
 * confirms it by asking for a higher offset, or a webhook delivery succeeds.
 */
export class UpdateQueue {
  private nextId: number;
  private pending: Update[] = [];
  private readonly history = new Map<number, Update>();
  private readonly listeners = new Set<() => void>();

  constructor(firstUpdateId: number) {
    this.nextId = firstUpdateId;
  }

  /** Appends a new update and wakes long polls and the webhook sender. */
  push(body: UpdateBody): Update {
    const update: Update = { update_id: this.nextId++, ...body };
    this.pending.push(update);
    this.history.set(update.update_id, update);
    this.notify();
    return update;
  }

  /** Puts an update that was already handed out (even confirmed) back into the queue. */
  requeue(updateId: number): Update {
    const update = this.history.get(updateId);
    if (!update) throw new Error(`fake-telegram: no update ${updateId} in this bot's history`);
    if (!this.pending.some((u) => u.update_id === updateId)) {
      this.pending.push(update);
      this.pending.sort((a, b) => a.update_id - b.update_id);
    }
    this.notify();
    return update;
  }

  /** Confirms every update below `offset`. */
  confirmBelow(offset: number): void {
    this.pending = this.pending.filter((u) => u.update_id >= offset);
  }

  /** Negative getUpdates offsets: forget all but the last `count` updates. */
  keepLast(count: number): void {
    this.pending = count > 0 ? this.pending.slice(-count) : [];
  }

  /** Pending updates from `offset` on (all when offset is 0). */
  take(offset: number, limit: number): Update[] {
    return this.pending.filter((u) => u.update_id >= offset).slice(0, limit);
  }

  /** Drops everything pending (drop_pending_updates). */
  clear(): void {
    this.pending = [];
  }

  get size(): number {
    return this.pending.length;
  }

  /** Every update ever queued, in order (for assertions). */
  all(): Update[] {
    return [...this.history.values()];
  }

  /** Calls `listener` whenever updates arrive; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
