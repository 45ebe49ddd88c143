import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { RELAY_BOT_TOKEN } from "../support/relay-harness.js";
import { ConsoleClient, csrfOf, fieldOf } from "../support/console-client.js";
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
    parent.sendText(
      PARENT_BOT_TOKEN,
      "Организация не отвечает по кружку робототехники уже две недели",
    );
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
      `SELECT "ticketId" FROM "MessageSearch" WHERE words @@ websearch_to_tsquery('russian', 'кружок')`,
      "MessageSearch_words_idx",
    ],
    [
      "phone",
      `SELECT "ticketId" FROM "MessageSearch" WHERE digits LIKE '%9123456789%'`,
      "MessageSearch_digits_idx",
    ],
    [
      "name",
      `SELECT id FROM "Contact" WHERE ("displayName" || ' ' || coalesce("username", '')) ILIKE '%орлов%'`,
      "Contact_name_trgm_idx",
    ],
  ])("%s: the plan reads the index, not the table", async (_kind, query, index) => {
    // On a tiny table a sequential scan is cheapest; forbidding it shows the index serves the query.
    const plan = await h.testDb.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${query}`);
    });
    const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
    expect(text).toContain(index);
    expect(text).not.toMatch(/Seq Scan on "?(MessageSearch|Contact)"?/);
  });

  test("a message written by raw SQL (as the hot path does) is found by a word at once", async () => {
    const parent = h.fake.createUser({ first_name: "Зульфия", last_name: "Орловская" });
    parent.sendText(PARENT_BOT_TOKEN, "Не приходит письмо о зачислении в кружок оригами");
    const { ticket } = await h.ticketOf(parent);
    await h.testDb.db.$executeRaw`
      INSERT INTO "Message" ("ticketId", direction, text) VALUES (${ticket.id}, 'in', 'И ещё вопрос про квиллинг')`;
    const client = new ConsoleClient(h.baseUrl);
    await signIn(client, await h.requestLink(h.agent));
    for (const q of ["квиллинга", "оригами", "Орловск", "зульфия"]) {
      const page = await client.get(`/console/search?q=${encodeURIComponent(q)}`);
      expect(page.status, q).toBe(200);
      expect(page.text, q).toContain(`href="/console/tickets/${ticket.number}"`);
    }
    const none = await client.get(`/console/search?q=${encodeURIComponent("каллиграфия")}`);
    expect(none.text).not.toContain(`href="/console/tickets/${ticket.number}"`);
  });
});

describe("console: the queue pages by cursor", () => {
  test("next pages follow the queue's order without repeats; the first-page link returns", async () => {
    const client = new ConsoleClient(h.baseUrl);
    await signIn(client, await h.requestLink(h.agent));
    const before = await h.testDb.db.ticket.count();
    const contact = await h.testDb.db.contact.create({
      data: { channel: "telegram", externalId: "queue-pages", displayName: "Очередь Тест" },
    });
    const base = 900_000;
    const now = Date.now();
    // 55 owing a reply (two share a due time: the id decides) and 60 owing none.
    await h.testDb.db.ticket.createMany({
      data: Array.from({ length: 115 }, (_, i) => ({
        number: base + i,
        contactId: contact.id,
        category: "other" as const,
        status: "resolved" as const,
        firstResponseDueAt: new Date(now),
        responseDueAt: i < 55 ? new Date(now + 3_600_000 * (i === 1 ? 0 : i)) : null,
      })),
    });
    const seen: number[] = [];
    let path: string | undefined = "/console/queue?status=resolved";
    let pages = 0;
    while (path) {
      const page = await client.get(path);
      expect(page.status).toBe(200);
      pages++;
      if (pages > 1) expect(page.text).toContain('href="/console/queue?status=resolved"');
      seen.push(
        ...[...page.text.matchAll(/href="\/console\/tickets\/(\d+)"/g)].map((m) => Number(m[1])),
      );
      const next = /<a href="([^"]+)" rel="next"/.exec(page.text)?.[1];
      path = next?.replace(/&amp;/g, "&");
    }
    expect(pages).toBe(3);
    const expected = await h.testDb.db.ticket.findMany({
      where: { status: "resolved" },
      orderBy: [{ responseDueAt: { sort: "asc", nulls: "last" } }, { id: "desc" }],
      select: { number: true },
    });
    expect(seen).toEqual(expected.map((t) => t.number));
    expect(before + 115).toBe(await h.testDb.db.ticket.count());
    // The same parent's 115 tickets by name: the newest 50, and a word that there are more.
    const byName = await client.get(`/console/search?q=${encodeURIComponent("очередь тест")}`);
    const found = [...byName.text.matchAll(/href="\/console\/tickets\/(\d+)"/g)].map((m) =>
      Number(m[1]),
    );
    expect(found).toEqual(Array.from({ length: 50 }, (_, i) => base + 114 - i));
    expect(byName.text).toContain("Показаны 50 самых новых обращений");
    await h.testDb.db.ticket.deleteMany({ where: { contactId: contact.id } });
  });
});

describe("console: the ticket page", () => {
  test("a supervisor moves the deadline with a reason: audited, the parent told; an agent cannot", async () => {
    const parent = h.fake.createUser({ first_name: "Эльвира" });
    parent.sendText(PARENT_BOT_TOKEN, "Не могу записать дочь в студию вокала, пишет ошибку");
    const { ticket } = await h.ticketOf(parent);
    const client = new ConsoleClient(h.baseUrl);
    await signIn(client, await h.requestLink(h.agent));
    const asAgent = await client.get(`/console/tickets/${ticket.number}`);
    expect(asAgent.text).not.toContain(`/tickets/${ticket.number}/deadline`);
    const refused = await client.post(`/console/tickets/${ticket.number}/deadline`, {
      _csrf: csrfOf(asAgent.text),
      key: fieldOf(asAgent.text, "key"),
      due: "+2ч",
      reason: "ждём ответа оператора",
    });
    expect(refused.status).toBe(403);

    await h.testDb.db.agent.update({
      where: { telegramUserId: String(h.agent.id) },
      data: { role: "supervisor" },
    });
    try {
      const page = await client.get(`/console/tickets/${ticket.number}`);
      expect(page.text).toContain(`action="/console/tickets/${ticket.number}/deadline"`);
      const noReason = await client.post(`/console/tickets/${ticket.number}/deadline`, {
        _csrf: csrfOf(page.text),
        key: fieldOf(page.text, "key"),
        due: "2099-12-03T18:00",
        reason: "  ",
      });
      expect(noReason.headers.get("location")).toContain("notice=deadline-usage");
      const past = await client.post(`/console/tickets/${ticket.number}/deadline`, {
        _csrf: csrfOf(page.text),
        key: fieldOf(page.text, "key"),
        due: "2020-01-01T10:00",
        reason: "проверка",
      });
      expect(past.headers.get("location")).toContain("notice=deadline-past");
      const fresh = await client.get(`/console/tickets/${ticket.number}`);
      const moved = await client.post(`/console/tickets/${ticket.number}/deadline`, {
        _csrf: csrfOf(fresh.text),
        key: fieldOf(fresh.text, "key"),
        due: "2099-12-03T18:00",
        reason: "ждём ответа оператора региона",
      });
      expect(moved.headers.get("location")).toContain("notice=deadline-moved");
      const after = await h.testDb.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
      // 18:00 in the staff's zone (Moscow, UTC+3).
      expect(after.responseDueAt?.toISOString()).toBe("2099-12-03T15:00:00.000Z");
      expect(after.deadlineMovedTo?.toISOString()).toBe("2099-12-03T15:00:00.000Z");
      const audit = await h.testDb.db.auditLog.findFirstOrThrow({
        where: { ticketId: ticket.id, action: "deadline_moved" },
      });
      expect(audit.details).toMatchObject({ reason: "ждём ответа оператора региона" });
      await h.fake.waitFor(
        () =>
          h
            .parentTexts(parent)
            .some((t) => t.includes(`№${ticket.number}`) && t.includes("больше времени")),
        10_000,
        "the parent told the new time",
      );
    } finally {
      await h.testDb.db.agent.update({
        where: { telegramUserId: String(h.agent.id) },
        data: { role: "agent" },
      });
    }
  });
});

describe("console: language and pages without JavaScript", () => {
  test("every page links the other language and the switch comes back to the same page", async () => {
    const client = new ConsoleClient(h.baseUrl);
    const signInPage = await client.get("/console/sign-in");
    expect(signInPage.text).toContain('href="/console/lang?to=en&amp;back=%2Fconsole%2Fsign-in"');
    await signIn(client, await h.requestLink(h.agent));
    for (const path of [
      "/console/queue",
      "/console/search?q=%D0%BA",
      "/console/kb",
      "/console/macros",
    ]) {
      const page = await client.get(path);
      expect(page.status, path).toBe(200);
      expect(page.text, path).toContain(
        `href="/console/lang?to=en&amp;back=${encodeURIComponent(path)}"`,
      );
    }
    const switched = await client.get(
      `/console/lang?to=en&back=${encodeURIComponent("/console/kb")}`,
    );
    expect(switched.status).toBe(303);
    expect(switched.headers.get("location")).toBe("/console/kb");
    const english = await client.get("/console/kb");
    expect(english.text).toContain('<html lang="en">');
    expect(english.text).toContain("/console/lang?to=ru");
    const elsewhere = await client.get(
      `/console/lang?to=ru&back=${encodeURIComponent("https://evil.example/")}`,
    );
    expect(elsewhere.headers.get("location")).toBe("/console/queue");
    const scheme = await client.get(
      `/console/lang?to=ru&back=${encodeURIComponent("/console//evil.example")}`,
    );
    expect(scheme.headers.get("location")).toBe("/console/queue");
  });

  test("sign-out is audited", async () => {
    const client = new ConsoleClient(h.baseUrl);
    await signIn(client, await h.requestLink(h.agent));
    const agent = await h.testDb.db.agent.findUniqueOrThrow({
      where: { telegramUserId: String(h.agent.id) },
    });
    const before = await h.testDb.db.auditLog.count({
      where: { actor: `agent:${agent.id}`, action: "console_signed_out" },
    });
    const queue = await client.get("/console/queue");
    expect((await client.post("/console/sign-out", { _csrf: csrfOf(queue.text) })).status).toBe(
      303,
    );
    expect(
      await h.testDb.db.auditLog.count({
        where: { actor: `agent:${agent.id}`, action: "console_signed_out" },
      }),
    ).toBe(before + 1);
  });
});
