import { afterAll, expect, test } from "vitest";
import { createPollerLease } from "../../core/queue/index.js";
import { createTestRedis } from "../support/test-redis.js";

const t = createTestRedis();
afterAll(() => t.cleanup());

const lease = (owner: string, name = "telegram:1") =>
  createPollerLease(t.redis, { prefix: t.prefix, name, owner, leaseMs: 5_000 });

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

test("a dead holder is evicted only while it still holds the lease; the next holder's token is higher", async () => {
  const dead = lease("dead", "telegram:2");
  const next = lease("next", "telegram:2");
  const first = await dead.acquire();
  expect(await next.holder()).toBe("dead");
  // Someone else took it meanwhile: the eviction of "dead" must not remove their lease.
  expect(await next.evict("someone-else")).toBe(false);
  expect(await next.holder()).toBe("dead");
  expect(await next.evict("dead")).toBe(true);
  expect(await next.holder()).toBeUndefined();
  const token = await next.acquire();
  expect(token).toBeGreaterThan(first ?? Number.POSITIVE_INFINITY);
  expect(await dead.renew()).toBe("taken");
});
