/**
 * Runs tasks with the same key one after another (an agent's quick messages in one topic
 * keep their order), tasks with different keys side by side. Telegraf handles a batch of
 * updates concurrently; this restores order where it matters.
 */
export function createSequencer() {
  const tails = new Map<string, Promise<unknown>>();
  return async function run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(task);
    tails.set(key, current);
    try {
      return await current;
    } finally {
      if (tails.get(key) === current) tails.delete(key);
    }
  };
}
