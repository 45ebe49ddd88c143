import { APIError, VK } from "vk-io";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callVkApi, startFakeVk, type FakeVk } from "./index.js";

/** Injected errors, random failures and delays, seen through vk-io. */
describe("fake VK: fault injection", () => {
  let fake: FakeVk;
  let vk: VK;
  let nextUserId = 5000;

  const newUser = () => fake.addUser({ id: ++nextUserId, firstName: "Нина", lastName: "Белова" });

  beforeAll(async () => {
    fake = await startFakeVk();
    vk = new VK({ ...fake.vkOptions() });
  });

  afterAll(async () => {
    await fake.close();
  });

  it("fails the next calls with 9 and 10 without executing them", async () => {
    const parent = newUser();
    fake.failNext("messages.send", 10);
    fake.failNext("messages.send", 9);
    const send = () => vk.api.messages.send({ peer_id: parent.id, random_id: 0, message: "x" });
    await expect(send()).rejects.toMatchObject({
      code: 10,
      message: "Code №10 - Internal server error",
    });
    await expect(send()).rejects.toMatchObject({ code: 9, message: "Code №9 - Flood control" });
    expect(fake.sentMessages(parent.id)).toHaveLength(0);
    await send();
    expect(fake.sentMessages(parent.id)).toHaveLength(1);
    expect(fake.callsTo("messages.send").map((call) => call.injected)).toEqual([true, true, false]);
  });

  it("lets vk-io retry error 6 by itself (it waits about a second)", async () => {
    const parent = newUser();
    fake.failNext("messages.send", 6);
    const before = fake.callsTo("messages.send").length;
    await vk.api.messages.send({ peer_id: parent.id, random_id: 11, message: "после паузы" });
    const calls = fake.callsTo("messages.send").slice(before);
    expect(calls.map((call) => call.error?.error_code)).toEqual([6, undefined]);
    expect(fake.sentMessages(parent.id)).toHaveLength(1);
  });

  it("fails randomly but reproducibly with a seed", async () => {
    const pattern = async (seed: number) => {
      const other = await startFakeVk();
      try {
        other.failRandomly({ rate: 0.5, seed, codes: [10] });
        for (let i = 0; i < 20; i += 1) await callVkApi(other, "groups.getById");
        return other.calls.map((call) => (call.injected ? "x" : "."));
      } finally {
        await other.close();
      }
    };
    const first = await pattern(42);
    expect(await pattern(42)).toEqual(first);
    expect(first).toContain("x");
    expect(first).toContain(".");
  });

  it("holds an executed send past the client's timeout: a retry with the same random_id is deduped", async () => {
    const parent = newUser();
    const impatient = new VK({ ...fake.vkOptions(), apiTimeout: 100 });
    fake.delayNext("messages.send", 300);
    const params = { peer_id: parent.id, random_id: 4242, message: "ответ оператора" };
    const timedOut = impatient.api.messages.send(params);
    await expect(timedOut).rejects.not.toBeInstanceOf(APIError);
    expect(fake.sentMessages(parent.id)).toHaveLength(1);

    const retried = await vk.api.messages.send(params);
    expect(retried).toBe(fake.sentMessages(parent.id)[0]?.id);
    expect(fake.sentMessages(parent.id)).toHaveLength(1);
  });

  it("can delay before executing: a send the client gave up on never runs", async () => {
    const parent = newUser();
    const impatient = new VK({ ...fake.vkOptions(), apiTimeout: 100 });
    fake.delayNext("messages.send", 300, { executeFirst: false });
    const timedOut = impatient.api.messages.send({
      peer_id: parent.id,
      random_id: 1,
      message: "x",
    });
    await expect(timedOut).rejects.toThrow();
    const abandoned = await fake.waitFor(() => fake.calls.find((call) => call.abandoned), 1000);
    expect(abandoned.method).toBe("messages.send");
    expect(fake.sentMessages(parent.id)).toHaveLength(0);
  });
});
