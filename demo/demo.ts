/**
 * `npm run demo`: the whole system against the fake Telegram Bot API, with no token and no
 * Docker (PostgreSQL and Redis as for the tests). You write as a parent to the parents' bot
 * and answer as an agent in the ticket's topic of the staff forum group. `--script` plays
 * both people by itself and exits 0 when the agent's answer reached the parent within a
 * minute of the start.
 */
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { pino } from "pino";
import { startService } from "../app/start-service.js";
import { loadConfig } from "../core/config/index.js";
import { freshStorage } from "./demo-storage.js";
import { runScript } from "./demo-script.js";
import { PARENTS_TOKEN, RELAY_TOKEN, startDemoWorld, type DemoWorld } from "./demo-world.js";

const usage = `Usage: npm run demo [-- --script] [--database navigator_demo] [--redis-db 12] [--port 0]
  --script       play a parent and an agent by itself, print the timings, exit
  --database     PostgreSQL database the demo (re)creates on DEMO_ADMIN_DATABASE_URL
                 (default postgresql://postgres@127.0.0.1:5432/postgres)
  --redis-db     Redis database number the demo empties and uses on DEMO_REDIS_URL
                 (default redis://127.0.0.1:6379)
  --port         port of the fake Bot API (0 = any free port)`;

const interactiveHelp = `Type a line and press Enter to write to the parents' bot as Мария (e.g. "/start",
"Как получить сертификат?" or "Не приходит код подтверждения на почту").
  agent: TEXT     the agent Ирина answers in the newest ticket's topic (also "agent: /resolve")
  click: LABEL    Мария presses the button LABEL under the bot's newest message with buttons
  help, quit      this text; stop the demo (or Ctrl+D)`;

const startedAt = Date.now();
const flags = readFlags();
if (flags.help) {
  console.log(usage);
  process.exit(0);
}

function readFlags() {
  try {
    const { values } = parseArgs({
      options: {
        script: { type: "boolean", default: false },
        database: { type: "string", default: "navigator_demo" },
        "redis-db": { type: "string", default: "12" },
        port: { type: "string", default: "0" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
    if (!/^\d+$/.test(values["redis-db"]) || !/^\d+$/.test(values.port))
      throw new TypeError("--redis-db and --port take a number");
    return values;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    process.exit(1);
  }
}

const say = (line: string) => console.log(line);
const storage = await freshStorage({
  adminUrl: process.env.DEMO_ADMIN_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  database: flags.database,
  redisUrl: process.env.DEMO_REDIS_URL ?? "redis://127.0.0.1:6379",
  redisDb: Number(flags["redis-db"]),
});
const world = await startDemoWorld(Number(flags.port));
const logFile = path.join(tmpdir(), `navigator-demo-${process.pid}.log`);
const logger = pino(
  { level: "info", base: { service: "navigator-support" } },
  pino.destination(logFile),
);
// The production configuration, with the fake Bot API as Telegram and demo tokens.
const config = loadConfig(
  {
    DATABASE_URL: storage.databaseUrl,
    REDIS_URL: storage.redisUrl,
    TELEGRAM_BOT_TOKEN: PARENTS_TOKEN,
    TELEGRAM_API_ROOT: world.fake.apiRoot,
    RELAY_BOT_TOKEN: RELAY_TOKEN,
    RELAY_CHAT_ID: String(world.staff.id),
    HTTP_PORT: "0",
  },
  { requireChannel: true },
);
const service = await startService(config, logger);
say(
  `navigator-support demo: fake Bot API ${world.fake.apiRoot}, database ${flags.database}, ` +
    `Redis ${storage.redisUrl}, http://127.0.0.1:${service.httpPort}/healthz; logs in ${logFile}`,
);

async function stop(code: number): Promise<never> {
  await service.stop();
  await world.fake.close();
  logger.flush();
  process.exit(code);
}

if (flags.script) {
  const timings = await runScript(world, startedAt, say).catch(async (error: unknown) => {
    world.printNew(say);
    say(`demo script failed: ${error instanceof Error ? error.message : String(error)}`);
    return stop(1);
  });
  say(JSON.stringify(timings));
  await stop(timings.agentAnsweredAfter <= 60 ? 0 : 1);
} else {
  await interactive(world);
  await stop(0);
}

async function interactive(world: DemoWorld): Promise<void> {
  say(interactiveHelp);
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: "> " });
  const printer = setInterval(() => {
    if (world.printNew(say).length > 0) rl.prompt();
  }, 200);
  rl.prompt();
  for await (const line of rl) {
    const input = line.trim();
    const [, command, rest = ""] = /^(agent|click):\s*(.*)$/i.exec(input) ?? [];
    if (input === "quit" || input === "exit") break;
    if (input === "help") say(interactiveHelp);
    else if (command?.toLowerCase() === "agent") {
      const threadId = world.latestTopic();
      if (threadId === undefined)
        say("No ticket topic yet: write something the FAQ cannot answer.");
      else world.agent.sendText({ chatId: world.staff.id, threadId }, rest);
    } else if (command?.toLowerCase() === "click") {
      try {
        world.click(rest);
      } catch (error) {
        say(error instanceof Error ? error.message : String(error));
      }
    } else if (input) world.parent.sendText(PARENTS_TOKEN, input);
    rl.prompt();
  }
  clearInterval(printer);
  rl.close();
}
