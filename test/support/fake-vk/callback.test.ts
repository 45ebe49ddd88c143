import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { VK } from "vk-io";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeVk, type FakeVk } from "./index.js";

const SECRET = "s3cret";
const CONFIRMATION = "c0nf1rm";

/** What the custom Callback endpoint saw of one request. */
interface Seen {
  eventId: unknown;
  retryCounter: string | undefined;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/vk`;
}

/**
 * The custom Callback endpoint the reference recommends: check the secret, answer the
 * confirmation, dedupe on event_id, answer "ok" at once, then hand the update to vk-io.
 */
function createCallbackEndpoint(vk: VK, seen: Seen[], handledIds: Set<unknown>) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const update = await readJson(req);
    const retryHeader = req.headers["x-retry-counter"];
    seen.push({ eventId: update.event_id, retryCounter: retryHeader?.toString() });
    if (update.secret !== SECRET) return void res.writeHead(403).end();
    if (update.type === "confirmation") return void res.end(CONFIRMATION);
    if (update.object !== undefined && JSON.stringify(update.object).includes("медленно")) {
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    res.end("ok");
    if (handledIds.has(update.event_id)) return;
    handledIds.add(update.event_id);
    await vk.updates.handleWebhookUpdate(update);
  };
}

describe("fake VK: Callback API delivery", () => {
  let fake: FakeVk;
  let vk: VK;
  let endpoint: Server;
  let url: string;
  const seen: Seen[] = [];
  const handledIds = new Set<unknown>();
  /** Requests still being handled, awaited before the fake closes. */
  const inFlight = new Set<Promise<void>>();

  beforeAll(async () => {
    fake = await startFakeVk({ callbackTimeoutMs: 200 });
    vk = new VK({ ...fake.vkOptions() });
    vk.updates.on("message_new", async (ctx) => {
      await ctx.send(`получено: ${ctx.text ?? ""}`);
    });
    const handle = createCallbackEndpoint(vk, seen, handledIds);
    endpoint = createServer((req, res) => {
      const handling = handle(req, res);
      inFlight.add(handling);
      void handling.finally(() => inFlight.delete(handling));
    });
    url = await listen(endpoint);
    fake.useCallbackApi({ url, secret: SECRET });
  });

  afterAll(async () => {
    await Promise.all(inFlight);
    endpoint.closeAllConnections();
    await new Promise((resolve) => endpoint.close(resolve));
    await fake.close();
  });

  it("sends the confirmation request and records the answer", async () => {
    const attempt = await fake.sendConfirmation();
    expect(attempt).toMatchObject({ type: "confirmation", status: 200, body: CONFIRMATION });
  });

  it("POSTs message_new with the secret; the bot answers ok and replies", async () => {
    const parent = fake.addUser({ id: 2001, firstName: "Дарья", lastName: "Козлова" });
    const delivered = await parent.sendMessage("Здравствуйте");
    expect(delivered.via).toBe("callback");
    expect(delivered.attempt).toMatchObject({ status: 200, body: "ok", attempt: 1 });
    expect(delivered.attempt?.retryCounter).toBeUndefined();
    const reply = await fake.waitForSentMessage(parent.id);
    expect(reply.text).toBe("получено: Здравствуйте");
  });

  it("redelivers the same event_id with X-Retry-Counter; the endpoint dedupes it", async () => {
    const parent = fake.addUser({ id: 2002, firstName: "Егор", lastName: "Лебедев" });
    const { eventId } = await parent.sendMessage("повтор");
    await fake.waitForSentMessage(parent.id);

    const again = await fake.redeliver(eventId);
    expect(again.attempt).toMatchObject({ status: 200, body: "ok", attempt: 2, retryCounter: 1 });
    expect(seen.filter((s) => s.eventId === eventId).map((s) => s.retryCounter)).toEqual([
      undefined,
      "1",
    ]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(parent.receivedMessages()).toHaveLength(1);
  });

  it("records a slow answer as unanswered (status 0) and a wrong secret as 403", async () => {
    const parent = fake.addUser({ id: 2003, firstName: "Жанна", lastName: "Морозова" });
    const slow = await parent.sendMessage("медленно");
    expect(slow.attempt).toMatchObject({ status: 0, body: "" });
    expect(slow.attempt?.error).toContain("no answer within 200 ms");

    fake.useCallbackApi({ url, secret: "wrong" });
    const refused = await parent.sendMessage("чужой секрет");
    expect(refused.attempt?.status).toBe(403);
    fake.useCallbackApi({ url, secret: SECRET });
    expect(fake.callbackAttempts.map((a) => a.status)).toContain(403);
  });

  it("is accepted by vk-io's own webhook callback (secret in the body)", async () => {
    const own = new VK({ ...fake.vkOptions(), webhookSecret: SECRET, webhookConfirmation: "CONF" });
    const texts: string[] = [];
    own.updates.on("message_new", (ctx) => void texts.push(ctx.text ?? ""));
    const callback = own.updates.getWebhookCallback("/vk");
    const server = createServer((req, res) => void callback(req, res));
    const ownUrl = await listen(server);
    try {
      fake.useCallbackApi({ url: ownUrl, secret: SECRET });
      expect((await fake.sendConfirmation()).body).toBe("CONF");
      const parent = fake.addUser({ id: 2004, firstName: "Зоя", lastName: "Новикова" });
      const delivered = await parent.sendMessage("через vk-io");
      expect(delivered.attempt).toMatchObject({ status: 200, body: "ok" });
      await fake.waitFor(() => texts.includes("через vk-io"));
    } finally {
      fake.useCallbackApi({ url, secret: SECRET });
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
