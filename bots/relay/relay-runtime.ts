import type { Telegram } from "telegraf";
import type { Logger } from "../../core/observability/index.js";
import type { FileFetchers } from "../../core/outbound/index.js";
import type { StaffDeps } from "../../core/staff/index.js";
import type { StaffDirectory } from "./staff-directory.js";

/** What the relay last set on a topic, so unchanged names and states are not re-sent. */
export interface TopicState {
  title?: string;
  closed?: boolean;
}

/** Everything the staff relay's delivery needs, built once per process. */
export interface RelayRuntime {
  telegram: Telegram;
  deps: StaffDeps;
  chatId: string;
  supervisorChatId?: string;
  /** The first-response time, for the status light in topic names. */
  responseMinutes: number;
  /** Downloads parents' files by their channel (the parents' bot's file ids are not ours). */
  fetchers: FileFetchers;
  logger: Logger;
  /** Who is in which staff group: a line's supervisors are those in its group (optional in tests). */
  directory?: StaffDirectory;
  /** The staff group of a line (its own, or the main one); absent: every line is here. */
  lineChat?(line: string): string;
  /** Whether RELAY_CHAT_ID has topics (otherwise tickets are threaded by replies to the card). */
  isForum(): Promise<boolean>;
  topics: Map<number, TopicState>;
  /** Messages the staff group's budget has room for now (set by the relay sender). */
  groupRoom?: () => Promise<number>;
  /**
   * A parent message whose row's cost was counted as one post combining it with the
   * parent's later waiting messages: its id -> the combined messages' ids, for the send.
   */
  combinePlans: Map<number, number[]>;
}

const FORUM_CHECK_TTL_MS = 10 * 60_000;

export function createRelayRuntime(
  init: Omit<RelayRuntime, "isForum" | "topics" | "combinePlans">,
): RelayRuntime {
  let forum: { value: boolean; at: number } | undefined;
  return {
    ...init,
    topics: new Map(),
    combinePlans: new Map(),
    async isForum() {
      if (forum && Date.now() - forum.at < FORUM_CHECK_TTL_MS) return forum.value;
      const chat = await init.telegram.getChat(init.chatId);
      forum = { value: "is_forum" in chat && chat.is_forum === true, at: Date.now() };
      return forum.value;
    },
  };
}
