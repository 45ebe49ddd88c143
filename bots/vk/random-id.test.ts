import { expect, test } from "vitest";
import { randomIdFor } from "./random-id.js";

test("random_id is the outbox id times 100 plus the part: the same on every retry", () => {
  expect(randomIdFor(1, 0)).toBe(100);
  expect(randomIdFor(42, 3)).toBe(4203);
  expect(randomIdFor(42, 3)).toBe(randomIdFor(42, 3));
});

test("random_id stays a positive 32-bit integer for very large outbox ids", () => {
  for (const id of [21_474_836, 21_474_837, 9_000_000_000]) {
    for (const part of [0, 1, 99]) {
      const value = randomIdFor(id, part);
      expect(value).toBeGreaterThan(0);
      expect(value).toBeLessThanOrEqual(2 ** 31 - 1);
    }
  }
  expect(randomIdFor(21_474_837, 0)).not.toBe(randomIdFor(21_474_837, 1));
});

test("parts beyond 99 and bad ids are refused rather than colliding", () => {
  expect(() => randomIdFor(1, 100)).toThrow(RangeError);
  expect(() => randomIdFor(0, 0)).toThrow(RangeError);
  expect(() => randomIdFor(1.5, 0)).toThrow(RangeError);
});
