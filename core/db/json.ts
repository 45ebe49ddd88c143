import type { Prisma } from "./generated/client.js";

/** Plain data for a JSON column: a JSON round trip drops undefined and class instances. */
export function asJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value ?? null)) as Prisma.InputJsonValue;
}
