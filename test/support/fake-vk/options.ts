/** Options of startFakeVk; every field has a test-friendly default. */
export interface FakeVkOptions {
  /** Community id (default 220000001). */
  groupId?: number;
  /** Community name returned by groups.getById (default "Навигатор: поддержка"). */
  groupName?: string;
  /** The only valid access_token (default "vk-fake-community-token"). */
  token?: string;
  /** Version reported in events' `v` (default "5.199", vk-io 4.10's default). */
  apiVersion?: string;
  /** Longest time an empty long poll is held, whatever `wait` says (default 90 000). */
  maxLongPollWaitMs?: number;
  /** How long a Callback API POST may take before it counts as unanswered (default 5000). */
  callbackTimeoutMs?: number;
  /**
   * How messages.send with `peer_ids` reports 901/902: "per-item" (default, the VK schema:
   * `[{peer_id, error:{code, description}}]` inside a successful response) or
   * "top-level" (an ordinary error response).
   */
  peerIdsErrors?: "per-item" | "top-level";
  /** Time source for message and file dates (default the system clock). */
  clock?: () => Date;
}

/** Options with every default filled in. */
export type FakeVkSettings = Required<FakeVkOptions>;

/** Fills in the defaults documented on FakeVkOptions. */
export function withDefaults(options: FakeVkOptions = {}): FakeVkSettings {
  return {
    groupId: options.groupId ?? 220000001,
    groupName: options.groupName ?? "Навигатор: поддержка",
    token: options.token ?? "vk-fake-community-token",
    apiVersion: options.apiVersion ?? "5.199",
    maxLongPollWaitMs: options.maxLongPollWaitMs ?? 90_000,
    callbackTimeoutMs: options.callbackTimeoutMs ?? 5000,
    peerIdsErrors: options.peerIdsErrors ?? "per-item",
    clock: options.clock ?? (() => new Date()),
  };
}
