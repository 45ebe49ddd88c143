import type { Config } from "../core/config/index.js";
import type { Core } from "../core/runtime/index.js";
import type { ChannelModule } from "./channel-module.js";
import type { HttpServer } from "./http-server.js";

/** The channel adapters this configuration turns on (a channel without a token is off). */
export async function channelModules(
  _core: Core,
  _config: Config,
  _http: HttpServer,
): Promise<ChannelModule[]> {
  return [];
}
