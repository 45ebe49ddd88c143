import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadConfig } from "../../core/config/index.js";
import { type RunningSla, startSla } from "../../core/runtime/index.js";
import { handleSlaTimer } from "../../core/sla/index.js";
import {
  PARENT_BOT_TOKEN,
  type RelayHarness,
  startRelayHarness,
} from "../support/relay-harness.js";
import { fastForwardToNextTimer, shiftedClock, slaLabels } from "./sla-test-kit.js";

// The deployment's own variable, parsed as in production: a one-minute first response.
const env = loadConfig({
  DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/unused",
  TELEGRAM_BOT_TOKEN: "1:parents",
  SLA_FIRST_RESPONSE_MINUTES: "1",
});

const clock = shiftedClock();
let h: RelayHarness;
let sla: RunningSla;

beforeAll(async () => {
  h = await startRelayHarness({
    supervisorChat: true,
    clock,
    config: { sla: env.sla, tickets: env.tickets },
  });
  sla = await startSla(h.core);
});
afterAll(async () => {
  await sla.close();
  await h.close();
});

const warning = "⏰ До срока ответа осталось";
const apology = (number: number) =>
  `Мы задерживаемся с ответом по обращению №${number}, приносим извинения; ответим как можно скорее.`;

const warningsIn = (threadId: number) =>
  h.relayPosts(threadId).filter((m) => m.text?.startsWith(warning));
const breachAlerts = (number: number) =>
  h.fake
    .sentTexts({ token: "7000002:relay-bot-token", chatId: h.supervisorChat!.id })
    .filter((text) => text.startsWith(`🔴 Просрочен ответ по обращению №${number}`));

/** Walks the clock to the ticket's next timer and waits until the fake Bot API shows its effect. */
async function runTimer(ticketId: number, expected: string, effect: () => boolean | undefined) {
  expect(await fastForwardToNextTimer(h.core, sla.deps, clock, ticketId)).toBe(expected);
  await h.fake.waitFor(effect, 10_000, `the ${expected} on the fake Bot API`);
}

