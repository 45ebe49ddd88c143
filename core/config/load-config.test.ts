import { describe, expect, test } from "vitest";
import { defaultChildNodeOptions } from "./config-schema.js";
import { ConfigError, loadConfig, loadDatabaseUrl } from "./load-config.js";

const minimal = {
  DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/nav",
  TELEGRAM_BOT_TOKEN: "123:abc",
};

function problemsOf(env: Record<string, string>, requireChannel = true): string[] {
  try {
    loadConfig(env, { requireChannel });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("configuration", () => {
  test("an empty environment names each missing variable on its own line", () => {
    const problems = problemsOf({});
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^DATABASE_URL is missing: .*\(see \.env\.example\)$/);
    expect(problems[1]).toMatch(/No channel is configured: set TELEGRAM_BOT_TOKEN/);
  });

  test("defaults from DESIGN.md", () => {
    const config = loadConfig(minimal, { requireChannel: true });
    expect(config.redisUrl).toBe("redis://127.0.0.1:6379");
    expect(config.telegram).toEqual({
      token: "123:abc",
      apiRoot: "https://api.telegram.org",
      webhook: undefined,
      sendsPerSecond: 30,
    });
    expect(config.databasePoolSize).toBe(10);
    expect(config.sla.firstResponseMinutes).toBe(1440);
    expect(config.sla.warningPoints).toEqual([
      { kind: "share", percent: 50 },
      { kind: "share", percent: 80 },
      { kind: "before", minutes: 15 },
    ]);
    expect(config.httpPort).toBe(3000);
    expect(config.relay).toBeUndefined();
    expect(config.vk).toBeUndefined();
  });

  test("an empty token turns a channel off", () => {
    const config = loadConfig(
      { ...minimal, VK_TOKEN: "", VK_GROUP_ID: "" },
      { requireChannel: true },
    );
    expect(config.vk).toBeUndefined();
  });

  test.each([
    "postgres//admin:S3cr3tPa55@db.internal:5432/nav",
    "mysql://admin:S3cr3tPa55@db.internal/nav",
    "admin:S3cr3tPa55@db.internal",
  ])("a malformed DATABASE_URL is named without its credentials: %s", (url) => {
    const [problem] = problemsOf({ ...minimal, DATABASE_URL: url });
    expect(problem).toMatch(/^DATABASE_URL is invalid: must be a PostgreSQL URL/);
    expect(problem).not.toContain("S3cr3tPa55");
    expect(problem).not.toContain("admin");
    expect(problem).toContain("***@db.internal");
  });

  test("a wrong secret is named but never echoed", () => {
    const problems = problemsOf({
      ...minimal,
      TELEGRAM_WEBHOOK_URL: "https://bot.example.ru/tg",
      TELEGRAM_WEBHOOK_SECRET: "has spaces and ! which Telegram refuses",
    });
    const problem = problems.find((p) => p.startsWith("TELEGRAM_WEBHOOK_SECRET"));
    expect(problem).toMatch(/^TELEGRAM_WEBHOOK_SECRET is invalid: /);
    expect(problem).not.toContain("has spaces");
  });

  test("every malformed value is reported, with the value and how to fix it", () => {
    const problems = problemsOf({
      ...minimal,
      DATABASE_URL: "mysql://db",
      HTTP_PORT: "http",
      SLA_FIRST_RESPONSE_MINUTES: "0",
      TELEGRAM_API_ROOT: "http://127.0.0.1:9000/",
      RELAY_CHAT_ID: "staff",
      SLA_WARNING_POINTS: "half",
    });
    expect(problems.map((p) => p.split(" ")[0])).toEqual(
      expect.arrayContaining([
        "DATABASE_URL",
        "HTTP_PORT",
        "SLA_FIRST_RESPONSE_MINUTES",
        "TELEGRAM_API_ROOT",
        "RELAY_CHAT_ID",
        "SLA_WARNING_POINTS",
        "RELAY_BOT_TOKEN",
      ]),
    );
    expect(problems.find((p) => p.startsWith("HTTP_PORT"))).toBe(
      'HTTP_PORT is invalid: must be a port number between 0 and 65535 (got "http")',
    );
  });

  test("variables that need each other", () => {
    expect(problemsOf({ ...minimal, RELAY_BOT_TOKEN: "1:x" })).toEqual([
      expect.stringMatching(/^RELAY_CHAT_ID is missing/),
    ]);
    expect(problemsOf({ ...minimal, VK_TOKEN: "vk1" })).toEqual([
      expect.stringMatching(/^VK_GROUP_ID is missing/),
    ]);
    expect(problemsOf({ ...minimal, TELEGRAM_WEBHOOK_URL: "https://bot.example.org/tg" })).toEqual([
      expect.stringMatching(/^TELEGRAM_WEBHOOK_SECRET is missing/),
    ]);
    expect(problemsOf({ ...minimal, DEFAULT_TIME_ZONE: "Mars/Olympus" })).toEqual([
      expect.stringMatching(/^DEFAULT_TIME_ZONE is invalid/),
    ]);
  });

  test("a relay and VK configuration", () => {
    const config = loadConfig(
      {
        ...minimal,
        RELAY_BOT_TOKEN: "9:r",
        RELAY_CHAT_ID: "-1001234567890",
        VK_TOKEN: "vk",
        VK_GROUP_ID: "555",
        SUPERVISOR_CHAT_ID: "-100999",
      },
      { requireChannel: true },
    );
    expect(config.relay).toMatchObject({
      token: "9:r",
      chatId: "-1001234567890",
      supervisorChatId: "-100999",
      groupMessagesPerMinute: 20,
    });
    expect(config.vk).toMatchObject({
      token: "vk",
      groupId: 555,
      apiBaseUrl: "https://api.vk.ru/method",
    });
  });

  test("db:migrate needs only the database URL", () => {
    expect(loadDatabaseUrl({ DATABASE_URL: "postgres://h/db", HTTP_PORT: "nonsense" })).toBe(
      "postgres://h/db",
    );
    expect(() => loadDatabaseUrl({})).toThrow(ConfigError);
  });

  test("MIGRATE_ON_START is on unless set to false; anything else is named", () => {
    expect(loadConfig(minimal).migrateOnStart).toBe(true);
    expect(loadConfig({ ...minimal, MIGRATE_ON_START: "false" }).migrateOnStart).toBe(false);
    expect(problemsOf({ ...minimal, MIGRATE_ON_START: "no" })).toEqual([
      expect.stringMatching(/^MIGRATE_ON_START /),
    ]);
  });

  test("CHILD_NODE_OPTIONS: the default memory flags, the operator's own, or none", () => {
    expect(loadConfig(minimal).childNodeOptions).toEqual(
      defaultChildNodeOptions.split(" ").filter(Boolean),
    );
    expect(
      loadConfig({
        ...minimal,
        CHILD_NODE_OPTIONS: " --max-semi-space-size=16  --max-old-space-size=512 ",
      }).childNodeOptions,
    ).toEqual(["--max-semi-space-size=16", "--max-old-space-size=512"]);
    expect(loadConfig({ ...minimal, CHILD_NODE_OPTIONS: "" }).childNodeOptions).toEqual(
      loadConfig(minimal).childNodeOptions,
    );
    expect(loadConfig({ ...minimal, CHILD_NODE_OPTIONS: "none" }).childNodeOptions).toEqual([]);
    expect(problemsOf({ ...minimal, CHILD_NODE_OPTIONS: "max-semi-space-size=16" })).toEqual([
      expect.stringMatching(/^CHILD_NODE_OPTIONS .*--max-semi-space-size=8/),
    ]);
  });
});
