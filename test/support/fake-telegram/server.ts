import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { ApiError, type ApiBody } from "./api-error.js";
import type { Dispatcher } from "./dispatcher.js";
import type { FakeEnv } from "./env.js";
import { parseCallInput, readBody } from "./http-body.js";

/** A running HTTP server and the base URL clients use as `apiRoot`. */
export interface HttpHandle {
  apiRoot: string;
  close(): Promise<void>;
}

const API_ROUTE = /^\/bot([^/]+)\/(?:test\/)?([A-Za-z0-9_]+)\/?$/;
const FILE_ROUTE = /^\/file\/bot([^/]+)\/(.+)$/;

/**
 * Serves the Bot API on 127.0.0.1 with node:http: `/bot<token>/<method>` for calls and
 * `/file/bot<token>/<file_path>` for downloads. Nothing thrown here escapes a request.
 */
export async function startHttpServer(
  env: FakeEnv,
  dispatcher: Dispatcher,
  port = 0,
): Promise<HttpHandle> {
  const server = createServer((request, response) => {
    handle(env, dispatcher, request, response).catch((error: unknown) => {
      send(response, 500, {
        ok: false,
        error_code: 500,
        description: `Internal Server Error: ${error instanceof Error ? error.message : String(error)}`,
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === "string")
    throw new Error("fake-telegram: no TCP address");
  return { apiRoot: `http://127.0.0.1:${address.port}`, close: () => closeServer(server) };
}

async function handle(
  env: FakeEnv,
  dispatcher: Dispatcher,
  request: IncomingMessage,
  response: ServerResponse,
) {
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  const path = decodeURIComponent(url.pathname);
  const file = FILE_ROUTE.exec(path);
  if (file && request.method === "GET")
    return serveFile(env, response, file[1] ?? "", file[2] ?? "");
  const api = API_ROUTE.exec(path);
  if (!api) return send(response, 404, { ok: false, error_code: 404, description: "Not Found" });
  const aborted = new AbortController();
  response.on("close", () => {
    if (!response.writableEnded) aborted.abort();
  });
  let input;
  try {
    input = parseCallInput(url, request.headers["content-type"] ?? "", await readBody(request));
  } catch (error) {
    const body =
      error instanceof ApiError
        ? error.toBody()
        : new ApiError(400, "Bad Request: can't read request").toBody();
    return send(response, body.error_code, body);
  }
  const answer = await dispatcher.handle({
    token: api[1] ?? "",
    method: api[2] ?? "",
    input,
    signal: aborted.signal,
    via: "http",
  });
  if (answer.body.ok && env.faults.takeDrop(api[1] ?? "", api[2] ?? "", env.clock())) {
    // Executed, but the bot never hears back: a network drop after the send.
    response.socket?.destroy();
    return;
  }
  send(response, answer.status, answer.body);
}

function serveFile(env: FakeEnv, response: ServerResponse, token: string, filePath: string): void {
  const bot = env.bots.resolve(token);
  const record = bot ? env.world.files.byFilePath(filePath) : undefined;
  if (!bot || !record?.owners.has(bot.user.id))
    return send(response, 404, { ok: false, error_code: 404, description: "Not Found" });
  response.writeHead(200, {
    "content-type": record.mimeType ?? "application/octet-stream",
    "content-length": record.data.length,
  });
  response.end(record.data);
}

function send(response: ServerResponse, status: number, body: ApiBody): void {
  if (response.writableEnded || response.destroyed) return;
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  response.end(text);
}

async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}
