import type { Detection } from "./personal-data.js";

const EMAIL =
  /(?<![\p{L}\p{N}._%+-])([\p{L}\p{N}._%+-]+)@((?:[\p{L}\p{N}-]+\.)+\p{L}{2,})(?![\p{L}\p{N}-])/gu;

/** E-mail addresses; the hint keeps the first letter and the domain: "i***@mail.ru". */
export function findEmails(text: string): Detection[] {
  return [...text.matchAll(EMAIL)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    kind: "email",
    mask: `${[...(m[1] ?? "")][0] ?? ""}***@${m[2] ?? ""}`,
  }));
}
