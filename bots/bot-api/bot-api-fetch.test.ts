import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { botApiFetch } from "./bot-api-fetch.js";

let server: http.Server;
let root: string;
const agent = new http.Agent({ keepAlive: true });
const fetch = botApiFetch(agent);

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      if (req.url === "/reset") return req.socket.destroy();
      if (req.url === "/hang") return;
      const answer = JSON.stringify({
        ok: req.url !== "/refused",
        method: req.method,
        type: req.headers["content-type"],
        length: req.headers["content-length"] ?? null,
        body,
      });
      res.statusCode = req.url === "/refused" ? 400 : 200;
      if (req.url === "/gzip") {
        res.setHeader("content-encoding", "gzip");
        return res.end(zlib.gzipSync(answer));
      }
      res.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  agent.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const json = { method: "POST", headers: { "content-type": "application/json" } };

describe("botApiFetch", () => {
  test("posts JSON text with its length and reads the JSON answer, refusals included", async () => {
    const body = JSON.stringify({ chat_id: 1, text: "Привет" });
    const res = await fetch(`${root}/ok`, { ...json, body });
    expect(res).toMatchObject({ ok: true, status: 200 });
    expect(await res.json()).toMatchObject({
      method: "POST",
      type: "application/json",
      length: String(Buffer.byteLength(body)),
      body,
    });
    const refused = await fetch(`${root}/refused`, { ...json, body });
    expect(refused).toMatchObject({ ok: false, status: 400 });
    expect(await refused.json()).toMatchObject({ ok: false });
  });

  test("streams a multipart body (file uploads) and inflates a gzip answer", async () => {
    const res = await fetch(`${root}/gzip`, {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=x" },
      body: Readable.from(["part one, ", "part two"]),
    });
    expect(await res.json()).toMatchObject({ length: null, body: "part one, part two" });
  });

  test("a dropped connection fails with its system code; an abort stops the request", async () => {
    await expect(fetch(`${root}/reset`, { ...json, body: "{}" })).rejects.toMatchObject({
      code: "ECONNRESET",
    });
    const controller = new AbortController();
    const pending = fetch(`${root}/hang`, { ...json, body: "{}", signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    await expect(
      fetch(`${root}/ok`, { ...json, body: "{}", signal: controller.signal }),
    ).rejects.toMatchObject({ name: "AbortError" });
  });
});
