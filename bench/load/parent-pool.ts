import type { FakeTelegram, FakeUser } from "../../test/support/fake-telegram/index.js";

/** A simulated parent: writes again only once answered (or given up on) and rested. */
export interface Parent {
  id: number;
  user: FakeUser;
  /** A lost message retires its parent for good, so a late reply is never misattributed. */
  retired: boolean;
  /** The pool the parent returns to once answered. */
  pool: ParentPool;
}

/**
 * Parents waiting to write, longest-idle first. When nobody is ready a fresh parent joins
 * (counted in `extra`): the load stays open-loop, so a slow system cannot slow the offered
 * rate down by keeping parents busy.
 */
export class ParentPool {
  private readonly idle: Array<{ parent: Parent; readyAt: number }> = [];
  private head = 0;
  private made = 0;
  /** Parents added because none was ready. */
  extra = 0;

  constructor(
    private readonly fake: FakeTelegram,
    private readonly label: string,
    initial: number,
  ) {
    for (let i = 0; i < initial; i += 1) this.idle.push({ parent: this.create(), readyAt: 0 });
  }

  get size(): number {
    return this.made;
  }

  take(now: number): Parent {
    const next = this.idle[this.head];
    if (next && next.readyAt <= now) {
      this.head += 1;
      // Drop the consumed front now and then instead of shifting on every take.
      if (this.head > 4096) {
        this.idle.splice(0, this.head);
        this.head = 0;
      }
      return next.parent;
    }
    this.extra += 1;
    return this.create();
  }

  /** An answered parent writes again after `readyAt` (answer time plus reading time). */
  release(parent: Parent, readyAt: number): void {
    if (!parent.retired) this.idle.push({ parent, readyAt });
  }

  private create(): Parent {
    this.made += 1;
    const user = this.fake.createUser({
      first_name: `${this.label} ${this.made}`,
      language_code: "ru",
    });
    return { id: user.id, user, retired: false, pool: this };
  }
}
