/** Anything that counts as "not yet" for waitFor. */
type NotYet = undefined | null | false;

/** Timing and wording of waitFor. */
export interface WaitForOptions {
  /** Default 2000. */
  timeoutMs?: number;
  /** Default 10. */
  intervalMs?: number;
  /** Says what was awaited in the timeout error. */
  message?: string;
}

/**
 * Polls `probe` every `intervalMs` until it returns a value that is not undefined,
 * null or false, and resolves with that value. Rejects after the timeout with
 * `message` (and the last error the probe threw as `cause`) so a failing e2e test
 * says what it was waiting for. The second argument may be just the timeout in ms.
 */
export async function waitFor<T>(
  probe: () => T | NotYet | Promise<T | NotYet>,
  options: WaitForOptions | number = {},
): Promise<T> {
  const {
    timeoutMs = 10_000,
    intervalMs = 10,
    message = "condition",
  } = typeof options === "number" ? { timeoutMs: options } : options;
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
      throw new Error(`waitFor timed out after ${timeoutMs} ms: ${message}`, { cause: lastError });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
