/**
 * Spaces the sends to one chat (Telegram asks for about one message a second per chat).
 * The outbox deliverer waits here before it marks a row as being sent: a process killed
 * during this wait leaves the row pending (sent at the next start), not "sending" (which
 * is never repeated, since it may have reached the parent).
 */
export function createChatPacer(intervalMs: number, now: () => number = Date.now) {
  const lastSend = new Map<string, number>();
  return async function pace(chatId: string): Promise<void> {
    const wait = (lastSend.get(chatId) ?? Number.NEGATIVE_INFINITY) + intervalMs - now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    lastSend.set(chatId, now());
    if (lastSend.size > 10_000) forgetIdle(lastSend, now() - intervalMs);
  };
}

function forgetIdle(lastSend: Map<string, number>, before: number): void {
  for (const [chatId, at] of lastSend) if (at < before) lastSend.delete(chatId);
}
