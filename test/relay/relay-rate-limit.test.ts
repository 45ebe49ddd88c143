import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  PARENT_BOT_TOKEN,
  RELAY_BOT_TOKEN,
  type RelayHarness,
  startRelayHarness,
} from "../support/relay-harness.js";

/** The group limit scaled down: 20 messages per 3 s instead of per minute. */
const LIMIT = { max: 20, windowMs: 3000 };

let h: RelayHarness;
beforeAll(async () => {
  h = await startRelayHarness({
    groupLimit: LIMIT,
    // The fake enforces the same window: a message over the limit would get a 429.
    fakeRateLimits: { group: LIMIT },
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

describe("staff relay under load", () => {
  test("40 tickets opened within a minute all get their topics, none lost, within the group limit", async () => {
    const started = Date.now();
    const parents = Array.from({ length: 40 }, (_, i) =>
      h.fake.createUser({ first_name: `Родитель ${i + 1}` }),
    );
    for (const [i, parent] of parents.entries())
      parent.sendText(PARENT_BOT_TOKEN, `Вопрос ${i + 1}: не получается подать заявку в кружок`);

    const tickets = await h.fake.waitFor(
      async () => {
        const rows = await h.testDb.db.ticket.findMany({
          where: { relayThreadId: { not: null }, relayCardMessageId: { not: null } },
        });
        return rows.length >= 40 ? rows : undefined;
      },
      90_000,
      "40 tickets with a topic and a card",
    );
    const elapsedMs = Date.now() - started;

    expect(new Set(tickets.map((t) => t.relayThreadId)).size).toBe(40);
    for (const ticket of tickets) {
      const threadId = ticket.relayThreadId as number;
      expect(h.fake.topic(h.staff.id, threadId)?.name).toMatch(new RegExp(`^№${ticket.number} · `));
      const [card] = h.relayPosts(threadId);
      expect(card?.message_id).toBe(ticket.relayCardMessageId);
      expect(card?.text).toContain(`Обращение №${ticket.number}`);
    }
    const failedRows = await h.testDb.db.outbox.count({
      where: { channel: "relay", status: "failed" },
    });
    expect(failedRows).toBe(0);

    const violations = h.fake.stats.rateLimitViolations.filter((v) => v.token === RELAY_BOT_TOKEN);
    const messagesMax = h.fake.stats.maxMessagesInWindow(
      h.staff.id,
      LIMIT.windowMs,
      RELAY_BOT_TOKEN,
    );
    // Topic creation posts a service message too: counted with the messages.
    const topicTimes = h.fake
      .calls({ token: RELAY_BOT_TOKEN, method: "createForumTopic" })
      .filter((c) => c.ok)
      .map((c) => c.at);
    const sendTimes = h.fake.stats.sendTimes(h.staff.id, RELAY_BOT_TOKEN);
    const allMax = maxInWindow([...topicTimes, ...sendTimes], LIMIT.windowMs);
    console.log(
      JSON.stringify({
        tickets: tickets.length,
        groupMessages: sendTimes.length,
        topicsCreated: topicTimes.length,
        limit: `${LIMIT.max} per ${LIMIT.windowMs} ms`,
        maxMessagesInWindow: messagesMax,
        maxMessagesAndTopicsInWindow: allMax,
        violations: violations.length,
        elapsedMs,
      }),
    );
    expect(violations).toEqual([]);
    expect(messagesMax).toBeLessThanOrEqual(LIMIT.max);
    expect(allMax).toBeLessThanOrEqual(LIMIT.max);
    // 80 group messages at 20 per window cannot take less than three full windows.
    expect(elapsedMs).toBeGreaterThanOrEqual(3 * LIMIT.windowMs);
  }, 120_000);
});
