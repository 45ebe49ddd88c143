import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dispatchApiCall } from "./api-dispatcher.js";
import { readBody, readParams } from "./http-body.js";
import type { Sleeper } from "./sleeper.js";
import { handleUpload } from "./upload-endpoint.js";
import type { FakeVkWorld } from "./world.js";

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  // The client may have given up (timeout test): nothing left to answer.
  if (res.destroyed || res.writableEnded) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

function sendFile(world: FakeVkWorld, key: string, res: ServerResponse): void {
  const file = world.files.findByKey(key);
  if (file === undefined) return sendJson(res, 404, { error: "file not found" });
  res.writeHead(200, { "content-type": file.contentType, "content-length": file.bytes.length });
  res.end(file.bytes);
}

async function route(
  world: FakeVkWorld,
  sleeper: Sleeper,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const [, root = "", first = "", second = ""] = url.pathname.split("/").map(decodeURIComponent);
  const body = await readBody(req);
  if (root === "method" && first !== "") {
    const call = { method: first, params: readParams(url, body), clientGone: () => res.destroyed };
    return sendJson(res, 200, await dispatchApiCall(world, sleeper, call));
  }
  if (root === "lp" && req.method === "GET") {
    return sendJson(res, 200, await world.longPoll.poll(url.searchParams));
  }
  if (root === "upload" && req.method === "POST") {
    const answer = await handleUpload(world, second, body, req.headers["content-type"] ?? "");
    return sendJson(res, answer === undefined ? 404 : 200, answer ?? { error: "unknown upload" });
  }
  if (root === "files" && req.method === "GET") return sendFile(world, first, res);
  sendJson(res, 404, { error: "not found" });
}

/** The listening HTTP server; `origin` is "http://127.0.0.1:PORT". */
export interface FakeVkHttpServer {
  origin: string;
  /** Answers held requests, then closes every connection (keep-alive ones too). */
  close(): Promise<void>;
}

async function drain(server: Server, inFlight: () => number): Promise<void> {
  const deadline = Date.now() + 1000;
  while (inFlight() > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  server.closeAllConnections();
}

/** Starts the fake on 127.0.0.1 with a free port. `beforeClose` wakes held requests. */
export async function startHttpServer(
  world: FakeVkWorld,
  sleeper: Sleeper,
  beforeClose: () => void,
): Promise<FakeVkHttpServer> {
  let inFlight = 0;
  const server = createServer((req, res) => {
    inFlight += 1;
    res.on("close", () => (inFlight -= 1));
    route(world, sleeper, req, res).catch((error: unknown) => {
      sendJson(res, 500, { error: error instanceof Error ? error.message : String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: async () => {
      beforeClose();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await drain(server, () => inFlight);
      await closed;
    },
  };
}
