import { AsyncLocalStorage } from "node:async_hooks";

interface Scope {
  source: string;
  dedupeKey: string;
  settled: boolean;
}

const scopes = new AsyncLocalStorage<Scope>();

/** Runs the handling of one inbox row; true when an operation settled the row itself. */
export async function runForRow(
  row: { source: string; dedupeKey: string },
  handle: () => Promise<void>,
): Promise<boolean> {
  const scope: Scope = { source: row.source, dedupeKey: row.dedupeKey, settled: false };
  await scopes.run(scope, handle);
  return scope.settled;
}

/**
 * Called by an operation after its transaction committed with these dedupe keys claimed:
 * when the row being handled is among them, it is done already (the claim marked it) and
 * the processor need not mark it again. Called only after the commit, so a rolled-back
 * claim never counts.
 */
export function noteSettled(source: string, keys: readonly string[]): void {
  const scope = scopes.getStore();
  if (scope && scope.source === source && keys.includes(scope.dedupeKey)) scope.settled = true;
}
