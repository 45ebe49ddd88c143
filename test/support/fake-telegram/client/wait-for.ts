/** A probe: return the value you are waiting for, or a falsy value to keep waiting. */
export type Probe<T> = () => T | undefined | null | false | Promise<T | undefined | null | false>;

/**
 * Polls `probe` every few milliseconds until it returns a value (not undefined, null or
 * false), then resolves with it. Rejects after `timeoutMs` with `description` in the error,
 * so an e2e test waiting on an asynchronous bot fails with a readable message.
 */
export async function waitFor<T>(
  probe: Probe<T>,
  timeoutMs = 3000,
  description = "condition",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : "";
      throw new Error(`waitFor: ${description} not met within ${timeoutMs} ms${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
