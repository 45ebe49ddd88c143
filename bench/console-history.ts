import type { Db } from "../core/db/index.js";
import { indexSearchBatch } from "../core/search/index.js";

/**
 * The console bench's history: tickets, contacts and messages bulk-generated with
 * generate_series (fast enough for 1,000,000 messages), then ANALYZE.
 */
/** Phrases parents and agents write; one in 200 messages mentions ceramics (a rare word). */
const phrases = [
  "Здравствуйте, не могу записать ребёнка в кружок, пишет ошибку",
  "Заявка висит на рассмотрении уже неделю, что делать",
  "Не приходит письмо с подтверждением регистрации",
  "Как получить сертификат дополнительного образования",
  "Проверьте, пожалуйста, заявку в личном кабинете",
  "Сертификат не активирован, помогите разобраться",
  "Спасибо, всё получилось",
  "Ребёнок занимается в секции плавания, нужно перевести в другую группу",
  "Не открывается сайт навигатора с телефона",
  "Записались в группу, но организатор не отвечает",
];

/** Messages left in the search queue (default 1,000): the console searches them directly. */
const TAIL = Number(process.env.BENCH_SEARCH_TAIL ?? 1_000);

async function insertMessages(db: Db, tickets: number, from: number, to: number): Promise<void> {
  const phraseArray = `(ARRAY[${phrases.map((p) => `'${p}'`).join(",")}])`;
  await db.$executeRawUnsafe(`
    INSERT INTO "Message" ("ticketId", direction, text, "createdAt")
    SELECT 1 + g % ${tickets},
           (CASE WHEN g % 3 = 0 THEN 'agent' ELSE 'in' END)::"MessageDirection",
           ${phraseArray}[1 + (g / 7) % ${phrases.length}]
             || CASE WHEN g % 200 = 0 THEN ', кружок керамики' ELSE '' END
             || CASE WHEN g % 100 = 1 THEN ', мой телефон +7 (9' || lpad((g % 100000000)::text, 8, '0') || ')' ELSE '' END,
           now() - (g % 180) * interval '1 day'
      FROM generate_series(${from}, ${to}) g`);
}

export async function generateHistory(db: Db, tickets: number, messages: number): Promise<void> {
  const started = Date.now();
  await db.$executeRawUnsafe(`
    INSERT INTO "Municipality" (code, name, phone, "timeZone")
    SELECT 'bench-' || g, 'Муниципалитет ' || g, '+7 800 000-00-' || lpad(g::text, 2, '0'), 'Europe/Moscow'
      FROM generate_series(1, 20) g`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Agent" ("telegramUserId", "displayName", role)
    SELECT (1000 + g)::text, 'Сотрудник ' || g, (CASE WHEN g = 1 THEN 'supervisor' ELSE 'agent' END)::"AgentRole"
      FROM generate_series(1, 20) g`);
  const contacts = Math.ceil(tickets * 0.6);
  await db.$executeRawUnsafe(`
    INSERT INTO "Contact" (channel, "externalId", "displayName", "municipalityId", "updatedAt")
    SELECT (CASE WHEN g % 4 = 0 THEN 'vk' ELSE 'telegram' END)::"Channel", g::text,
           (ARRAY['Анна','Ольга','Ирина','Мария','Елена','Сергей','Дмитрий','Алексей'])[1 + g % 8] || ' ' ||
           (ARRAY['Иванова','Петрова','Смирнова','Кузнецова','Попова','Соколова','Орлова'])[1 + (g / 8) % 7] || ' ' || g,
           1 + g % 20, now()
      FROM generate_series(1, ${contacts}) g`);
  // The newest fifth is open (distinct contact and category, as the unique index requires).
  await db.$executeRawUnsafe(`
    INSERT INTO "Ticket" (number, "contactId", category, "municipalityId", status, subject,
                          "createdAt", "updatedAt", "firstResponseDueAt", "responseDueAt",
                          "firstResponseAt", "resolvedAt", "assigneeId", rating, "ratedAt")
    SELECT g, 1 + g % ${contacts}, (ARRAY['site','booking','other'])[1 + g % 3]::"TicketCategory",
           1 + g % 20,
           (CASE WHEN g > ${tickets * 0.8} THEN (ARRAY['new','waiting_agent','waiting_parent','on_hold'])[1 + g % 4]
                 ELSE (ARRAY['resolved','closed'])[1 + g % 2] END)::"TicketStatus",
           'Обращение ' || g, created, created, created + interval '24 hours',
           CASE WHEN g > ${tickets * 0.8} AND g % 4 IN (0, 1) THEN created + interval '24 hours' END,
           CASE WHEN g <= ${tickets * 0.8} THEN created + (g % 30) * interval '1 hour' END,
           CASE WHEN g <= ${tickets * 0.8} THEN created + interval '30 hours' END,
           CASE WHEN g % 5 = 0 THEN 1 + g % 20 END,
           CASE WHEN g % 7 = 0 AND g <= ${tickets * 0.8} THEN 1 + g % 5 END,
           CASE WHEN g % 7 = 0 AND g <= ${tickets * 0.8} THEN created + interval '31 hours' END
      FROM (SELECT g, now() - interval '180 days' + g * (interval '180 days' / ${tickets}) AS created
              FROM generate_series(1, ${tickets}) g) s`);
  // All but the newest TAIL messages go through the search indexer (as the running service
  // does, in batches); the newest stay queued, so searches also read a not-yet-indexed tail.
  const tail = Math.min(TAIL, messages);
  await insertMessages(db, tickets, 1, messages - tail);
  const indexing = Date.now();
  let indexed = 0;
  for (let taken = -1; taken !== 0; indexed += taken) taken = await indexSearchBatch(db, 5_000);
  console.error(
    `indexed ${indexed} messages in ${Math.round((Date.now() - indexing) / 1000)} s; ${tail} left queued`,
  );
  // A running service's queue never held a million rows; autovacuum keeps it a few pages.
  await db.$executeRawUnsafe(`VACUUM "MessageSearchQueue"`);
  await insertMessages(db, tickets, messages - tail + 1, messages);
  await db.$executeRawUnsafe(`ANALYZE`);
  console.error(`generated in ${Math.round((Date.now() - started) / 1000)} s`);
}
