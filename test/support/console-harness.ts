import { createServer } from "node:net";
import Fastify, { type FastifyInstance } from "fastify";
import type { FakeUser } from "./fake-telegram/index.js";
import { RELAY_BOT_TOKEN, type RelayHarness, startRelayHarness } from "./relay-harness.js";
import { consolePlugin } from "../../web/index.js";

export interface ConsoleHarness extends RelayHarness {
  /** http://127.0.0.1:<port>, also CONSOLE_PUBLIC_URL of the relay's links. */
  baseUrl: string;
  web: FastifyInstance;
  /** The member writes /console in the staff group; resolves to the link the bot sent them. */
  requestLink(member: FakeUser): Promise<string>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/**
 * The relay harness plus the web console mounted on its own Fastify instance, the way the
 * app mounts it: `register(consolePlugin(deps), { prefix: "/console" })`.
 */
export async function startConsoleHarness(): Promise<ConsoleHarness> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const h = await startRelayHarness({ consoleUrl: baseUrl, faq: "default" });
  if (!h.core.staff) throw new Error("the relay harness has no staff deps");
  const web = Fastify({ logger: false });
  await web.register(consolePlugin({ staff: h.core.staff, publicUrl: baseUrl }), {
    prefix: "/console",
  });
  await web.listen({ port, host: "127.0.0.1" });
  return {
    ...h,
    baseUrl,
    web,
    async requestLink(member) {
      const before = h.fake.sentTexts({ token: RELAY_BOT_TOKEN, chatId: member.id }).length;
      member.sendText(h.staff.id, "/console");
      const text = await h.fake.waitFor(
        () => h.fake.sentTexts({ token: RELAY_BOT_TOKEN, chatId: member.id })[before],
        10_000,
        "the sign-in link in a private chat",
      );
      const link = /https?:\/\/\S+/.exec(text)?.[0];
      if (!link) throw new Error(`no link in "${text}"`);
      return link;
    },
    async close() {
      await web.close();
      await h.close();
    },
  };
}
