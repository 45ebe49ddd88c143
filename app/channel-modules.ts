import type { Config } from "../core/config/index.js";
import type { Logger } from "../core/observability/index.js";
import type { FileFetchers } from "../core/outbound/index.js";
import type { ChannelModule, Core } from "../core/runtime/index.js";
import type { HttpServer } from "./http-server.js";

/**
 * The channel adapters this configuration turns on (a channel without a token is off).
 * Every module shares one file-fetcher registry, so a bot can re-upload files another bot
 * received. Each adapter is imported only when its channel is on: a messenger library
 * costs every process several megabytes (vk-io about 10 MB of RSS) whether it is used or not.
 */
export async function channelModules(
  core: Core,
  config: Config,
  http: HttpServer,
  logger: Logger,
): Promise<ChannelModule[]> {
  const fetchers: FileFetchers = {};
  const route = http.route.bind(http);
  const modules: ChannelModule[] = [];
  if (config.telegram) {
    const { createTelegramChannel } = await import("../bots/telegram/index.js");
    modules.push(
      createTelegramChannel({
        core,
        config: config.telegram,
        logger: logger.child({ channel: "telegram" }),
        fetchers,
        route,
      }),
    );
  }
  if (config.vk) {
    const { createVkChannel } = await import("../bots/vk/index.js");
    modules.push(
      createVkChannel({
        core,
        config: config.vk,
        logger: logger.child({ channel: "vk" }),
        fetchers,
        route,
      }),
    );
  }
  if (config.relay) {
    const { createRelayChannel } = await import("../bots/relay/index.js");
    modules.push(
      createRelayChannel({
        core,
        config: config.relay,
        responseMinutes: config.sla.firstResponseMinutes,
        logger: logger.child({ channel: "relay" }),
        fetchers,
        consoleUrl: config.consolePublicUrl,
      }),
    );
  }
  for (const module of modules) Object.assign(fetchers, module.fileFetchers);
  return modules;
}
