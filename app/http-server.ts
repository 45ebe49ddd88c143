import http from "node:http";
import type { Logger } from "../core/observability/index.js";

export type RouteHandler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  body: Buffer,
) => Promise<void>;

export interface HttpServer {
  route(method: string, path: string, handler: RouteHandler): void;
  listen(port: number): Promise<number>;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * The one HTTP port: health, metrics and webhooks. A failing handler answers 500 and is
 * logged; a body over 2 MB is refused with 413 without being kept in memory.
 */
export function createHttpServer(logger: Logger): HttpServer {
  const routes = new Map<string, RouteHandler>();
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const handler = routes.get(`${req.method} ${path}`);
    if (!handler) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    readBody(req)
      .then((body) => handler(req, res, body))
      .catch((error: unknown) => {
        const tooLarge = error instanceof BodyTooLarge;
        if (tooLarge) logger.warn({ path }, "HTTP request body over 2 MB refused");
        else logger.error({ err: error, path }, "HTTP handler failed");
        if (!res.headersSent) res.writeHead(tooLarge ? 413 : 500, { "content-type": "text/plain" });
        res.end(tooLarge ? "body too large" : "internal error");
      });
  });
  return {
    route(method, path, handler) {
      routes.set(`${method} ${path}`, handler);
    },
    listen(port) {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, () => {
          const address = server.address();
          resolve(typeof address === "object" && address ? address.port : port);
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

class BodyTooLarge extends Error {}

/** Past this much a client is not sending a mistake but a flood, and is cut off unanswered. */
const MAX_DRAINED_BYTES = 8 * MAX_BODY_BYTES;

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (size <= MAX_DRAINED_BYTES) chunks.length = 0;
      else {
        reject(new BodyTooLarge());
        req.destroy();
      }
    });
    // The 413 goes out once the client has finished sending: answered earlier, the
    // connection would close under its feet and it would see a reset instead.
    req.on("end", () =>
      size > MAX_BODY_BYTES ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks)),
    );
    req.on("error", reject);
  });
}
