/**
 * The baseline: a bare grammY bot that answers every message at once, polled by
 * @grammyjs/runner as the parents' bot is. Run as a child process by the load bench:
 *   ECHO_BOT_TOKEN=… ECHO_API_ROOT=http://127.0.0.1:… node --import tsx bench/load/echo-bot.ts
 * What the system adds on top of this (database, queues, throttling) is its own cost.
 */
import http from "node:http";
import { run } from "@grammyjs/runner";
import { Bot } from "grammy";

const token = process.env.ECHO_BOT_TOKEN;
const apiRoot = process.env.ECHO_API_ROOT;
if (!token || !apiRoot) {
  console.error("echo bot: set ECHO_BOT_TOKEN and ECHO_API_ROOT");
  process.exit(1);
}

// The one thing beyond bare grammY: idle keep-alive sockets are dropped after 4 s, as the
// system's own agent does (bots/bot-api/http-agent.ts). Otherwise a send may reuse a socket
// the fake's server (Node's 5 s idle limit) is just closing: "socket hang up", a lost reply.
const agent = new http.Agent({ keepAlive: true, timeout: 4_000 });
const bot = new Bot(token, { client: { apiRoot, baseFetchConfig: { agent } } });
bot.on("message", (ctx) => ctx.reply(`echo: ${ctx.msg.text ?? ""}`));
bot.catch((error) => console.error("echo bot: update failed", error.error));
await bot.init();
const runner = run(bot);
process.once("SIGTERM", () => {
  void runner.stop().then(() => process.exit(0));
});
