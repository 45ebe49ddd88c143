// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const messengerFrameworks = [
  "grammy",
  "grammy/*",
  "@grammyjs/*",
  "telegraf",
  "telegraf/*",
  "vk-io",
];
// The HTTP framework belongs to app/ (the edge) and web/ (the console), not to core.
const httpFrameworks = ["fastify", "fastify/*", "@fastify/*"];

export default tseslint.config(
  { ignores: ["node_modules/", "core/db/generated/", "coverage/", "dist/", ".tools/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    files: ["core/**/*.ts"],
    ignores: ["core/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: messengerFrameworks,
              message:
                "core/ stays messenger-neutral: put framework code in bots/ and pass plain data to core.",
            },
            {
              group: ["**/bots/**", "**/app/**", "**/web/**"],
              message:
                "Dependencies point one way (bots, web -> core): core must not import bots/, web/ or app/.",
            },
            {
              group: httpFrameworks,
              message: "core/ stays framework-neutral: HTTP code belongs in web/ or app/.",
            },
            {
              group: ["**/db/generated/**", "@prisma/*"],
              message:
                "Only core/db talks to Prisma: import the client type from core/db/index.js.",
            },
            {
              group: ["bullmq", "ioredis"],
              message: "Only core/queue talks to BullMQ and Redis: use its factories.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["core/db/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [...messengerFrameworks, ...httpFrameworks],
              message: "core/ stays messenger- and framework-neutral.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["core/queue/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [...messengerFrameworks, ...httpFrameworks],
              message: "core/ stays messenger- and framework-neutral.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["bots/**/*.ts"],
    ignores: ["bots/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/app/**"],
              message: "bots/ are adapters: app/ wires them, not the other way round.",
            },
            {
              group: ["**/core/*/*", "!**/core/*/index.js"],
              message: "Import core through each module's index.js.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["web/**/*.ts"],
    ignores: ["web/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/app/**", "**/bots/**"],
              message: "web/ is an adapter beside bots/: app/ wires it; it talks only to core.",
            },
            {
              group: ["**/core/*/*", "!**/core/*/index.js"],
              message: "Import core through each module's index.js.",
            },
            {
              group: messengerFrameworks,
              message: "web/ serves the console over HTTP; messenger code lives in bots/.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["web/assets/**/*.js"],
    languageOptions: { globals: { document: "readonly", uPlot: "readonly" } },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: "readonly", console: "readonly" },
    },
  },
);
