import http from "node:http";
import https from "node:https";
import { VK } from "vk-io";
import type { Config } from "../../core/config/index.js";

export type VkConfig = NonNullable<Config["vk"]>;

/** vk-io options a test (or an operator) may change, e.g. no network retries against a fake. */
export type VkClientOverrides = Partial<
  Pick<
    ConstructorParameters<typeof VK>[0],
    "apiRetryLimit" | "apiWait" | "apiTimeout" | "apiLimit" | "uploadTimeout"
  >
>;

/**
 * The vk-io client of the community: the community-token rate (20 requests a second),
 * Bots Long Poll for this community without a groups.getById call, and a keep-alive
 * agent matching the API URL. vk-io's default https agent refuses http:// URLs, so an
 * http:// VK_API_BASE_URL (a local fake or proxy) gets a plain http agent; vk-io hands
 * the same agent to API calls, Long Poll and uploads.
 */
export function createVkClient(
  config: VkConfig,
  overrides: VkClientOverrides = {},
): { vk: VK; close(): void } {
  const agent = agentFor(config.apiBaseUrl);
  const vk = new VK({
    token: config.token,
    apiBaseUrl: config.apiBaseUrl,
    agent,
    apiLimit: 20,
    pollingGroupId: config.groupId,
    ...overrides,
  });
  return { vk, close: () => agent.destroy() };
}

function agentFor(apiBaseUrl: string): https.Agent {
  if (new URL(apiBaseUrl).protocol === "http:") {
    // vk-io declares https.Agent, yet node-fetch needs an http.Agent for http:// URLs; at run
    // time http.Agent has everything vk-io uses, so the cast only bridges the declaration.
    return new http.Agent({ keepAlive: true }) as unknown as https.Agent;
  }
  return new https.Agent({ keepAlive: true });
}
