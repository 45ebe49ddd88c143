import { closeSync, openSync, readSync, statSync } from "node:fs";

export interface LogSummary {
  /** Non-empty lines, continuation lines of printed errors included. */
  lines: number;
  /** Distinct messages with their pino level and count, most frequent first. */
  top: Array<{ level: string; msg: string; count: number; err?: string }>;
}

const levels: Record<number, string> = { 30: "info", 40: "warn", 50: "error", 60: "fatal" };

export function logSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** What the system logged between two byte offsets (LOG_LEVEL=warn: warnings and worse). */
export function summariseLog(file: string, from: number, to: number, top = 6): LogSummary {
  const length = Math.max(0, to - from);
  const buffer = Buffer.alloc(length);
  if (length > 0) {
    const fd = openSync(file, "r");
    try {
      readSync(fd, buffer, 0, length, from);
    } finally {
      closeSync(fd);
    }
  }
  const counts = new Map<string, { level: string; msg: string; count: number; err?: string }>();
  let lines = 0;
  for (const line of buffer.toString("utf8").split("\n")) {
    if (!line.trim() || line.startsWith("-----")) continue;
    lines += 1;
    // The rest of a printed error object (stack frames, fields, the closing brace).
    if (/^(\s|\})/.test(line)) continue;
    const entry = parse(line);
    const key = `${entry.level}|${entry.msg}`;
    const found = counts.get(key);
    if (found) found.count += 1;
    else counts.set(key, { ...entry, count: 1 });
  }
  return { lines, top: [...counts.values()].sort((a, b) => b.count - a.count).slice(0, top) };
}

function parse(line: string): { level: string; msg: string; err?: string } {
  try {
    const json = JSON.parse(line) as {
      level?: number;
      msg?: string;
      err?: { message?: string; code?: string };
    };
    const err = json.err?.message ?? json.err?.code;
    return {
      level: levels[json.level ?? 0] ?? String(json.level),
      msg: json.msg ?? "",
      ...(err ? { err: err.slice(0, 160) } : {}),
    };
  } catch {
    // Not pino: an error object printed with console.error (e.g. by a library without an
    // "error" listener), or a message printed before the logger existed.
    return { level: "raw", msg: line.slice(0, 160) };
  }
}
