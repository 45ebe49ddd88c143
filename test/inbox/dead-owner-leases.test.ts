import { hostname } from "node:os";
import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { poolOf } from "../../core/db/index.js";
import { createInboxProcessor, type InboxProcessor } from "../../core/inbox/index.js";
import { createDeadLeaseReclaimer } from "../../core/liveness/index.js";
import { silentLogger } from "../../core/observability/index.js";
import { createTestDb, type TestDb } from "../support/test-db.js";

/**
 * A process's leases are released as soon as PostgreSQL has dropped its liveness lock (the
 * process died), not when they run out; a live process's are not, nor those of an owner
 * that never took a lock (an older version), nor those of one whose connection comes back
 * within the grace. The leases here run for minutes: only the liveness check can free them.
 */
let t: TestDb;
let pool: pg.Pool;
const processors: InboxProcessor[] = [];
const sessions: pg.Client[] = [];
const LIVENESS_CLASS = 0x6e737570;

beforeAll(async () => {
  t = await createTestDb();
  const found = poolOf(t.db);
  if (!found) throw new Error("createDb registers its pool");
  pool = found;
});
afterAll(async () => {
  for (const p of processors) await p.stop();
  for (const s of sessions) await s.end().catch(() => undefined);
  await t.drop();
});

/** A session holding `owner`'s liveness lock, as that process would. */
async function livingAs(owner: string): Promise<pg.Client> {
  const session = new pg.Client({ connectionString: t.url });
  sessions.push(session);
  await session.connect();
  await session.query("SELECT pg_advisory_lock($1::int, hashtext($2))", [LIVENESS_CLASS, owner]);
  return session;
}

/** An inbox row and an outbox row being sent, both leased by `owner` for ten minutes. */
async function leaseTo(owner: string, chat: string) {
  const inbox = await t.db.inbox.create({
    data: {
      source: "liveness",
      dedupeKey: `${chat}:1`,
      chatKey: chat,
      payload: { chat },
      leaseUntil: new Date(Date.now() + 600_000),
      leasedBy: owner,
      attempts: 1,
    },
  });
  const outbox = await t.db.outbox.create({
    data: {
      channel: "telegram",
      chatKey: `telegram:${chat}`,
      payload: { kind: "text", text: "hi" },
      status: "sending",
      leaseUntil: new Date(Date.now() + 600_000),
      leasedBy: owner,
    },
  });
  return { inbox: Number(inbox.id), outbox: outbox.id };
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

test("a dead process's rows are taken over at once; a live one's, an untracked one's are not", async () => {
  const dying = await livingAs("@host:1:dying");
  await livingAs("@host:2:alive");
  const dead = await leaseTo("@host:1:dying", "c-dead");
  const alive = await leaseTo("@host:2:alive", "c-alive");
  const untracked = await leaseTo("host:3:older-version", "c-old");
  await dying.end();

  const handled: string[] = [];
  const released: number[] = [];
  const survivor = createInboxProcessor(pool, silentLogger(), {
    sweepMs: 100,
    deadOwnerGraceMs: 200,
  });
  processors.push(survivor);
  survivor.handle("liveness", {
    run: async (payload) => void handled.push((payload as { chat: string }).chat),
  });
  survivor.onOutboxReleased((ids) => released.push(...ids));
  await survivor.start();

  await until(() => handled.length > 0 && released.length > 0);
  await survivor.settled();
  expect(handled).toEqual(["c-dead"]);
  expect(released).toEqual([dead.outbox]);
  const outbox = await t.db.outbox.findUniqueOrThrow({ where: { id: dead.outbox } });
  // Its send may have begun: it stays "sending", and the deliverer that takes it says so.
  expect(outbox).toMatchObject({ status: "sending", leaseUntil: null, leasedBy: null });
  for (const kept of [alive, untracked]) {
    const row = await t.db.inbox.findUniqueOrThrow({ where: { id: BigInt(kept.inbox) } });
    expect(row.doneAt).toBeNull();
    expect(row.leasedBy).not.toBeNull();
    expect(
      (await t.db.outbox.findUniqueOrThrow({ where: { id: kept.outbox } })).leasedBy,
    ).not.toBeNull();
  }
  expect(await survivor.isAlive("@host:2:alive")).toBe(true);
  expect(await survivor.isAlive("@host:1:dying")).toBe(false);
  // Not known to be dead: an owner that never took the lock.
  expect(await survivor.isAlive("host:3:older-version")).toBe(true);
  // Its sweep would race the reclaimers of the tests below for their rows.
  await survivor.stop();
});

test("a process whose connection comes back within the grace keeps its leases", async () => {
  const owner = "@host:4:reconnecting";
  let session = await livingAs(owner);
  const rows = await leaseTo(owner, "c-flaky");
  let now = 0;
  const reclaimer = createDeadLeaseReclaimer(pool, "@host:5:sweeper", 3_000, () => now);

  await session.end();
  expect(await reclaimer.sweep()).toMatchObject({ owners: [], recheckInMs: 3_000 });
  session = await livingAs(owner);
  now = 3_500;
  expect(await reclaimer.sweep()).toMatchObject({ owners: [], outbox: [] });

  // Gone again: the grace counts from this sighting, not the first one.
  await session.end();
  now = 4_000;
  expect(await reclaimer.sweep()).toMatchObject({ owners: [], recheckInMs: 3_000 });
  now = 6_000;
  expect(await reclaimer.sweep()).toMatchObject({ owners: [], recheckInMs: 1_000 });
  now = 7_000;
  expect(await reclaimer.sweep()).toMatchObject({
    owners: [owner],
    inbox: 1,
    outbox: [rows.outbox],
  });
});

test("a process of this host whose pid is gone needs no grace", async () => {
  // Above Linux's pid_max: no process has it. And this process's own pid under another
  // name: the process before a container's restart.
  const gone = `@${hostname()}:4194305:killed`;
  const earlier = `@${hostname()}:${process.pid}:before-restart`;
  const elsewhere = "@another-host:4194305:killed";
  for (const owner of [gone, earlier, elsewhere]) await leaseTo(owner, `c-${owner}`);
  const reclaimer = createDeadLeaseReclaimer(pool, "@host:6:sweeper", 60_000);
  const result = await reclaimer.sweep();
  expect([...result.owners].sort()).toEqual([earlier, gone].sort());
  expect(result.recheckInMs).toBe(60_000);
});
