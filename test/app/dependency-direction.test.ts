import { ESLint } from "eslint";
import { expect, test } from "vitest";

// Probe files do not exist on disk; the project service may type them on the fly.
const eslint = new ESLint({
  overrideConfig: {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["core/*/probe.ts", "bots/*/probe.ts"] },
      },
    },
  },
});

async function ruleMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const messages = result?.messages ?? [];
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(`ESLint could not lint ${filePath}: ${fatal.message}`);
  return messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

test("core may not import a messenger framework or bots/", async () => {
  const messages = await ruleMessages(
    "core/tickets/probe.ts",
    'import { Bot } from "grammy";\nimport { Telegraf } from "telegraf";\nimport { VK } from "vk-io";\nimport { x } from "../../bots/telegram/index.js";\nexport const all = [Bot, Telegraf, VK, x];\n',
  );
  expect(messages).toHaveLength(4);
  expect(messages[0]).toMatch(/core\/ stays messenger-neutral/);
  expect(messages[3]).toMatch(/Dependencies point one way/);
});

test("only core/db imports Prisma and only core/queue imports BullMQ", async () => {
  expect(
    await ruleMessages(
      "core/tickets/probe.ts",
      'import { Queue } from "bullmq";\nexport const q = Queue;\n',
    ),
  ).toHaveLength(1);
  expect(
    await ruleMessages(
      "core/queue/probe.ts",
      'import { Queue } from "bullmq";\nexport const q = Queue;\n',
    ),
  ).toHaveLength(0);
});

test("bots import core through each module's index", async () => {
  expect(
    await ruleMessages(
      "bots/telegram/probe.ts",
      'import { x } from "../../core/tickets/open-ticket.js";\nexport const y = x;\n',
    ),
  ).toHaveLength(1);
  expect(
    await ruleMessages(
      "bots/telegram/probe.ts",
      'import { x } from "../../core/tickets/index.js";\nexport const y = x;\n',
    ),
  ).toHaveLength(0);
});
