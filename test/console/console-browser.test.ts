import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startBrowser, type TestBrowser } from "../support/browser.js";
import { type ConsoleHarness, startConsoleHarness } from "../support/console-harness.js";
import { RELAY_BOT_TOKEN } from "../support/relay-harness.js";
import { PARENT_BOT_TOKEN } from "../support/telegram-harness.js";

let h: ConsoleHarness;
let b: TestBrowser;
beforeAll(async () => {
  [h, b] = await Promise.all([startConsoleHarness(), startBrowser()]);
}, 90_000);
afterAll(async () => {
  await b?.close();
  await h?.close();
});

/**
 * A supervisor's first morning in a real browser (Debian's Chromium, headless): sign in
 * through the relay's link, find a ticket by a word, answer it, resolve it, publish the
 * FAQ draft an agent made from it, and look at the charts. Each page is photographed.
 */
describe("console in a browser", () => {
  test(
    "sign in, search, reply, resolve, publish a draft, see the charts",
    { timeout: 120_000 },
    async () => {
      const { page } = b;
      const parent = h.fake.createUser({ first_name: "Светлана", last_name: "Орлова" });
      parent.sendText(
        PARENT_BOT_TOKEN,
        "Добрый день! Не приходит подтверждение записи в кружок керамики, мой телефон +7 912 345-67-89",
      );
      const { ticket, threadId } = await h.ticketOf(parent);
      await h.testDb.db.agent.upsert({
        where: { telegramUserId: String(h.agent.id) },
        create: {
          telegramUserId: String(h.agent.id),
          displayName: "Ирина Петрова",
          role: "supervisor",
        },
        update: { role: "supervisor" },
      });

      // Sign in through the link the relay bot sends privately.
      h.agent.sendText(RELAY_BOT_TOKEN, "/start");
      const link = await h.requestLink(h.agent);
      await page.goto(link);
      await b.screenshot("sign-in");
      await page.getByRole("button", { name: "Войти в консоль" }).click();
      await page.waitForURL(/\/console\/queue$/);
      await expect
        .poll(() => page.locator("table.tickets").textContent())
        .toContain(`№${ticket.number}`);
      await b.screenshot("queue");

      // Find it by a word from the conversation (another form of the word: Russian stemming).
      await page.getByRole("link", { name: "Поиск" }).click();
      await page.locator('input[name="q"]').fill("керамика");
      await page.getByRole("button", { name: "Найти" }).click();
      const hit = page.getByRole("link", { name: `№${ticket.number}` });
      await hit.waitFor();
      await b.screenshot("search");
      await hit.click();
      await page.waitForURL(new RegExp(`/console/tickets/${ticket.number}`));
      const conversation = await page.locator("section.conversation").textContent();
      expect(conversation).toContain("кружок керамики");
      expect(conversation).not.toContain("345-67-89");
      await b.screenshot("ticket");

      // Reply: it reaches the parent on Telegram and is shown in the ticket's topic.
      const answer = "Письмо отправлено повторно, проверьте, пожалуйста, папку «Спам».";
      await page.locator('textarea[name="text"]').fill(answer);
      await page.getByRole("button", { name: "Отправить" }).click();
      await page.getByText("Ответ отправлен родителю.").waitFor();
      await h.fake.waitFor(() => h.parentTexts(parent).includes(answer), 10_000, "the reply");
      await h.fake.waitFor(
        () => h.relayPosts(threadId).some((m) => m.text?.includes("Ответ родителю от")),
        10_000,
        "the console reply in the topic",
      );

      // An agent saves the exchange as an FAQ draft from Telegram…
      h.agent.sendText({ chatId: h.staff.id, threadId }, "/faq");
      const draft = await h.fake.waitFor(
        () => h.testDb.db.faqEntry.findFirst({ where: { source: "agent_draft" } }),
        10_000,
        "the FAQ draft",
      );

      // …resolve in the console: the parent hears at once.
      await page.getByRole("button", { name: "Решено" }).click();
      await page.getByText("Готово.").waitFor();
      await h.fake.waitFor(
        () =>
          h.parentTexts(parent).some((t) => t.includes(`№${ticket.number}`) && t.includes("реш")),
        10_000,
        "the parent told it is solved",
      );
      expect(
        (await h.testDb.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status,
      ).toBe("resolved");

      // The supervisor publishes the draft.
      await page.getByRole("link", { name: "База знаний" }).click();
      await page.locator("article.draft").filter({ hasText: "кружок керамики" }).waitFor();
      await b.screenshot("knowledge-base");
      await page.locator("article.draft").getByRole("button", { name: "Опубликовать" }).click();
      await page.getByText("Ответ опубликован").waitFor();
      expect(
        (await h.testDb.db.faqEntry.findUniqueOrThrow({ where: { id: draft.id } })).published,
      ).toBe(true);
      expect(await h.testDb.db.auditLog.count({ where: { action: "faq_draft_published" } })).toBe(
        1,
      );

      // The dashboard draws its charts (uPlot canvases), with the numbers in tables.
      await page.getByRole("link", { name: "Показатели" }).click();
      await page
        .locator('.chart[data-chart="tickets-per-day"][data-drawn="true"] canvas')
        .waitFor();
      expect(await page.locator(".chart[data-drawn='true'] canvas").count()).toBe(7);
      expect(await page.locator("table.data").first().textContent()).toContain("Telegram");
      await b.screenshot("dashboard");
    },
  );
});

describe("console without JavaScript", () => {
  test(
    "every page and form works with scripts off: filters, pages, search, reply (with the literacy hint), deadline, language, knowledge base, dashboard tables",
    { timeout: 120_000 },
    async () => {
      const plain = await startBrowser({ javaScript: false });
      try {
        const { page } = plain;
        const parent = h.fake.createUser({ first_name: "Гульнара" });
        parent.sendText(
          PARENT_BOT_TOKEN,
          "Здравствуйте, не могу записать ребёнка в секцию шахмат, пишет ошибку",
        );
        const { ticket, threadId } = await h.ticketOf(parent);
        const link = await h.requestLink(h.agent);
        await page.goto(link);
        await page.getByRole("button", { name: "Войти в консоль" }).click();
        await page.waitForURL(/\/console\/queue$/);
        expect(await page.locator("table.tickets").textContent()).toContain(`№${ticket.number}`);

        // Filters are a plain GET form.
        await page.locator('select[name="status"]').selectOption("all");
        await page.getByRole("button", { name: "Показать" }).click();
        await page.waitForURL(/status=all/);
        expect(await page.locator("table.tickets").textContent()).toContain(`№${ticket.number}`);

        // Search, then the ticket.
        await page.getByRole("link", { name: "Поиск" }).click();
        await page.locator('input[name="q"]').fill("шахматы");
        await page.getByRole("button", { name: "Найти" }).click();
        await page.getByRole("link", { name: `№${ticket.number}` }).click();
        await page.waitForURL(new RegExp(`/console/tickets/${ticket.number}$`));

        // Move the deadline (the viewer is a supervisor since the first test), then reply.
        await page.locator('input[name="due"]').fill("2099-12-03T18:00");
        await page.locator('input[name="reason"]').fill("ждём ответа организатора");
        await page.getByRole("button", { name: "Перенести срок" }).click();
        await page.getByText("Срок перенесён").waitFor();
        expect(
          (await h.testDb.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } }))
            .deadlineMovedTo,
        ).not.toBeNull();
        const answer = "Проверили запись: ошибка исправлена, попробуйте, пожалуйста, ещё раз.";
        await page.locator('textarea[name="text"]').fill(answer);
        await page.getByRole("button", { name: "Отправить" }).click();
        await page.getByText("Ответ отправлен родителю.").waitFor();
        await h.fake.waitFor(() => h.parentTexts(parent).includes(answer), 10_000, "the reply");

        // The language link, and back.
        await page.getByRole("link", { name: "English" }).click();
        await page.waitForURL(new RegExp(`/console/tickets/${ticket.number}\\?notice=sent$`));
        expect(await page.locator("html").getAttribute("lang")).toBe("en");
        await page.getByRole("link", { name: "Русский" }).click();
        expect(await page.locator("html").getAttribute("lang")).toBe("ru");

        // The literacy hint, as in the topic: a reply with typos goes as written and the
        // page names the words; one the etiquette guard holds carries them in its reasons.
        const typos = "Проверили ещё раз: ваша заевка принета, ждите письмо.";
        await page.locator('textarea[name="text"]').fill(typos);
        await page.getByRole("button", { name: "Отправить" }).click();
        await page.getByText("Ответ отправлен родителю.").waitFor();
        const hint = page.locator(".notice.spelling");
        expect(await hint.count()).toBe(1);
        expect(await hint.textContent()).toContain("Похоже на опечатки: заевка, принета.");
        await h.fake.waitFor(() => h.parentTexts(parent).includes(typos), 10_000, "the reply");
        await h.fake.waitFor(
          () =>
            h
              .relayPosts(threadId)
              .some((m) => m.text?.startsWith("✏️") && m.text.includes("заевка, принета")),
          10_000,
          "the same hint in the topic",
        );
        const held = "Ок, ваша заевка принета";
        await page.locator('textarea[name="text"]').fill(held);
        await page.getByRole("button", { name: "Отправить" }).click();
        const reasons = page.locator('.notice.error[role="alert"]');
        await reasons.waitFor();
        expect(await reasons.textContent()).toContain("Разговорное слово: «Ок»");
        expect(await reasons.locator("li.spelling").textContent()).toContain(
          "Проверьте написание (это подсказка, отправку она не задерживает): заевка, принета.",
        );
        // Held in the same transaction that answered the form: nothing is queued for the parent.
        expect(
          await h.testDb.db.outbox.count({
            where: { ticketId: ticket.id, payload: { path: ["text"], equals: held } },
          }),
        ).toBe(0);

        // Knowledge base, macros, municipalities and the dashboard's tables.
        for (const [name, selector] of [
          ["База знаний", "main"],
          ["Шаблоны ответов", "main form"],
          ["Муниципалитеты", "main table"],
          ["Показатели", "table.data"],
        ] as const) {
          await page.getByRole("link", { name, exact: true }).click();
          expect(await page.locator(selector).count(), name).toBeGreaterThan(0);
        }
        expect(await page.locator("table.data").first().textContent()).toContain("Telegram");

        await page.getByRole("button", { name: "Выйти" }).click();
        await page.waitForURL(/\/console\/sign-in$/);
      } finally {
        await plain.close();
      }
    },
  );
});
