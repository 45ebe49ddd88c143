import http from "node:http";
import type { FastifyInstance } from "fastify";
import { afterEach, expect, test } from "vitest";
import { createHttpServer, type HttpServer } from "../../app/http-server.js";
import { silentLogger } from "../../core/observability/index.js";
import { webhookSecretCheck } from "../../bots/telegram/webhook-route.js";

let server: HttpServer | undefined;
afterEach(async () => server?.close());

async function start(setup: (s: HttpServer) => void, options = {}): Promise<number> {
  server = createHttpServer(silentLogger(), options);
  setup(server);
  return server.listen(0, "127.0.0.1");
}

const ok = async (_req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => {
  res.writeHead(200).end(`read ${body.length}`);
};

/** Sends the headers and `sent` bytes of a `declared`-byte body, and waits for an answer. */
function postPart(port: number, path: string, declared: number, sent: number, headers = {}) {
  return new Promise<{ status?: number; sentWhenAnswered: number }>((resolve, reject) => {
    let written = 0;
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path,
        method: "POST",
        headers: { "content-type": "application/json", "content-length": declared, ...headers },
      },
      (res) => {
        resolve({ status: res.statusCode, sentWhenAnswered: written });
        res.resume();
        req.destroy();
      },
    );
    req.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code !== "ECONNRESET" && e.code !== "EPIPE") reject(e);
    });
    const chunk = Buffer.alloc(sent, 0x20);
    req.write(chunk, () => (written += chunk.length));
  });
}

test("a 3 MB body with a wrong secret is refused with 401 before it is read", async () => {
  const port = await start((s) =>
    s.route("POST", "/telegram/webhook", ok, { authorize: webhookSecretCheck("right") }),
  );
  const threeMb = 3 * 1024 * 1024;
  // Only 64 KB of the 3 MB are ever sent: the answer can only come from the headers.
  const answer = await postPart(port, "/telegram/webhook", threeMb, 64 * 1024, {
    "x-telegram-bot-api-secret-token": "wrong",
  });
  expect(answer.status).toBe(401);
  expect(answer.sentWhenAnswered).toBeLessThan(threeMb);
});

test("a body declared over the route's limit is refused with 413 before it is read", async () => {
  const port = await start((s) => s.route("POST", "/vk/callback", ok, { bodyLimit: 1024 }));
  expect((await postPart(port, "/vk/callback", 4096, 16)).status).toBe(413);
  const small = await fetch(`http://127.0.0.1:${port}/vk/callback`, { method: "POST", body: "{}" });
  expect(await small.text()).toBe("read 2");
});

test("requests beyond the cap get 503 at once, and the cap frees as they finish", async () => {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  let entered = 0;
  const port = await start(
    (s) =>
      s.route("GET", "/slow", async (_req, res) => {
        entered += 1;
        await held;
        res.writeHead(200).end("done");
      }),
    { maxInFlight: 2 },
  );
  const url = `http://127.0.0.1:${port}/slow`;
  const first = fetch(url);
  const second = fetch(url);
  // Once both are inside the handler, the third meets a full server.
  await expect.poll(() => entered).toBe(2);
  expect((await fetch(url)).status).toBe(503);
  release();
  expect((await first).status).toBe(200);
  expect((await second).status).toBe(200);
  expect((await fetch(url)).status).toBe(200);
});

test("a plugin (the web console) is served beside the routes", async () => {
  const port = await start((s) => s.route("GET", "/x", ok), {
    plugins: [
      async (app: FastifyInstance) => {
        app.get("/console/ping", async () => "pong");
      },
    ],
  });
  expect(await (await fetch(`http://127.0.0.1:${port}/console/ping`)).text()).toBe("pong");
  expect((await fetch(`http://127.0.0.1:${port}/nope`)).status).toBe(404);
});
