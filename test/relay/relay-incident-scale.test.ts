import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  PARENT_BOT_TOKEN,
  RELAY_BOT_TOKEN,
  type RelayHarness,
  startRelayHarness,
} from "../support/relay-harness.js";

/** Telegram's flood limit for one private chat, enforced by the fake as by Telegram. */
const PRIVATE_CHAT = { max: 1, windowMs: 1000 };
/** The parents' bot sends at most TELEGRAM_SENDS_PER_SECOND (30, as in production). */
const BOT_PER_SECOND = 30;
const PARENTS = Number(process.env.INCIDENT_PARENTS ?? 200);

let h: RelayHarness;
beforeAll(async () => {
  h = await startRelayHarness({ fakeRateLimits: { privateChat: PRIVATE_CHAT } });
  await h.testDb.db.agent.create({
    data: { telegramUserId: String(h.agent.id), displayName: "Ирина Петрова", role: "supervisor" },
  });
});
afterAll(async () => h.close());

/** The most timestamps within any window of `windowMs`. */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= windowMs) start += 1;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe("incident mode at scale", () => {
  test("200 linked tickets resolved at once reach 200 parents within the limits, 0 lost, 0 duplicated", async () => {
    const notice = "Портал временно недоступен, специалисты уже работают.";
    h.agent.sendText({ chatId: h.staff.id }, `/incident ${notice}`);
    const incident = await h.fake.waitFor(
      () => h.testDb.db.incident.findFirst({ where: { status: "open" } }),
      10_000,
      "the incident",
    );
    const parents = Array.from({ length: PARENTS }, (_, i) =>
      h.fake.createUser({ first_name: `Родитель ${i + 1}` }),
    );
    for (const [i, parent] of parents.entries())
      parent.sendText(PARENT_BOT_TOKEN, `Не открывается сайт, вопрос ${i + 1}`);
    await h.fake.waitFor(
      async () =>
        (await h.testDb.db.incidentLink.count({ where: { incidentId: incident.id } })) === PARENTS,
      120_000,
      "200 linked tickets",
    );
    // Every parent's replies are out before the resolution, so what follows measures it alone.
    await h.fake.waitFor(
      async () =>
        (await h.testDb.db.outbox.count({
          where: { channel: "telegram", status: { in: ["pending", "sending"] } },
        })) === 0,
      120_000,
      "the replies to 200 parents sent",
    );
    const relayBacklogFrom = Date.now();
    await h.fake.waitFor(
      async () =>
        (await h.testDb.db.outbox.count({
          where: { channel: "relay", status: { in: ["pending", "sending"] }, notBefore: null },
        })) === 0,
      120_000,
      "the staff relay's rows for 200 tickets done",
    );
    console.log(JSON.stringify({ relayBacklogDrainedMs: Date.now() - relayBacklogFrom }));
    for (const parent of parents)
      expect(h.parentTexts(parent).filter((t) => t.includes(notice))).toHaveLength(1);
    // Quiet tickets: none of them got a topic of its own.
    expect(
      await h.testDb.db.ticket.count({
        where: {
          incidentLinks: { some: { incidentId: incident.id } },
          relayThreadId: { not: null },
        },
      }),
    ).toBe(0);

    const resolution = "Портал снова работает. Спасибо, что дождались!";
    const started = Date.now();
    h.agent.sendText({ chatId: h.staff.id }, `/incident resolve ${resolution}`);
    // A sweep while the rows are being sent starts a second delivery run of every chat:
    // the chat locks and the row claims must keep each message to one send.
    await h.fake.waitFor(
      async () =>
        (await h.testDb.db.incident.findUnique({ where: { id: incident.id } }))?.resolvedAt,
      10_000,
      "the incident resolved",
    );
    await h.core.dispatcher.sweep(0);
    const received = () =>
      parents.filter((p) => h.parentTexts(p).some((t) => t.includes(resolution)));
    await h.fake.waitFor(
      () => received().length === PARENTS,
      60_000,
      "the resolution at 200 parents",
    );
    const elapsedMs = Date.now() - started;
    // The same command again (a replayed update) and a second resolve change nothing.
    h.agent.sendText({ chatId: h.staff.id }, `/incident resolve ${resolution}`);
    await h.fake.waitFor(
      () => h.relayPosts().some((m) => (m.text ?? "").startsWith("Открытых инцидентов нет")),
      10_000,
      "the second resolve refused",
    );

    const perParent = parents.map(
      (p) => h.parentTexts(p).filter((t) => t.includes(resolution)).length,
    );
    const sends = h.fake
      .calls({ token: PARENT_BOT_TOKEN, method: "sendMessage" })
      .filter((c) => c.ok && c.at >= started)
      .map((c) => c.at);
    const rows = await h.testDb.db.outbox.groupBy({
      by: ["status"],
      where: { dedupeKey: { startsWith: `incident-${incident.id}-told-` } },
      _count: true,
    });
    const tickets = await h.testDb.db.ticket.groupBy({
      by: ["status"],
      where: { incidentLinks: { some: { incidentId: incident.id } } },
      _count: true,
    });
    const violations = h.fake.stats.rateLimitViolations.filter((v) => v.token === PARENT_BOT_TOKEN);
    const result = {
      parents: PARENTS,
      reached: perParent.filter((n) => n >= 1).length,
      lost: perParent.filter((n) => n === 0).length,
      duplicated: perParent.filter((n) => n > 1).length,
      elapsedMs,
      maxSendsInAnySecond: maxInWindow(sends, 1000),
      maxSendsInAnyTwoSeconds: maxInWindow(sends, 2000),
      privateChatViolations: violations.length,
    };
    console.log(JSON.stringify(result));
    expect(result.lost).toBe(0);
    expect(result.duplicated).toBe(0);
    expect(rows).toEqual([{ status: "sent", _count: PARENTS }]);
    expect(tickets).toEqual([{ status: "resolved", _count: PARENTS }]);
    // The bot's throttler refills 30 sends each second (a reservoir, as TELEGRAM_SENDS_PER_SECOND
    // says): any sliding second spans at most two refills.
    expect(result.maxSendsInAnySecond).toBeLessThanOrEqual(2 * BOT_PER_SECOND);
    expect(result.maxSendsInAnyTwoSeconds).toBeLessThanOrEqual(3 * BOT_PER_SECOND);
    expect(violations).toEqual([]);
    // The 200 tickets shared the summary post: no topic and no card of their own.
    expect(h.fake.calls({ token: RELAY_BOT_TOKEN, method: "createForumTopic" })).toEqual([]);
    expect(await h.testDb.db.ticket.count({ where: { relayCardMessageId: { not: null } } })).toBe(
      0,
    );
    // 200 messages at 30 a second take at least six seconds.
    expect(elapsedMs).toBeGreaterThanOrEqual(((PARENTS - BOT_PER_SECOND) / BOT_PER_SECOND) * 1000);
  }, 300_000);
});
