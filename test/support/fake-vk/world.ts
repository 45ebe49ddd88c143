import type { ApiRecorder } from "./api-recorder.js";
import type { BotsLongPoll } from "./bots-long-poll.js";
import type { FaultPlan } from "./faults.js";
import type { FileStore } from "./file-store.js";
import type { FakeVkSettings } from "./options.js";
import type { FakeVkState } from "./state.js";

/** Everything a method handler or endpoint may read or change; one per fake server. */
export interface FakeVkWorld {
  readonly settings: FakeVkSettings;
  readonly state: FakeVkState;
  readonly files: FileStore;
  readonly faults: FaultPlan;
  readonly recorder: ApiRecorder;
  readonly longPoll: BotsLongPoll;
  /** "http://127.0.0.1:PORT", known once the server listens. */
  origin(): string;
  /** Unix time in seconds from the injected clock. */
  now(): number;
}
