import type { FaqEntryInput } from "./faq-types.js";

/** Longest title an entry may have: it is a button label. */
export const entryTitleLimit = 60;

/**
 * The entry's short name for buttons: its own `title`, or its question cut at a word
 * boundary to fit, with an ellipsis when cut.
 */
export function entryTitle(entry: Pick<FaqEntryInput, "title" | "question">): string {
  if (entry.title) return entry.title;
  const question = entry.question.trim();
  if ([...question].length <= entryTitleLimit) return question;
  const head = [...question].slice(0, entryTitleLimit - 1).join("");
  const cut = head.replace(/[\s,;:—-]+\S*$/u, "");
  return `${cut.length >= entryTitleLimit / 2 ? cut : head}…`;
}
