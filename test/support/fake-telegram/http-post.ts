import { request } from "node:http";
import { request as httpsRequest } from "node:https";

/** The parts of an HTTP answer the webhook sender looks at. */
export interface PostResult {
  status: number;
  statusText: string;
  contentType: string;
  body: string;
}

/**
 * POSTs a body on a fresh connection (no agent, "Connection: close"), so a test's webhook
 * server can close at once without waiting for idle keep-alive sockets of the fake.
 */
export function httpPost(
  url: string,
  headers: Record<string, string>,
  body: string,
  signal: AbortSignal,
): Promise<PostResult> {
  const send = url.startsWith("https:") ? httpsRequest : request;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: "POST",
        agent: false,
        signal,
        headers: { ...headers, connection: "close", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? "",
            contentType: res.headers["content-type"] ?? "",
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
