/** What an agent's message in a ticket's topic means. */
export type StaffText =
  | { kind: "note"; text: string }
  | { kind: "reply"; text: string }
  /** A command this bot does not know (or one for another bot): never sent to a parent. */
  | { kind: "unknown_command" };

/**
 * "!text" is an internal note (kept in the topic and the database, never sent); a stray
 * "/command" is not an answer; anything else is the reply to the parent.
 */
export function classifyStaffText(text: string): StaffText {
  const trimmed = text.trim();
  if (trimmed.startsWith("!")) return { kind: "note", text: trimmed.slice(1).trim() };
  if (/^\/[A-Za-z0-9_]+(@\w+)?(\s|$)/.test(trimmed)) return { kind: "unknown_command" };
  return { kind: "reply", text };
}

/** The words after a command ("/resolve Готово" -> "Готово"). */
export function commandArgs(text: string): string {
  const match = /^\/[A-Za-z0-9_]+(?:@\w+)?\s*([\s\S]*)$/.exec(text.trim());
  return (match?.[1] ?? "").trim();
}

/** A Telegram link to a message in a supergroup (t.me/c/<id without -100>/<message id>). */
export function messageLink(chatId: string, messageId: number): string {
  return `https://t.me/c/${chatId.replace(/^-100/, "").replace(/^-/, "")}/${messageId}`;
}
