import { afterAll, expect, test } from "vitest";
import { createPollerLease } from "../../core/queue/index.js";
import { createTestRedis } from "../support/test-redis.js";

const t = createTestRedis();
afterAll(() => t.cleanup());

const lease = (owner: string) =>
  createPollerLease(t.redis, { prefix: t.prefix, name: "telegram:1", owner, leaseMs: 5_000 });

test("renewal tells a lease taken by another process from one nobody holds", async () => {
  const a = lease("a");
  const b = lease("b");
  expect(await a.acquire()).toBe(1);
  expect(await b.acquire()).toBeUndefined();
  expect(await a.renew()).toBe("held");

  // Redis restarted empty (or the lease expired): nobody holds it.
  await t.redis.del(`${t.prefix}:poller:telegram:1`);
  expect(await a.renew()).toBe("gone");

  expect(await b.acquire()).toBe(2);
  expect(await a.renew()).toBe("taken");
  expect(await b.renew()).toBe("held");
});
