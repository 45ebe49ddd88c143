/**
 * Work written as a generator that pauses (yields) every fraction of a millisecond, so the
 * same code runs through at once (`runSteps`: the CLI, cross-validation, tests) or in
 * slices that give the event loop back (`runSliced`: a service training its FAQ
 * classifier while it answers messages).
 */
export type Steps<T> = Generator<void, T>;

/** Runs the steps through at once. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Slices of this much wall time at most, then the event loop runs what waits: well under
 * the 50 ms a message may wait for a process that is busy.
 */
export const defaultSliceMs = 10;

/** Runs the steps in slices of about `sliceMs`, yielding to the event loop between them. */
export async function runSliced<T>(steps: Steps<T>, sliceMs = defaultSliceMs): Promise<T> {
  // The caller may just have built something large in the same turn of the event loop.
  await new Promise<void>((resolve) => setImmediate(resolve));
  let started = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - started >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      started = performance.now();
    }
  }
}
