import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { RELAY_BOT_TOKEN } from "../support/relay-harness.js";
import { ConsoleClient, csrfOf } from "../support/console-client.js";
import { type ConsoleHarness, startConsoleHarness } from "../support/console-harness.js";
import { PARENT_BOT_TOKEN } from "../support/telegram-harness.js";

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsoleHarness();
});
afterAll(async () => h.close());

/** Opens a sign-in link the way a person does: the page, then its button. */
async function signIn(client: ConsoleClient, link: string) {
  const page = await client.get(link.replace(h.baseUrl, ""));
  expect(page.status).toBe(200);
  const token = new URL(link).searchParams.get("token") ?? "";
  return client.post("/console/sign-in", { _csrf: csrfOf(page.text), token });
}

describe("console: signing in", () => {
  test("/console before the member started the bot: the group is told how, no link anywhere", async () => {
    h.agent.sendText(h.staff.id, "/console");
    await h.fake.waitFor(
      () => h.relayPosts().some((m) => m.text?.includes("откройте личный чат с ботом")),
      10_000,
      "the hint in the group",
    );
    expect(h.relayPosts().some((m) => m.text?.includes("/console/sign-in"))).toBe(false);
  });

  test("without a session every page is the sign-in page and shows no data", async () => {
    const parent = h.fake.createUser({ first_name: "Алсу" });
    parent.sendText(PARENT_BOT_TOKEN, "Не могу записать ребёнка в кружок робототехники");
    const { ticket } = await h.ticketOf(parent);
    const client = new ConsoleClient(h.baseUrl);
    for (const path of [
      "/console/queue",
      `/console/tickets/${ticket.number}`,
      "/console/search?q=робототехники",
      "/console/dashboard",
      "/console/kb",
    ]) {
      const page = await client.get(path);
      expect(page.status, path).toBe(401);
      expect(page.text).toContain("напишите /console в группе поддержки");
      expect(page.text).not.toContain("робототехник");
      expect(page.text).not.toContain(`№${ticket.number}`);
    }
  });

  test("the link signs in once; the cookie is HttpOnly and SameSite=Strict; sign-out ends it", async () => {
    h.agent.sendText(RELAY_BOT_TOKEN, "/start");
    const link = await h.requestLink(h.agent);
    expect(link.startsWith(`${h.baseUrl}/console/sign-in?token=`)).toBe(true);

    const client = new ConsoleClient(h.baseUrl);
    const signedIn = await signIn(client, link);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("location")).toBe("/console/queue");
    const session = client.setCookies.find((c) => c.startsWith("console_session="));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(session).toMatch(/Path=\/console/);
    const queue = await client.get("/console/queue");
    expect(queue.status).toBe(200);
    expect(queue.text).toContain("Очередь обращений");
    expect(queue.headers.get("content-security-policy")).toContain("script-src 'self'");

    const again = await signIn(new ConsoleClient(h.baseUrl), link);
    expect(again.status).toBe(401);
    expect(again.text).toContain("уже использована или её срок истёк");

    const out = await client.post("/console/sign-out", { _csrf: csrfOf(queue.text) });
    expect(out.status).toBe(303);
    expect((await client.get("/console/queue")).status).toBe(401);
  });

  test("an expired link is refused", async () => {
    const link = await h.requestLink(h.agent);
    await h.testDb.db.consoleLink.updateMany({
      where: { usedAt: null },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const result = await signIn(new ConsoleClient(h.baseUrl), link);
    expect(result.status).toBe(401);
    expect(result.text).toContain("срок истёк");
  });

  test("a form without the CSRF token is refused and changes nothing", async () => {
    const client = new ConsoleClient(h.baseUrl);
    await signIn(client, await h.requestLink(h.agent));
    const macros = await client.get("/console/macros");
    expect(macros.status).toBe(200);
    const refused = await client.post("/console/macros", { name: "привет", text: "Здравствуйте!" });
    expect(refused.status).toBe(403);
    expect(await h.testDb.db.macro.count()).toBe(0);
    const saved = await client.post("/console/macros", {
      _csrf: csrfOf(macros.text),
      name: "привет",
      text: "Здравствуйте, {parent}!",
    });
    expect(saved.status).toBe(303);
    expect(await h.testDb.db.macro.count()).toBe(1);
  });

  test("an agent cannot open supervisors' pages; a supervisor can", async () => {
    const client = new ConsoleClient(h.baseUrl);
    await signIn(client, await h.requestLink(h.agent));
    for (const path of [
      "/console/dashboard",
      "/console/dashboard/csat.csv",
      "/console/municipalities",
    ]) {
      const page = await client.get(path);
      expect(page.status, path).toBe(403);
    }
    await h.testDb.db.agent.update({
      where: { telegramUserId: String(h.agent.id) },
      data: { role: "supervisor" },
    });
    expect((await client.get("/console/dashboard")).status).toBe(200);
    const csv = await client.get("/console/dashboard/open-by-age.csv");
    expect(csv.status).toBe(200);
    expect(csv.text.split("\n")[0]).toBe("label,count");
    await h.testDb.db.agent.update({
      where: { telegramUserId: String(h.agent.id) },
      data: { role: "agent" },
    });
  });
});

describe("macros", () => {
  test("/m name in a topic sends the macro filled in for the ticket; an unknown name lists them", async () => {
    await h.testDb.db.macro.upsert({
      where: { name: "спасибо" },
      create: { name: "спасибо", text: "{parent}, спасибо за обращение №{number}!" },
      update: {},
    });
    const parent = h.fake.createUser({ first_name: "Ринат" });
    parent.sendText(PARENT_BOT_TOKEN, "Не могу записать сына в секцию плавания, пишет ошибку");
    const { ticket, threadId } = await h.ticketOf(parent);
    h.agent.sendText({ chatId: h.staff.id, threadId }, "/m Спасибо");
    const expected = `Ринат, спасибо за обращение №${ticket.number}!`;
    await h.fake.waitFor(() => h.parentTexts(parent).includes(expected), 10_000, "the macro");
    await h.fake.waitFor(
      () => h.relayPosts(threadId).some((m) => m.text?.includes(expected)),
      10_000,
      "the macro shown in the topic",
    );
    h.agent.sendText({ chatId: h.staff.id, threadId }, "/m нет-такого");
    await h.fake.waitFor(
      () => h.relayPosts().some((m) => m.text?.includes("Шаблона «нет-такого» нет")),
      10_000,
      "the list of macros",
    );
  });
});

describe("console: search uses its indexes", () => {
  test.each([
    [
      "words",
      `to_tsvector('russian', "text") @@ websearch_to_tsquery('russian', 'кружок')`,
      "Message_text_fts_idx",
    ],
    [
      "phone",
      `regexp_replace("text", '\\D', '', 'g') LIKE '%9123456789%'`,
      "Message_digits_trgm_idx",
    ],
  ])("%s: the plan reads the index, not the table", async (_kind, where, index) => {
    // On a tiny table a sequential scan is cheapest; forbidding it shows the index serves the query.
    const plan = await h.testDb.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN SELECT "ticketId" FROM "Message" WHERE ${where}`,
      );
    });
    const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
    expect(text).toContain(index);
    expect(text).not.toMatch(/Seq Scan on "?Message"?/);
  });
});
