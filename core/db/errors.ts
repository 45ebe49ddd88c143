import { Prisma } from "./generated/client.js";
import type { PrismaClient } from "./generated/client.js";

/** The client handed to code running inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Omit<
  PrismaClient,
  "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends"
>;

/**
 * True for a unique-constraint violation (optionally on a given constraint/index name),
 * the signal that a concurrent writer got there first.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002")
    return false;
  if (!constraint) return true;
  return (
    JSON.stringify(error.meta ?? {}).includes(constraint) || error.message.includes(constraint)
  );
}
