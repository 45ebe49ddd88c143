import { expect, test } from "vitest";
import { createSequencer } from "./sequentialize.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("same key runs in order, other keys do not wait, a failure does not block the next", async () => {
  const run = createSequencer();
  const log: string[] = [];
  const task =
    (name: string, ms: number, fail = false) =>
    async () => {
      await sleep(ms);
      log.push(name);
      if (fail) throw new Error(name);
    };
  await Promise.allSettled([
    run("topic-1", task("a1", 30, true)),
    run("topic-1", task("a2", 1)),
    run("topic-2", task("b1", 5)),
  ]);
  expect(log).toEqual(["b1", "a1", "a2"]);
});
