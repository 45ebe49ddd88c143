import { seededRandom } from "./seeded-random.js";

interface ScheduledFailure {
  method: string;
  remaining: number;
  code: number;
}

interface RandomFailure {
  rate: number;
  codes: number[];
  methods: ReadonlySet<string> | undefined;
  next: () => number;
}

interface ScheduledDelay {
  method: string;
  remaining: number;
  ms: number;
  executeFirst: boolean;
}

/** How a call should be disturbed; decided once per call, before it runs. */
export interface CallFault {
  errorCode: number | undefined;
  delayMs: number;
  /** true: run the method, then hold the answer (an ambiguous send for the client). */
  executeFirst: boolean;
}

/** VK's Bots Long Poll `failed` codes: 1 new ts, 2 new key, 3 new key and ts. */
export type LongPollFailure = 1 | 2 | 3;

/** Matches "messages.send" itself, or every method when scheduled for "*". */
function matches(scheduled: string, method: string): boolean {
  return scheduled === "*" || scheduled === method;
}

/** Test-controlled disturbances of API calls and long poll requests. */
export class FaultPlan {
  private readonly failures: ScheduledFailure[] = [];
  private readonly delays: ScheduledDelay[] = [];
  private random: RandomFailure | undefined;
  private readonly pollFailures: LongPollFailure[] = [];

  failNext(method: string, count: number, code: number): void {
    this.failures.push({ method, remaining: count, code });
  }

  failRandomly(options: { rate: number; seed: number; codes: number[]; methods?: string[] }): void {
    this.random = {
      rate: options.rate,
      codes: options.codes,
      methods: options.methods === undefined ? undefined : new Set(options.methods),
      next: seededRandom(options.seed),
    };
  }

  delayNext(method: string, count: number, ms: number, executeFirst: boolean): void {
    this.delays.push({ method, remaining: count, ms, executeFirst });
  }

  failNextPoll(failure: LongPollFailure): void {
    this.pollFailures.push(failure);
  }

  takePollFailure(): LongPollFailure | undefined {
    return this.pollFailures.shift();
  }

  /** Removes every scheduled fault and the random failure rate. */
  clear(): void {
    this.failures.length = 0;
    this.delays.length = 0;
    this.pollFailures.length = 0;
    this.random = undefined;
  }

  /** Consumes the faults that apply to this call. */
  decide(method: string): CallFault {
    const delay = this.take(this.delays, method);
    return {
      errorCode: this.take(this.failures, method)?.code ?? this.randomCode(method),
      delayMs: delay?.ms ?? 0,
      executeFirst: delay?.executeFirst ?? false,
    };
  }

  private take<T extends { method: string; remaining: number }>(list: T[], method: string) {
    const index = list.findIndex((item) => matches(item.method, method));
    const item = list[index];
    if (item === undefined) return undefined;
    item.remaining -= 1;
    if (item.remaining <= 0) list.splice(index, 1);
    return item;
  }

  private randomCode(method: string): number | undefined {
    const random = this.random;
    if (random === undefined) return undefined;
    if (random.methods !== undefined && !random.methods.has(method)) return undefined;
    if (random.next() >= random.rate) return undefined;
    const index = Math.floor(random.next() * random.codes.length);
    return random.codes[index];
  }
}
