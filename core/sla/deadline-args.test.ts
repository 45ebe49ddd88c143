import { describe, expect, test } from "vitest";
import { parseDeadlineArgs } from "./deadline-args.js";

const now = new Date("2026-12-02T12:00:00+03:00");
const zone = "Europe/Moscow";

describe("/deadline arguments", () => {
  test("relative, clock time today or tomorrow, and a full date, in the staff's zone", () => {
    expect(parseDeadlineArgs("+2ч ждём ответа РЦ", now, zone)).toEqual({
      ok: true,
      dueAt: new Date("2026-12-02T14:00:00+03:00"),
      reason: "ждём ответа РЦ",
    });
    expect(parseDeadlineArgs("+30m check", now, zone)).toMatchObject({
      dueAt: new Date("2026-12-02T12:30:00+03:00"),
    });
    expect(parseDeadlineArgs("18:00 уточняем в школе", now, zone)).toMatchObject({
      dueAt: new Date("2026-12-02T18:00:00+03:00"),
      reason: "уточняем в школе",
    });
    expect(parseDeadlineArgs("9:30 утром", now, zone)).toMatchObject({
      dueAt: new Date("2026-12-03T09:30:00+03:00"),
    });
    expect(parseDeadlineArgs("04.12 10:00 запрос в министерство", now, zone)).toMatchObject({
      dueAt: new Date("2026-12-04T10:00:00+03:00"),
      reason: "запрос в министерство",
    });
    expect(parseDeadlineArgs("15.01.2027 10:00 каникулы", now, zone)).toMatchObject({
      dueAt: new Date("2027-01-15T10:00:00+03:00"),
    });
  });

  test("no reason, nonsense or a past time is refused with a code", () => {
    expect(parseDeadlineArgs("18:00", now, zone)).toEqual({ ok: false, code: "DEADLINE_USAGE" });
    expect(parseDeadlineArgs("завтра причина", now, zone)).toEqual({
      ok: false,
      code: "DEADLINE_USAGE",
    });
    expect(parseDeadlineArgs("25:00 причина", now, zone)).toEqual({
      ok: false,
      code: "DEADLINE_USAGE",
    });
    expect(parseDeadlineArgs("01.12 10:00 причина", now, zone)).toEqual({
      ok: false,
      code: "DEADLINE_IN_PAST",
    });
  });
});
