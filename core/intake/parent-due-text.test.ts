import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import type { Contact, Ticket, Tx } from "../db/index.js";
import { createI18n } from "../i18n/index.js";
import { manualClock } from "../shared/index.js";
import { calendarPolicy, loadCalendarFile, plainTimePolicy } from "../sla/index.js";
import type { IntakeDeps } from "./intake-deps.js";
import { responseWithin, ticketOpenedText } from "./parent-due-text.js";

const i18n = createI18n();
const calendar = loadCalendarFile(
  fileURLToPath(new URL("../sla/calendars/ru-2026-2027.yaml", import.meta.url)),
);

function deps(policy: IntakeDeps["policy"], now: string): IntakeDeps {
  return {
    i18n,
    policy,
    clock: manualClock(now),
    settings: { defaultTimeZone: "Europe/Moscow" },
  } as unknown as IntakeDeps;
}

describe("the response time in words", () => {
  test.each([
    [1440, "ru", "24 часов"],
    [60, "ru", "1 часа"],
    [1260, "ru", "21 часа"],
    [120, "ru", "2 часов"],
    [30, "ru", "30 минут"],
    [1, "ru", "1 минуты"],
    [90, "ru", "90 минут"],
    [1440, "en", "24 hours"],
    [60, "en", "1 hour"],
    [30, "en", "30 minutes"],
  ] as const)("%i minutes in %s: «%s»", (minutes, locale, words) => {
    expect(responseWithin(deps(plainTimePolicy(minutes), "2026-12-02T09:00:00Z"), locale)).toBe(
      words,
    );
  });

  test("working time under a business calendar, and the welcome uses it", () => {
    const d = deps(calendarPolicy(calendar, 540), "2026-12-02T09:00:00Z");
    expect(responseWithin(d, "ru")).toBe("9 рабочих часов");
    expect(i18n.t("ru", "welcome", { within: responseWithin(d, "ru") })).toContain(
      "они отвечают в течение 9 рабочих часов.",
    );
  });
});

describe("the acknowledgement of a new ticket", () => {
  const contact = { locale: "ru", timeZone: "Europe/Moscow" } as Contact;
  const tx = {} as Tx;
  const ticket = (createdAt: string, due: string) =>
    ({ number: 42, createdAt: new Date(createdAt), firstResponseDueAt: new Date(due) }) as Ticket;

  test("out of working hours the parent hears when the team is back and when the answer is due", async () => {
    // Wednesday 2 December 2026, 22:30 in Moscow; the team is back on Thursday at 9:00.
    const d = deps(calendarPolicy(calendar, 540), "2026-12-02T19:30:00Z");
    const policy = d.policy;
    const opened = new Date("2026-12-02T19:30:00Z");
    const text = await ticketOpenedText(
      tx,
      d,
      contact,
      ticket(opened.toISOString(), policy.addMinutes(opened, 540).toISOString()),
    );
    expect(text.split("\n")[0]).toBe(
      "Обращение №42 принято. Сейчас нерабочее время: специалисты приступят к работе в 09:00 3 декабря и ответят до 18:00 3 декабря.",
    );
  });

  test("within working hours, and in plain time, the usual text", async () => {
    const working = deps(calendarPolicy(calendar, 540), "2026-12-02T08:00:00Z");
    expect(
      await ticketOpenedText(
        tx,
        working,
        contact,
        ticket("2026-12-02T08:00:00Z", "2026-12-03T08:00:00Z"),
      ),
    ).toMatch(/^Обращение №42 принято\. Ответим до 11:00 3 декабря\./);
    const plain = deps(plainTimePolicy(1440), "2026-12-02T19:30:00Z");
    expect(
      await ticketOpenedText(
        tx,
        plain,
        contact,
        ticket("2026-12-02T19:30:00Z", "2026-12-03T19:30:00Z"),
      ),
    ).toMatch(/^Обращение №42 принято\. Ответим до 22:30 3 декабря\./);
  });
});
