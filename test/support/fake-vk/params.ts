import { invalidParam } from "./api-error.js";
import type { VkParams } from "./types.js";

const INTEGER = /^-?\d+$/;

/** An optional integer parameter; a non-integer value is VK error 100. */
export function optionalInt(params: VkParams, name: string): number | undefined {
  const raw = params[name];
  if (raw === undefined || raw === "") return undefined;
  if (!INTEGER.test(raw)) throw invalidParam(`${name} not integer`);
  return Number(raw);
}

/** A required integer parameter, VK error 100 "<name> is undefined" when absent. */
export function requiredInt(params: VkParams, name: string): number {
  const value = optionalInt(params, name);
  if (value === undefined) throw invalidParam(`${name} is undefined`);
  return value;
}

/** A required non-empty string parameter. */
export function requiredString(params: VkParams, name: string): string {
  const value = params[name];
  if (value === undefined || value === "") throw invalidParam(`${name} is undefined`);
  return value;
}

/** A comma-separated list of integers ("1,2,3"), empty when the parameter is absent. */
export function intList(params: VkParams, name: string): number[] {
  const raw = params[name];
  if (raw === undefined || raw.trim() === "") return [];
  return raw.split(",").map((part) => {
    const trimmed = part.trim();
    if (!INTEGER.test(trimmed)) throw invalidParam(`${name} should be a list of integers`);
    return Number(trimmed);
  });
}
