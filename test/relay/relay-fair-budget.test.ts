import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createRateGate } from "../../core/queue/index.js";
import { safetyMarginMs } from "../../bots/relay/relay-sender.js";
import type { FakeUser } from "../support/fake-telegram/index.js";
import {
  PARENT_BOT_TOKEN,
  RELAY_BOT_TOKEN,
  type RelayHarness,
  type StaffTicket,
  startRelayHarness,
} from "../support/relay-harness.js";

/**
 * The group limit with its window scaled down, as in relay-rate-limit.test.ts: 20 messages
 * per 3 s instead of per minute (the same count and the same sliding window; at 60 s the
 * test would take minutes). The fake enforces the same window.
 */
const LIMIT = { max: 20, windowMs: 3000 };
const FLOOD = 30;
const OTHERS = 20;

let h: RelayHarness;
beforeAll(async () => {
  h = await startRelayHarness({ groupLimit: LIMIT, fakeRateLimits: { group: LIMIT } });
});
afterAll(async () => h.close());

function textOf(params: Record<string, unknown>): string {
  return typeof params.text === "string" ? params.text : "";
}

/** When the relay posted a text containing `part` in the topic (undefined: not yet). */
function postedAt(threadId: number, part: string): number | undefined {
  return h.fake
    .calls({ token: RELAY_BOT_TOKEN, method: "sendMessage" })
    .find((c) => c.ok && c.params.message_thread_id === threadId && textOf(c.params).includes(part))
    ?.at;
}

/** Waits until the group's sliding window is empty again, so the flood starts on a full budget. */
async function budgetRefilled(): Promise<void> {
  const gate = createRateGate(h.core.redis, h.core.queuePrefix);
  const key = `relay-group-${h.staff.id}`;
  const window = { max: LIMIT.max, windowMs: LIMIT.windowMs + safetyMarginMs(LIMIT.windowMs) };
  await h.fake.waitFor(
    async () => (await gate.room(key, window)) === LIMIT.max,
    3 * LIMIT.windowMs,
    "the group's budget refilled",
  );
}

describe("a fair staff-group budget", () => {
  test("30 messages in a row from one parent do not hold back 20 other parents' posts", async () => {
    const flooder = h.fake.createUser({ first_name: "Флудер" });
    const others = Array.from({ length: OTHERS }, (_, i) =>
      h.fake.createUser({ first_name: `Родитель ${i + 1}` }),
    );
    const places = new Map<FakeUser, StaffTicket>();
    for (const [i, parent] of [flooder, ...others].entries())
      parent.sendText(PARENT_BOT_TOKEN, `Первый вопрос ${i}: не получается подать заявку`);
    for (const parent of [flooder, ...others]) places.set(parent, await h.ticketOf(parent, 60_000));
    await budgetRefilled();

    const floodTexts = Array.from({ length: FLOOD }, (_, i) => `флуд-${i + 1}-сообщение`);
    const started = Date.now();
    for (const text of floodTexts) flooder.sendText(PARENT_BOT_TOKEN, text);
    const otherTexts = others.map((_, i) => `вопрос-другого-${i + 1}`);
    const othersSent = Date.now();
    others.forEach((parent, i) => parent.sendText(PARENT_BOT_TOKEN, otherTexts[i] as string));

    const flooderThread = places.get(flooder)?.threadId as number;
    await h.fake.waitFor(
      () =>
        floodTexts.every((t) => postedAt(flooderThread, t) !== undefined) &&
        others.every((p, i) =>
          postedAt(places.get(p)?.threadId as number, otherTexts[i] as string),
        ),
      60_000,
      "every message of the flood and of the others in the group",
    );
    // The posts are in the group; their records follow each send.
    await h.fake.waitFor(
      async () =>
        (await h.testDb.db.message.count({ where: { direction: "in", relayMessageId: null } })) ===
        0,
      10_000,
      "every parent message recorded as shown",
    );
    const otherPostTimes = others.map(
      (p, i) => postedAt(places.get(p)?.threadId as number, otherTexts[i] as string) as number,
    );
    const otherLatencies = otherPostTimes.map((at) => at - othersSent);
    const flooderPosts = h.fake
      .calls({ token: RELAY_BOT_TOKEN, method: "sendMessage" })
      .filter((c) => c.ok && c.params.message_thread_id === flooderThread && c.at >= started);
    const flooderTexts = flooderPosts.map((c) => textOf(c.params));
    const shownOnce = floodTexts.every(
      (t) => flooderTexts.filter((text) => text.split("\n").includes(t)).length === 1,
    );
    // How many of the flooder's posts went out before each other parent's post.
    const floodPostsAhead = otherPostTimes.map(
      (at) => flooderPosts.filter((c) => c.at < at).length,
    );
    const violations = h.fake.stats.rateLimitViolations.filter((v) => v.token === RELAY_BOT_TOKEN);
    const result = {
      flood: FLOOD,
      others: OTHERS,
      limit: `${LIMIT.max} per ${LIMIT.windowMs} ms`,
      flooderPosts: flooderPosts.length,
      maxFloodPostsAheadOfAnOther: Math.max(...floodPostsAhead),
      othersMaxLatencyMs: Math.max(...otherLatencies),
      othersMedianLatencyMs: [...otherLatencies].sort((a, b) => a - b)[Math.floor(OTHERS / 2)],
      violations: violations.length,
    };
    console.log(JSON.stringify(result));
    // Nothing dropped: every message of the flood is in the group, each exactly once.
    expect(shownOnce).toBe(true);
    // The flood was combined while the budget was short…
    expect(flooderPosts.length).toBeLessThan(FLOOD);
    // …and no other parent waited behind it: posted one by one, the whole flood (30 posts,
    // a window and a half of the budget) would go out first. At most the flooder's turn
    // that was running when they wrote, and one more, come before anyone else's post.
    expect(result.maxFloodPostsAheadOfAnOther).toBeLessThanOrEqual(2);
    expect(violations).toEqual([]);
  }, 120_000);
});
