import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { createI18n, defaultLocalesDir } from "./create-i18n.js";
import { formatDueTime, formatDuration } from "./format-date.js";

const i18n = createI18n();

describe("locales", () => {
  test("every key exists in both Russian and English", () => {
    const ru = new Set(i18n.keys("ru"));
    const en = new Set(i18n.keys("en"));
    expect(
      [...ru].filter((k) => !en.has(k)),
      "missing in en",
    ).toEqual([]);
    expect(
      [...en].filter((k) => !ru.has(k)),
      "missing in ru",
    ).toEqual([]);
    expect(ru.size).toBeGreaterThan(20);
  });

  test("every key used in the code exists", () => {
    const used = new Set<string>();
    for (const file of sourceFiles(path.resolve(defaultLocalesDir, ".."))) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/\.t\(\s*[\w.]+\s*,\s*"([a-z0-9_-]+)"/g))
        used.add(m[1] as string);
      // Keys chosen at run time are written as `cond ? "key-a" : "key-b"` next to the call.
      for (const m of text.matchAll(
        /\?\s*"([a-z0-9]+-[a-z0-9_-]+)"\s*:\s*"([a-z0-9]+-[a-z0-9_-]+)"/g,
      )) {
        used.add(m[1] as string).add(m[2] as string);
      }
    }
    for (const family of [
      ["category-", ["site", "booking", "other"]],
      [
        "ticket-status-",
        ["new", "waiting_agent", "waiting_parent", "on_hold", "resolved", "closed"],
      ],
    ] as const) {
      for (const suffix of family[1]) used.add(family[0] + suffix);
    }
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((k) => !i18n.has("ru", k))).toEqual([]);
  });
});

describe("Russian plurals", () => {
  test.each([
    [1, "1 открытое обращение"],
    [2, "2 открытых обращения"],
    [5, "5 открытых обращений"],
    [21, "21 открытое обращение"],
    [12, "12 открытых обращений"],
  ])("%i", (count, expected) => {
    expect(i18n.t("ru", "my-tickets-header", { count })).toContain(expected);
  });

  test("English uses its own rules", () => {
    expect(i18n.t("en", "my-tickets-header", { count: 1 })).toContain("1 open request:");
    expect(i18n.t("en", "my-tickets-header", { count: 3 })).toContain("3 open requests:");
  });
});

describe("dates in the parent's time zone", () => {
  const due = new Date("2026-11-26T11:30:00Z");
  const now = new Date("2026-11-25T11:30:00Z");

  test("Moscow time by default, as the seed's example", () => {
    expect(formatDueTime(due, "ru", "Europe/Moscow", now)).toBe("14:30 26 ноября");
  });

  test("another zone moves the clock", () => {
    expect(formatDueTime(due, "ru", "Asia/Yekaterinburg", now)).toBe("16:30 26 ноября");
    expect(formatDueTime(due, "en", "Europe/Moscow", now)).toBe("14:30, 26 November");
  });

  test("a date in another year shows the year", () => {
    expect(formatDueTime(new Date("2027-01-02T09:00:00Z"), "ru", "Europe/Moscow", now)).toBe(
      "12:00 2 января 2027 г.",
    );
  });

  test("durations for staff", () => {
    expect(formatDuration(23 * 3600_000, "ru")).toBe("23ч");
    expect(formatDuration(65 * 60_000, "ru")).toBe("1ч 5м");
    expect(formatDuration(5 * 60_000, "en")).toBe("5m");
  });
});

function sourceFiles(root: string): string[] {
  const out: string[] = [];
  for (const dir of ["core", "bots", "app"]) walk(path.join(root, dir), out);
  return out;
}

function walk(dir: string, out: string[]): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    const full = path.join(dir, name);
    if (name === "generated" || name === "node_modules") continue;
    if (statSync(full).isDirectory()) walk(full, out);
    else if (name.endsWith(".ts") && !name.endsWith(".test.ts")) out.push(full);
  }
}

test("ticket numbers are never split by a thousands separator", () => {
  expect(i18n.t("ru", "followup-ack", { number: 12345 })).toBe("Добавили к обращению №12345.");
  expect(i18n.t("ru", "my-tickets-header", { count: 1001 })).toContain("1001 открытое обращение");
});
