import http from "node:http";
import https from "node:https";
import type { Readable } from "node:stream";
import zlib from "node:zlib";

/** What grammY passes to its `fetch` (see createJsonPayload / createFormDataPayload). */
interface BotApiRequestInit {
  method?: string;
  headers?: Record<string, string>;
  /** JSON text, or a multipart stream (file uploads). */
  body?: string | Readable;
  signal?: {
    aborted: boolean;
    addEventListener(type: "abort", fn: () => void): void;
    removeEventListener(type: "abort", fn: () => void): void;
  } | null;
}

/** The part of a fetch Response grammY reads. */
interface BotApiResponse {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}

/**
 * A `fetch` for grammY's API client made of one `http.request` on the keep-alive agent:
 * node-fetch (grammY's default on Node) builds a WHATWG Request, Headers and Body around
 * each call and costs about twice the CPU of the request itself; Node's own fetch costs
 * more still. Only what the Bot API needs is here: POST of JSON or of a multipart stream,
 * a JSON answer (gzip or deflate only if a server sends them unasked: none is asked for,
 * an answer of a few hundred bytes costs more to inflate than to read), the caller's
 * abort signal. Network errors keep their system code (ECONNRESET, ECONNREFUSED…), which
 * classifyBotApiError reads.
 */
export function botApiFetch(agent: http.Agent) {
  return (url: string, init: BotApiRequestInit = {}): Promise<BotApiResponse> =>
    new Promise((resolve, reject) => {
      const signal = init.signal ?? undefined;
      if (signal?.aborted) return reject(abortError());
      const headers: Record<string, string | number> = { ...init.headers };
      const body = init.body;
      if (typeof body === "string") headers["content-length"] = Buffer.byteLength(body);
      const target = targetOf(url);
      const request = (target.protocol === "https:" ? https : http).request({
        ...target,
        method: init.method ?? "GET",
        headers,
        agent,
      });
      const onAbort = () => request.destroy(abortError());
      signal?.addEventListener("abort", onAbort);
      const done = () => signal?.removeEventListener("abort", onAbort);
      request.on("error", (error) => {
        done();
        reject(error);
      });
      request.on("response", (response) => {
        const encoding = response.headers["content-encoding"];
        const stream: Readable =
          encoding === "gzip"
            ? response.pipe(zlib.createGunzip())
            : encoding === "deflate"
              ? response.pipe(zlib.createInflate())
              : response;
        const chunks: Buffer[] = [];
        const fail = (error: Error) => {
          done();
          reject(error);
        };
        // The connection dropped mid-answer ("aborted", ECONNRESET): the outcome is unknown.
        response.on("error", fail);
        if (stream !== response) stream.on("error", fail);
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          done();
          const text = Buffer.concat(chunks).toString("utf8");
          const status = response.statusCode ?? 0;
          resolve({
            ok: status >= 200 && status < 300,
            status,
            json: async () => JSON.parse(text) as unknown,
          });
        });
      });
      if (body === undefined || typeof body === "string") request.end(body);
      else body.on("error", (error) => request.destroy(error)).pipe(request);
    });
}

interface Target {
  protocol: string;
  hostname: string;
  port: string;
  path: string;
}

// grammY calls a handful of URLs (a bot's token and a method name) over and over: each is
// parsed once instead of into a URL and then request options on every call.
const targets = new Map<string, Target>();

function targetOf(url: string): Target {
  let target = targets.get(url);
  if (!target) {
    const parsed = new URL(url);
    target = {
      protocol: parsed.protocol,
      // An IPv6 literal comes bracketed in a URL, bare in request options.
      hostname: parsed.hostname.replace(/^\[(.*)\]$/, "$1"),
      port: parsed.port,
      path: `${parsed.pathname}${parsed.search}`,
    };
    if (targets.size >= 256) targets.clear();
    targets.set(url, target);
  }
  return target;
}

function abortError(): Error {
  const error = new Error("The Bot API request was aborted");
  error.name = "AbortError";
  return error;
}
