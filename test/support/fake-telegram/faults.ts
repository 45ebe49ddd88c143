import { ApiError, defaultDescription, tooManyRequests } from "./api-error.js";

/** Which calls a fault hits and how it answers them. */
export interface FaultSpec {
  /** A method name, several, or "*" for every method (getUpdates included). Case-insensitive. */
  method: string | readonly string[];
  /** Only calls of this bot; all bots when omitted. */
  token?: string;
  /** HTTP status and error_code: 429, 500, 502, or any other (then give a description). */
  errorCode: number;
  /** For 429: parameters.retry_after in seconds (default 1). */
  retryAfter?: number;
  /** Overrides the standard description ("Too Many Requests: retry after N", "Bad Gateway"). */
  description?: string;
}

interface FaultRule {
  methods: Set<string> | "*";
  token?: string;
  make: () => ApiError;
  remaining?: number;
  rate?: number;
  random?: () => number;
}

/** A record of a fault the fake injected, for assertions. */
export interface InjectedFault {
  token: string;
  method: string;
  errorCode: number;
  at: number;
}

/**
 * Test-controlled failures. A matching call is answered with the error and NOT executed,
 * which is what a 429 or a 5xx from Telegram's front end means.
 */
export class FaultInjector {
  private rules: FaultRule[] = [];
  readonly injected: InjectedFault[] = [];

  /** Fails the next `count` (default 1) matching calls. */
  failNext(spec: FaultSpec & { count?: number }): void {
    this.rules.push({ ...ruleBase(spec), remaining: spec.count ?? 1 });
  }

  /** Fails a share (`rate`, 0..1) of matching calls, drawn from a seeded generator. */
  failRandomly(spec: FaultSpec & { rate: number; seed?: number }): void {
    this.rules.push({ ...ruleBase(spec), rate: spec.rate, random: mulberry32(spec.seed ?? 1) });
  }

  private drops: FaultRule[] = [];

  /**
   * The next `count` (default 1) matching calls are EXECUTED, then the connection is cut
   * before the answer: the bot cannot know whether the call took effect.
   */
  dropAfterNext(spec: Pick<FaultSpec, "method" | "token"> & { count?: number }): void {
    this.drops.push({ ...ruleBase({ ...spec, errorCode: 0 }), remaining: spec.count ?? 1 });
  }

  /** Whether this executed call's answer is to be dropped (recorded with errorCode 0). */
  takeDrop(token: string, method: string, now: number): boolean {
    const name = method.toLowerCase();
    const rule = this.drops.find(
      (r) =>
        (r.token === undefined || r.token === token) && (r.methods === "*" || r.methods.has(name)),
    );
    if (!rule?.remaining) return false;
    rule.remaining -= 1;
    if (rule.remaining === 0) this.drops = this.drops.filter((r) => r !== rule);
    this.injected.push({ token, method, errorCode: 0, at: now });
    return true;
  }

  /** Removes every rule (injected faults stay recorded). */
  clear(): void {
    this.rules = [];
    this.drops = [];
  }

  /** The error to answer this call with, if a rule hits it. */
  take(token: string, method: string, now: number): ApiError | undefined {
    const name = method.toLowerCase();
    for (const rule of this.rules) {
      if (rule.token !== undefined && rule.token !== token) continue;
      if (rule.methods !== "*" && !rule.methods.has(name)) continue;
      if (!this.fires(rule)) continue;
      const error = rule.make();
      this.injected.push({ token, method, errorCode: error.errorCode, at: now });
      return error;
    }
    return undefined;
  }

  private fires(rule: FaultRule): boolean {
    if (rule.remaining !== undefined) {
      if (rule.remaining <= 0) return false;
      rule.remaining -= 1;
      if (rule.remaining === 0) this.rules = this.rules.filter((r) => r !== rule);
      return true;
    }
    return rule.random !== undefined && rule.random() < (rule.rate ?? 0);
  }
}

function ruleBase(spec: FaultSpec): FaultRule {
  const methods =
    spec.method === "*"
      ? "*"
      : new Set((typeof spec.method === "string" ? [spec.method] : spec.method).map(lower));
  const rule: FaultRule = { methods, make: () => faultError(spec) };
  if (spec.token !== undefined) rule.token = spec.token;
  return rule;
}

function lower(method: string): string {
  return method.toLowerCase();
}

function faultError(spec: FaultSpec): ApiError {
  if (spec.errorCode === 429 && spec.description === undefined)
    return tooManyRequests(spec.retryAfter ?? 1);
  const parameters = spec.errorCode === 429 ? { retry_after: spec.retryAfter ?? 1 } : undefined;
  return new ApiError(
    spec.errorCode,
    spec.description ?? defaultDescription(spec.errorCode),
    parameters,
  );
}

/** A small seeded PRNG so "30% of calls fail" is the same 30% on every run. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
