import { describe, expect, test } from "vitest";
import { HOUR, MINUTE } from "../shared/index.js";
import { clockChangeFor, type ClockFields } from "./response-clock.js";
import { plainTimePolicy } from "./sla-policy.js";

const policy = plainTimePolicy(24 * 60);
const t0 = new Date("2026-11-25T10:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

function fresh(): ClockFields {
  return {
    status: "new",
    firstResponseAt: null,
    firstResponseDueAt: at(24 * HOUR),
    responseDueAt: at(24 * HOUR),
  };
}

describe("response clock", () => {
  test("the first agent reply records the first response and owes nothing more", () => {
    expect(clockChangeFor(fresh(), "waiting_parent", at(HOUR), policy)).toEqual({
      responseDueAt: null,
      firstResponseAt: at(HOUR),
    });
  });

  test("a parent follow-up while waiting keeps the deadline", () => {
    expect(clockChangeFor(fresh(), "new", at(HOUR), policy)).toEqual({});
  });

  test("a parent message after an agent reply gets the full response time again", () => {
    const answered = {
      ...fresh(),
      status: "waiting_parent" as const,
      firstResponseAt: at(HOUR),
      responseDueAt: null,
    };
    expect(clockChangeFor(answered, "waiting_agent", at(30 * HOUR), policy)).toEqual({
      responseDueAt: at(54 * HOUR),
    });
  });

  test("a hold does not stop the clock: the deadline stays where it was", () => {
    const held = { ...fresh(), status: "on_hold" as const };
    expect(clockChangeFor(fresh(), "on_hold", at(2 * HOUR), policy)).toEqual({});
    expect(clockChangeFor(held, "waiting_agent", at(5 * HOUR), policy)).toEqual({});
  });

  test("resolving clears what is owed; reopening owes a fresh reply", () => {
    expect(clockChangeFor(fresh(), "resolved", at(MINUTE), policy)).toMatchObject({
      responseDueAt: null,
    });
    const resolved = {
      ...fresh(),
      status: "resolved" as const,
      responseDueAt: null,
      firstResponseAt: at(MINUTE),
    };
    expect(clockChangeFor(resolved, "waiting_agent", at(HOUR), policy)).toEqual({
      responseDueAt: at(25 * HOUR),
    });
  });
});
