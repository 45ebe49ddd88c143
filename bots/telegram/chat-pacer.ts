/**
 * Spaces the sends to one chat (Telegram asks for about one message a second per chat).
 * The outbox deliverer waits (`wait`) before it claims the chat's next row, so a process
 * killed during the wait leaves the row pending, not "sending" (whose outcome is
 * unknown); the sender marks (`sent`) when each request is answered.
 */
export function createChatPacer(intervalMs: number, now: () => number = Date.now) {
  const lastSend = new Map<string, number>();
  return {
    async wait(chatId: string): Promise<void> {
      const wait = (lastSend.get(chatId) ?? Number.NEGATIVE_INFINITY) + intervalMs - now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    },
    sent(chatId: string): void {
      lastSend.set(chatId, now());
      if (lastSend.size > 10_000) forgetIdle(lastSend, now() - intervalMs);
    },
  };
}

function forgetIdle(lastSend: Map<string, number>, before: number): void {
  for (const [chatId, at] of lastSend) if (at < before) lastSend.delete(chatId);
}
