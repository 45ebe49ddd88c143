import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { queueNames } from "../../core/queue/index.js";
import { createSlaDeps, startMaintenance, startSla } from "../../core/runtime/index.js";
import { HOUR, manualClock } from "../../core/shared/index.js";
import { buildSlaReport, postDailyDigest } from "../../core/sla/index.js";
import { createTestCore, type TestCore } from "../support/test-core.js";
import { parentMessage, relayOn, staffEvent } from "./sla-test-kit.js";

// Monday 2 November 2026, 10:00 Moscow time.
const clock = manualClock("2026-11-02T07:00:00Z");
const start = clock.now().getTime();
const at = (hours: number) => clock.set(new Date(start + hours * HOUR));
let t: TestCore;
const ids: Record<string, number> = {};

async function open(name: string, userId: string): Promise<number> {
  const result = await t.core.receiveMessage(parentMessage(userId));
  ids[name] = result.ticketId as number;
  return ids[name];
}

beforeAll(async () => {
  t = await createTestCore({ clock, config: { relay: relayOn } });
  const kazan = await t.core.db.municipality.create({ data: { code: "kzn", name: "Казань" } });
  at(0);
  await open("quick", "6001"); // answered after 1 h, solved, rated 5
  await open("late", "6002"); // answered after 30 h
  await open("silent", "6003"); // never answered
  await t.core.db.ticket.update({ where: { id: ids.silent }, data: { category: "booking" } });
  await t.core.db.ticket.updateMany({
    where: { id: { in: [ids.quick!, ids.late!] } },
    data: { municipalityId: kazan.id },
  });
  at(1);
  await staffEvent(t.core, ids.quick!, "agent_reply");
  at(2);
  await staffEvent(t.core, ids.quick!, "resolve");
  await t.core.db.ticket.update({ where: { id: ids.quick }, data: { rating: 5 } });
  at(30);
  await staffEvent(t.core, ids.late!, "agent_reply");
  await t.core.db.ticket.update({ where: { id: ids.late }, data: { rating: 3 } });
  at(70);
  await open("fresh", "6004"); // opened 2 h before "now", not yet due
  at(72);
});
afterAll(async () => t.close());

describe("SLA report", () => {
  test("met and missed per category and municipality, first-response times, CSAT", async () => {
    const rows = await buildSlaReport(
      t.core.db,
      { from: new Date("2026-11-01T21:00:00Z"), to: new Date("2026-11-30T21:00:00Z") },
      clock.now(),
    );
    expect(rows[0]).toMatchObject({
      scope: "all",
      tickets: 4,
      met: 1,
      missed: 2,
      pending: 1,
      medianFirstResponseMs: 15.5 * HOUR,
      rated: 2,
      csatAverage: 4,
      csatHighShare: 0.5,
    });
    expect(rows.find((r) => r.scope === "municipality" && r.name === "Казань")).toMatchObject({
      tickets: 2,
      met: 1,
      missed: 1,
    });
    expect(rows.find((r) => r.scope === "category" && r.name === "booking")).toMatchObject({
      tickets: 1,
      missed: 1,
    });
  });

  test(
    "npm run report -- sla prints the table and writes the CSV",
    { timeout: 30_000 },
    async () => {
      const csv = path.join(mkdtempSync(path.join(tmpdir(), "sla-report-")), "report.csv");
      const run = await runCli(
        ["app/report-cli.ts", "sla", "--from", "2026-11-01", "--to", "2026-11-30", "--csv", csv],
        { DATABASE_URL: t.testDb.url },
      );
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(
        /^SLA report: tickets created 2026-11-01 to 2026-11-30 \(Europe\/Moscow\)/,
      );
      expect(run.stdout).toMatch(/all tickets\s+4\s+/);
      expect(run.stdout).toContain("Deadlines moved by a supervisor: none");
      expect(run.stdout).toContain("Incidents: none");
      const lines = readFileSync(csv, "utf8").trimEnd().split("\n");
      expect(lines[0]).toMatch(/^scope,name,tickets,met,missed,pending,/);
      expect(lines).toContain("municipality,Казань,2,1,1,0,0.5,930,1626,2,4,0.5,0,0");

      const bad = await runCli(["app/report-cli.ts", "sla", "--from", "2026-11-01"], {
        DATABASE_URL: t.testDb.url,
      });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/--to is missing\nUsage: npm run report -- sla/);
    },
  );
});

describe("daily digest", () => {
  test("counts the last 24 hours and what is at risk, and posts once a day", async () => {
    const deps = createSlaDeps(t.core);
    await t.core.db.slaEvent.create({
      data: {
        ticketId: ids.silent!,
        kind: "breach",
        key: "breach-test",
        at: new Date(start + 50 * HOUR),
      },
    });
    // 5 November, 10:00 Moscow: "fresh" opened 2 h ago, "silent" is overdue, "late" waits for the parent.
    at(72);
    expect(await postDailyDigest(deps)).toEqual({
      opened: 1,
      resolved: 0,
      breached: 1,
      atRisk: 0,
      overdue: 1,
      open: 3,
    });
    at(92); // "fresh" is due at 94 h
    expect(await postDailyDigest(deps)).toMatchObject({ atRisk: 1, overdue: 1 });
    at(92.5);
    await postDailyDigest(deps); // the same day: no second post
    const rows = await t.core.db.outbox.findMany({
      where: { dedupeKey: { startsWith: "sla-digest-" } },
    });
    const payloads = rows.map(
      (r) => r.payload as { op: string; key: string; args: Record<string, number> },
    );
    expect(payloads.map((p) => [p.op, p.key, p.args.date, p.args.atRisk])).toEqual([
      ["general_text", "relay-digest", "05.11.2026", 0],
      ["general_text", "relay-digest", "06.11.2026", 1],
    ]);
    expect(t.core.i18n.t("ru", "relay-digest", payloads[1]?.args)).toContain(
      "срок ответа в ближайшие 4 ч — 1",
    );
  });

  test("the digest is a 09:00 cron in DEFAULT_TIME_ZONE, the sweeper runs every minute", async () => {
    const sla = await startSla(t.core);
    const maintenance = await startMaintenance(t.core, sla.tasks);
    try {
      const schedulers = await t.core.queues.get(queueNames.maintenance).getJobSchedulers();
      const byName = Object.fromEntries(schedulers.map((s) => [s.key, s]));
      expect(byName["sla-digest"]).toMatchObject({ pattern: "0 9 * * *", tz: "Europe/Moscow" });
      expect(byName["sla-sweep"]).toMatchObject({ every: 60_000 });
    } finally {
      await maintenance.close();
      await sla.close();
    }
  });
});

function runCli(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(path.resolve("node_modules/.bin/tsx"), args, {
      env: { PATH: process.env.PATH ?? "", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