describe("SLA end to end with SLA_FIRST_RESPONSE_MINUTES=1 (BullMQ, relay bot, fake Bot API)", () => {
  test("a ticket on hold gets both warnings and the breach; the topic shows the hold", async () => {
    const parent = h.fake.createUser({ first_name: "Алия" });
    parent.sendText(PARENT_BOT_TOKEN, "Не приходит подтверждение записи на кружок");
    const { ticket, threadId } = await h.ticketOf(parent);
    h.agent.sendText({ chatId: h.staff.id, threadId }, "/hold");
    await h.fake.waitFor(
      () => h.parentTexts(parent).includes("Оставайтесь на связи, я уточняю информацию."),
      5000,
      "the hold phrase",
    );
    await h.fake.waitFor(
      () => h.fake.topic(h.staff.id, threadId)?.name.includes("⏸ 🟢"),
      5000,
      "the topic title showing the hold and the time left",
    );

    await runTimer(ticket.id, "p50", () => warningsIn(threadId).length === 1);
    await runTimer(ticket.id, "p80", () => warningsIn(threadId).length === 2);
    await runTimer(ticket.id, "breach", () => breachAlerts(ticket.number).length === 1);
    await h.fake.waitFor(
      () => h.parentTexts(parent).includes(apology(ticket.number)),
      5000,
      "the apology to the parent",
    );
    await h.fake.waitFor(
      () => h.fake.topic(h.staff.id, threadId)?.name.endsWith("⏸ 🔴"),
      5000,
      "the topic title turning red while on hold",
    );
    const held = await h.core.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(held.status).toBe("on_hold");
    expect(held.firstResponseDueAt).toEqual(ticket.firstResponseDueAt);
    expect(await slaLabels(h.core, ticket.id)).toEqual(["p50", "p80", "breach"]);

    // The resolution after the hold still thanks the parent for waiting.
    h.agent.sendText({ chatId: h.staff.id, threadId }, "/resolve Запись подтверждена.");
    const resolved = await h.fake.waitFor(
      () => h.parentTexts(parent).find((text) => text.includes(`№${ticket.number} решено`)),
      5000,
      "the resolution",
    );
    expect(resolved.startsWith("Спасибо за ожидание.\n\nОбращение")).toBe(true);
  });

  test("a ticket waiting for the parent gets nothing until the parent answers, then the clock runs", async () => {
    const parent = h.fake.createUser({ first_name: "Олег" });
    parent.sendText(PARENT_BOT_TOKEN, "Как записать второго ребёнка на тот же кружок?");
    const { ticket, threadId } = await h.ticketOf(parent);
    h.agent.sendText(
      { chatId: h.staff.id, threadId },
      "Здравствуйте! Подскажите, пожалуйста, номер сертификата второго ребёнка.",
    );
    await h.fake.waitFor(
      async () =>
        (await h.core.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status ===
        "waiting_parent",
      5000,
      "the question to reach the parent",
    );
    // Past the original deadline, the only timer is the reminder to the silent parent, and
    // the original deadline's timers no longer act.
    clock.offset += 2 * 60_000;
    await sla.sweep();
    const original = ticket.firstResponseDueAt.getTime();
    for (const label of ["p50", "p80", "breach"])
      expect(await handleSlaTimer(sla.deps, { ticketId: ticket.id, label, ref: original })).toBe(
        "stale",
      );
    expect(warningsIn(threadId)).toEqual([]);
    expect(breachAlerts(ticket.number)).toEqual([]);
    expect(await slaLabels(h.core, ticket.id)).toEqual([]);

    parent.sendText(PARENT_BOT_TOKEN, "Сертификат 1234567890");
    await h.fake.waitFor(
      async () =>
        (await h.core.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status ===
        "waiting_agent",
      5000,
      "the parent's answer",
    );
    const restarted = await h.core.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(restarted.responseDueAt!.getTime() - restarted.lastParentAt!.getTime()).toBe(60_000);
    await runTimer(ticket.id, "p50", () => warningsIn(threadId).length === 1);
    await runTimer(ticket.id, "p80", () => warningsIn(threadId).length === 2);
    await runTimer(ticket.id, "breach", () => breachAlerts(ticket.number).length === 1);
    expect(await slaLabels(h.core, ticket.id)).toEqual(["p50", "p80", "breach"]);
  });

  test("/deadline: a supervisor moves the deadline with a reason; an agent may not", async () => {
    const parent = h.fake.createUser({ first_name: "Марина" });
    parent.sendText(PARENT_BOT_TOKEN, "Почему не отображается расписание кружка?");
    const { ticket, threadId } = await h.ticketOf(parent);
    h.agent.sendText({ chatId: h.staff.id, threadId }, "/deadline +2ч уточняем в школе");
    await h.fake.waitFor(
      () =>
        h.relayPosts(threadId).some((m) => m.text === "Переносить срок может только руководитель."),
      5000,
      "the refusal",
    );
    await h.core.db.agent.update({
      where: { telegramUserId: String(h.agent.id) },
      data: { role: "supervisor" },
    });
    h.agent.sendText({ chatId: h.staff.id, threadId }, "/deadline +2ч уточняем в школе");
    const told = await h.fake.waitFor(
      () => h.parentTexts(parent).find((text) => text.includes("немного больше времени")),
      5000,
      "the parent told the new time",
    );
    const moved = await h.core.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(moved.firstResponseDueAt).toEqual(ticket.firstResponseDueAt);
    expect(moved.deadlineMovedTo).toEqual(moved.responseDueAt);
    expect(moved.responseDueAt!.getTime() - ticket.firstResponseDueAt.getTime()).toBeGreaterThan(
      110 * 60_000,
    );
    expect(told).toMatch(
      new RegExp(
        `^По обращению №${ticket.number} нам нужно немного больше времени, чтобы всё проверить\\. Ответим до \\d\\d:\\d\\d \\d+ [а-я]+\\. Спасибо за понимание\\.$`,
      ),
    );
    const audit = await h.core.db.auditLog.findFirstOrThrow({
      where: { ticketId: ticket.id, action: "deadline_moved" },
    });
    expect(audit.details).toMatchObject({
      from: ticket.firstResponseDueAt.toISOString(),
      to: moved.responseDueAt!.toISOString(),
      reason: "уточняем в школе",
    });
    // The timers hang on the new deadline now.
    expect(await fastForwardToNextTimer(h.core, sla.deps, clock, ticket.id)).toBe("p50");
    await h.fake.waitFor(() => warningsIn(threadId).length === 1, 10_000, "the warning");
    expect(await slaLabels(h.core, ticket.id)).toEqual([`p50`]);
    const [event] = await h.core.db.slaEvent.findMany({ where: { ticketId: ticket.id } });
    expect(event?.key).toBe(`p50-${moved.responseDueAt!.getTime()}`);
  });
});
