import type http from "node:http";
import type { Logger } from "../../core/observability/index.js";
import type { FileFetchers } from "../../core/outbound/index.js";
import {
  type ChannelModule,
  type Core,
  type LeasedPolling,
  startLeasedPolling,
} from "../../core/runtime/index.js";
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
import { vkIncoming, vkPollFetcher } from "./vk-poll-fetcher.js";
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
 * and confirmation code configured, through the Callback API endpoint; both store the
 * event in the inbox first (deduped on VK's event_id) and handle it from there. Sends carry a deterministic
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

  const source = "vk";
  core.inbox.handle(source, { run: (payload) => runner.run(payload as Record<string, unknown>) });
  let polling: LeasedPolling | undefined;

  return {
    name: "vk",
    senders: { vk: createVkSender(vk, options.fetchers) },
    fileFetchers: { vk: vkFileFetcher() },
    isReceiving: () => polling?.isRunning() ?? true,
    async startProcessing() {
      await core.inbox.start();
    },
    async startReceiving() {
      await core.inbox.start();
      if (config.callback) {
        options.route(
          "POST",
          VK_CALLBACK_PATH,
          createCallbackEndpoint({
            groupId: config.groupId,
            secret: config.callback.secret,
            confirmation: config.callback.confirmation,
            logger,
            store: async (update) => {
              await core.inbox.store(source, [vkIncoming(config.groupId, update)]);
            },
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
      const fetcher = vkPollFetcher(vk, config.groupId);
      await fetcher.prime();
      polling = startLeasedPolling(core, {
        source,
        pollerKey: `vk:${config.groupId}`,
        logger,
        fetcher,
        onPollFailed(error, retryInMs) {
          if (retryInMs === undefined)
            logger.fatal({ err: error }, "VK community bot stopped polling: the token was refused");
          else logger.warn({ err: error, retryInMs }, "VK Long Poll failed; polling again soon");
        },
      });
      logger.info(
        { groupId: config.groupId },
        "VK community bot polls for events (Bots Long Poll)",
      );
    },
    async stop() {
      await polling?.stop();
      await core.inbox.stop();
      client.close();
    },
  };
}
