import type { FastifyPluginAsync } from "fastify";
import type { Config } from "../core/config/index.js";
import type { StaffDeps } from "../core/staff/index.js";
import { consolePlugin } from "../web/index.js";

/**
 * The staff web console under `/console/` on the public port. Sign-in goes through the
 * relay bot, and every console action is an agent action, so without the relay there is
 * no console.
 */
export function consolePlugins(
  staff: StaffDeps | undefined,
  config: Pick<Config, "consolePublicUrl">,
): FastifyPluginAsync[] {
  if (!staff) return [];
  const plugin = consolePlugin({ staff, publicUrl: config.consolePublicUrl });
  return [
    async (app) => {
      await app.register(plugin, { prefix: "/console" });
    },
  ];
}
