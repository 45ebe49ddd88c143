import { expect, test } from "vitest";
import { DeliveryError } from "../../core/outbound/index.js";
import { Budget } from "./budget.js";

test("posts within the row's reservation ask for nothing more", async () => {
  const asked: number[] = [];
  const budget = new Budget(2, async (units) => (asked.push(units), 0));
  await budget.spend(1);
  await budget.spend(1);
  expect(asked).toEqual([]);
});

test("a post beyond it reserves the difference first", async () => {
  const asked: number[] = [];
  const budget = new Budget(1, async (units) => (asked.push(units), 0));
  await budget.spend(3);
  await budget.spend(1);
  expect(asked).toEqual([2, 1]);
});

test("a full window postpones the row before anything is posted", async () => {
  const budget = new Budget(0, async () => 1500);
  const error = await budget.spend(2).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DeliveryError);
  expect(error).toMatchObject({ code: "RATE_LIMITED", retryAfterMs: 1500 });
});
