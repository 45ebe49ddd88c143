/**
 * Runs the fake Bot API as a standalone server and plays one parent who sends /start, so
 * `npm start` can be tried without Telegram:
 *
 *   npx tsx test/support/fake-telegram/serve.ts --port 8081 &
 *   TELEGRAM_BOT_TOKEN=7000001:demo TELEGRAM_API_ROOT=http://127.0.0.1:8081 DATABASE_URL=… npm start
 *
 * It prints every message the bot sends to the parent and exits after `--seconds` (60).
 */
import { startFakeTelegram } from "./index.js";

const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
};

const token = arg("token", "7000001:demo");
const fake = await startFakeTelegram({
  port: Number(arg("port", "8081")),
  bots: [{ token, username: "navigator_demo_bot" }],
});
const parent = fake.createUser({ first_name: "Мария", language_code: "ru" });
console.log(`fake Bot API on ${fake.apiRoot}; parent ${parent.id} sends /start to bot ${token}`);
parent.sendText(token, "/start");
let printed = 0;
const timer = setInterval(() => {
  const texts = fake.sentTexts({ token, chatId: parent.id });
  for (const text of texts.slice(printed)) console.log(`bot -> parent:\n${text}\n`);
  printed = texts.length;
}, 200);
setTimeout(
  () => {
    clearInterval(timer);
    void fake.close().then(() => process.exit(printed > 0 ? 0 : 1));
  },
  Number(arg("seconds", "60")) * 1000,
);
