import type http from "node:http";
import Fastify, {
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyReply,
  type FastifyRequest,
} from "fastify";
import type { Logger } from "../core/observability/index.js";

export type RouteHandler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  body: Buffer,
) => Promise<void>;

/** What a route asks of the edge before its handler sees the request. */
export interface RouteOptions {
  /** Largest body accepted (413 beyond it); default 2 MB. */
  bodyLimit?: number;
  /**
   * Checked on the headers before a byte of the body is read; false answers 401. A
   * webhook secret belongs here: a stranger's 3 MB body is refused unread.
   */
  authorize?: (headers: http.IncomingHttpHeaders) => boolean;
}

export interface HttpServer {
  /** The Fastify instance, for plugins that need more than a route (the web console). */
  readonly fastify: FastifyInstance;
  /** Adds a route; allowed after `listen` too (channels add their webhooks when they start). */
  route(method: string, path: string, handler: RouteHandler, options?: RouteOptions): void;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

export interface HttpServerOptions {
  /** Fastify plugins registered before the server listens, e.g. the web console. */
  plugins?: readonly FastifyPluginAsync[];
  /** Requests handled at once; one more is answered 503 at once. Default 256. */
  maxInFlight?: number;
}

const MAX_BODY_BYTES = 2 * 1024 * 1024;
const DEFAULT_MAX_IN_FLIGHT = 256;

interface Route extends RouteOptions {
  handler: RouteHandler;
}

/**
 * An HTTP port on Fastify: routes that channels add while running (webhooks), plus any
 * plugins. Before the body is read a request is matched (404), its route's `authorize`
 * asked (401) and its declared length checked (413); more than `maxInFlight` requests at
 * once get 503. A failing handler answers 500 and is logged.
 */
export function createHttpServer(logger: Logger, options: HttpServerOptions = {}): HttpServer {
  const routes = new Map<string, Route>();
  const maxInFlight = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
  let inFlight = 0;
  const fastify = Fastify({ bodyLimit: MAX_BODY_BYTES, logger: false });
  // Handlers take the body as sent: the webhook code itself decides what a bad body is.
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser("*", { parseAs: "buffer" }, (_req, body, done) => done(null, body));

  const find = (method: string, url: string) => routes.get(`${method} ${url.split("?")[0]}`);

  fastify.addHook("onRequest", async (request, reply) => {
    if (inFlight >= maxInFlight) {
      logger.warn({ inFlight, path: request.url }, "HTTP request refused: too many at once");
      return reply.code(503).header("retry-after", "1").type("text/plain").send("busy");
    }
    inFlight += 1;
    reply.raw.once("close", () => (inFlight -= 1));
    const route = find(request.method, request.url);
    if (!route) return; // Fastify's own routes and the 404 below
    if (route.authorize && !route.authorize(request.headers)) {
      logger.warn({ path: request.url, ip: request.ip }, "HTTP request with a wrong secret");
      return reply.code(401).type("text/plain").send("secret token is wrong");
    }
    const declared = Number(request.headers["content-length"] ?? 0);
    if (declared > (route.bodyLimit ?? MAX_BODY_BYTES))
      return tooLarge(reply, request.url, declared);
  });

  const dispatch = async (request: FastifyRequest, reply: FastifyReply) => {
    const route = find(request.method, request.url);
    if (!route) return reply.code(404).type("text/plain").send("not found");
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    if (body.length > (route.bodyLimit ?? MAX_BODY_BYTES))
      return tooLarge(reply, request.url, body.length);
    // The handler writes its own answer on the raw response.
    reply.hijack();
    try {
      await route.handler(request.raw, reply.raw, body);
    } catch (error) {
      logger.error({ err: error, path: request.url }, "HTTP handler failed");
      if (!reply.raw.headersSent) reply.raw.writeHead(500, { "content-type": "text/plain" });
      reply.raw.end("internal error");
    }
  };
  fastify.setNotFoundHandler(dispatch);
  fastify.setErrorHandler((error: { statusCode?: number }, request, reply) => {
    if (error.statusCode === 413) return tooLarge(reply, request.url, undefined);
    logger.error({ err: error, path: request.url }, "HTTP request failed");
    return reply
      .code(error.statusCode && error.statusCode < 500 ? error.statusCode : 500)
      .type("text/plain")
      .send(error.statusCode && error.statusCode < 500 ? "bad request" : "internal error");
  });
  for (const plugin of options.plugins ?? []) void fastify.register(plugin);

  function tooLarge(reply: FastifyReply, path: string, bytes?: number) {
    logger.warn({ path, bytes }, "HTTP request body over the limit refused");
    return reply.code(413).type("text/plain").send("body too large");
  }

  return {
    fastify,
    route(method, path, handler, routeOptions = {}) {
      routes.set(`${method} ${path}`, { ...routeOptions, handler });
    },
    async listen(port, host = "::") {
      await fastify.listen({ port, host });
      const address = fastify.server.address();
      return typeof address === "object" && address ? address.port : port;
    },
    async close() {
      fastify.server.closeAllConnections();
      await fastify.close();
    },
  };
}
