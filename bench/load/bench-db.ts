import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import pg from "pg";

/** Where databases are created and dropped (trust auth as postgres on this machine). */
export const adminUrl =
  process.env.BENCH_ADMIN_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** One short-lived connection per call: a PostgreSQL restart never leaves the bench a dead client. */
export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, empty database for one run (the system migrates it at start). Names carry their
 * birth time, so databases of runs killed before their cleanup are dropped after 6 hours.
 */
export async function createBenchDatabase(): Promise<{ name: string; url: string }> {
  const name = `navsup_bench_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  await withClient(adminUrl, async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'navsup\\_bench\\_%'`,
    );
    for (const { datname } of rows) {
      const born = Number.parseInt(/^navsup_bench_([0-9a-z]+)_/.exec(datname)?.[1] ?? "", 36);
      if (born > Date.UTC(2024, 0) && born < Date.now() - 6 * 3600_000)
        await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
    await c.query(`CREATE DATABASE ${name}`);
  });
  return { name, url: databaseUrl(name) };
}

export async function dropBenchDatabase(name: string): Promise<void> {
  await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** Empties the bench's own Redis database number (never db 0, where the tests work). */
export async function flushRedisDb(db: number): Promise<void> {
  if (db === 0) throw new Error("refusing to flush Redis database 0");
  const redis = new Redis({ host: "127.0.0.1", port: 6379, db, lazyConnect: true });
  try {
    await redis.connect();
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
}

/** An outbox row of a parent's chat, with what a Bot API call can be matched on. */
export interface OutboxRow {
  id: number;
  chatId: number;
  status: string;
  errorCode: string | null;
  signature: string;
  /** When it was recorded as sent, and when it was queued (ms), for attributing rows to phases. */
  sentAt: number | null;
  createdAt: number;
}

/** What the database says about a run, read once at the end. */
export interface DbFacts {
  /** Subjects of tickets (the opening message, seq tag included). */
  ticketSubjects: string[];
  /** Telegram outbox rows of parents' chats, in id order. */
  outbox: OutboxRow[];
  /** Parent messages stored more than once (same chat and message id). */
  duplicateMessages: Array<{ text: string; copies: number; tickets: number }>;
  /** FAQ lookups made more than once for the same (unique) text. */
  duplicateLookups: Array<{ text: string; copies: number }>;
  /** Texts of every stored parent message and every FAQ lookup (for tracing lost ones). */
  storedTexts: string[];
  /** FaqLookup outcomes (answered, escalated, small_talk, reopened…). */
  lookupOutcomes: Record<string, number>;
  followUps: number;
}

export async function readDbFacts(url: string): Promise<DbFacts> {
  return withClient(url, async (c) => {
    const tickets = await c.query<{ subject: string }>(`SELECT subject FROM "Ticket"`);
    const outbox = await c.query<{
      id: number;
      chatKey: string;
      status: string;
      errorCode: string | null;
      sentAtMs: string | null;
      createdAtMs: string;
      payload: { type?: string; text?: string; messageId?: string };
    }>(
      `SELECT id, "chatKey", status, "errorCode", payload,
              extract(epoch FROM "sentAt") * 1000 AS "sentAtMs",
              extract(epoch FROM "createdAt") * 1000 AS "createdAtMs" FROM "Outbox"
        WHERE channel = 'telegram' ORDER BY id`,
    );
    const dupMessages = await c.query<{ text: string; copies: string; tickets: string }>(
      `SELECT min(text) AS text, count(*) AS copies, count(DISTINCT "ticketId") AS tickets
         FROM "Message" WHERE direction = 'in'
        GROUP BY "externalChatId", "externalMessageId" HAVING count(*) > 1`,
    );
    const dupLookups = await c.query<{ text: string; copies: string }>(
      `SELECT text, count(*) AS copies FROM "FaqLookup" GROUP BY text HAVING count(*) > 1`,
    );
    const stored = await c.query<{ text: string }>(
      `SELECT text FROM "Message" WHERE direction = 'in' UNION ALL SELECT text FROM "FaqLookup"`,
    );
    const outcomes = await c.query<{ outcome: string; n: string }>(
      `SELECT outcome, count(*) AS n FROM "FaqLookup" GROUP BY outcome`,
    );
    const followUps = await c.query<{ n: string }>(
      `SELECT count(*) - count(DISTINCT "ticketId") AS n FROM "Message" WHERE direction = 'in'`,
    );
    return {
      ticketSubjects: tickets.rows.map((r) => r.subject),
      outbox: outbox.rows.map((r) => ({
        id: r.id,
        chatId: Number(r.chatKey.slice(r.chatKey.indexOf(":") + 1)),
        status: r.status,
        errorCode: r.errorCode,
        // Prisma stores UTC in "timestamp without time zone"; epoch of it is UTC already.
        sentAt: r.sentAtMs === null ? null : Number(r.sentAtMs),
        createdAt: Number(r.createdAtMs),
        signature:
          r.payload.type === "reaction"
            ? `reaction:${r.payload.messageId}`
            : r.payload.type === "text"
              ? `text:${r.payload.text}`
              : `payload:${r.payload.type}`,
      })),
      duplicateMessages: dupMessages.rows.map((r) => ({
        text: r.text,
        copies: Number(r.copies),
        tickets: Number(r.tickets),
      })),
      duplicateLookups: dupLookups.rows.map((r) => ({ text: r.text, copies: Number(r.copies) })),
      storedTexts: stored.rows.map((r) => r.text),
      lookupOutcomes: Object.fromEntries(outcomes.rows.map((r) => [r.outcome, Number(r.n)])),
      followUps: Number(followUps.rows[0]?.n ?? 0),
    };
  });
}
