import type http from "node:http";
import type { Logger } from "../../core/observability/index.js";
import type { FileFetchers } from "../../core/outbound/index.js";
import type { ChannelModule, Core } from "../../core/runtime/index.js";
import {
  createCallbackEndpoint,
  VK_CALLBACK_BODY_LIMIT,
  VK_CALLBACK_PATH,
} from "./callback-endpoint.js";
import { vkFileFetcher } from "./file-fetcher.js";
import { registerParentHandlers } from "./parent-handlers.js";
import { createProfileCache } from "./profile-cache.js";
import { createUpdateRunner } from "./update-runner.js";
import { createVkClient, type VkClientOverrides, type VkConfig } from "./vk-client.js";
import { createVkSender } from "./vk-sender.js";

export type WebhookRoute = (
  method: string,
  path: string,
  handler: (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => Promise<void>,
  /** Checked by the HTTP edge before the body is read (see app/http-server.ts). */
  edge?: { bodyLimit?: number; authorize?: (headers: http.IncomingHttpHeaders) => boolean },
) => void;

export interface VkChannelOptions {
  core: Core;
  config: VkConfig;
  logger: Logger;
  /** The shared registry of file fetchers (the relay's is used for agent media). */
  fetchers: FileFetchers;
  route: WebhookRoute;
  /** vk-io settings for tests (e.g. `apiRetryLimit: 0` against the fake). */
  client?: VkClientOverrides;
}

/**
 * The VK community channel: updates come by Bots Long Poll (default) or, with a secret
 * and confirmation code configured, through the Callback API endpoint; both paths
 * dedupe on VK's event_id and the message's conversation id. Sends carry a deterministic
 * random_id, so the outbox may repeat them safely.
 */
export function createVkChannel(options: VkChannelOptions): ChannelModule {
  const { core, config, logger } = options;
  const client = createVkClient(config, options.client);
  const { vk } = client;
  const runner = createUpdateRunner(vk, { logger, metrics: core.metrics });
  registerParentHandlers(vk, {
    core,
    groupId: config.groupId,
    runner,
    profiles: createProfileCache(vk.api, logger),
    logger,
  });

  return {
    name: "vk",
    senders: { vk: createVkSender(vk, options.fetchers) },
    fileFetchers: { vk: vkFileFetcher() },
    async startReceiving() {
      if (config.callback) {
        options.route(
          "POST",
          VK_CALLBACK_PATH,
          createCallbackEndpoint({
            groupId: config.groupId,
            secret: config.callback.secret,
            confirmation: config.callback.confirmation,
            logger,
            run: (update) => runner.run(update),
          }),
          // VK's secret is in the body, so the body is kept small instead.
          { bodyLimit: VK_CALLBACK_BODY_LIMIT },
        );
        logger.info(
          { groupId: config.groupId, path: VK_CALLBACK_PATH },
          "VK community bot receives events by Callback API",
        );
        return;
      }
      runner.attachToPolling();
      await vk.updates.startPolling();
      logger.info(
        { groupId: config.groupId },
        "VK community bot polls for events (Bots Long Poll)",
      );
    },
    async stop() {
      await vk.updates.stop();
      await runner.drain();
      client.close();
    },
  };
}
