import { describe, expect, test } from "vitest";
import { isCoreError } from "../shared/index.js";
import {
  canTransition,
  isOpen,
  nextStatus,
  slaClockRuns,
  type TicketStatus,
} from "./ticket-state.js";

describe("ticket state machine", () => {
  test("the happy path: new -> waiting_parent -> waiting_agent -> resolved -> closed", () => {
    let s: TicketStatus = "new";
    s = nextStatus(s, "agent_reply");
    expect(s).toBe("waiting_parent");
    s = nextStatus(s, "parent_message");
    expect(s).toBe("waiting_agent");
    s = nextStatus(s, "resolve");
    expect(s).toBe("resolved");
    s = nextStatus(s, "close");
    expect(s).toBe("closed");
  });

  test("hold and resume, and a reply ends the hold", () => {
    expect(nextStatus("waiting_agent", "hold")).toBe("on_hold");
    expect(nextStatus("on_hold", "resume")).toBe("waiting_agent");
    expect(nextStatus("on_hold", "agent_reply")).toBe("waiting_parent");
    expect(nextStatus("on_hold", "parent_message")).toBe("waiting_agent");
  });

  test("a resolved ticket reopens to the agent's queue", () => {
    expect(nextStatus("resolved", "reopen")).toBe("waiting_agent");
  });

  test.each<[TicketStatus, Parameters<typeof nextStatus>[1]]>([
    ["closed", "reopen"],
    ["closed", "parent_message"],
    ["resolved", "agent_reply"],
    ["new", "reopen"],
    ["waiting_agent", "resume"],
  ])("%s cannot take %s", (status, event) => {
    let caught: unknown;
    try {
      nextStatus(status, event);
    } catch (error) {
      caught = error;
    }
    expect(isCoreError(caught, "ILLEGAL_TRANSITION")).toBe(true);
    expect(canTransition(status, event)).toBe(false);
  });

  test("open statuses and the SLA clock", () => {
    expect(
      ["new", "waiting_agent", "waiting_parent", "on_hold"].every((s) => isOpen(s as TicketStatus)),
    ).toBe(true);
    expect(isOpen("resolved")).toBe(false);
    expect(slaClockRuns("new")).toBe(true);
    expect(slaClockRuns("waiting_parent")).toBe(false);
    expect(slaClockRuns("on_hold")).toBe(true);
  });
});
