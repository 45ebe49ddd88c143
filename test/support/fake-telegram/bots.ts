import type { BotCommand, UserFromGetMe } from "grammy/types";
import { UpdateQueue } from "./update-queue.js";
import type { UserDirectory } from "./state/users.js";

/** How a test describes a bot account; the token's numeric prefix is its id by default. */
export interface BotInit {
  token: string;
  id?: number;
  username?: string;
  first_name?: string;
  /**
   * Privacy mode off: the bot reads every group message. Default false, as on Telegram, where
   * only admin bots (the default status in createGroup) see everything.
   */
  can_read_all_group_messages?: boolean;
}

/** A webhook the bot registered with setWebhook. */
export interface WebhookConfig {
  url: string;
  secretToken?: string;
  maxConnections: number;
  setAt: number;
}

/** Webhook health as getWebhookInfo reports it. */
export interface WebhookHealth {
  lastErrorDate?: number;
  lastErrorMessage?: string;
}

/** One bot account: identity, update queue, delivery mode, registered commands. */
export interface BotAccount {
  token: string;
  user: UserFromGetMe;
  queue: UpdateQueue;
  webhook?: WebhookConfig;
  webhookHealth: WebhookHealth;
  /** Update types the bot asked for; undefined means Telegram's default set. */
  allowedUpdates?: string[];
  commands: Map<string, BotCommand[]>;
  /** Aborts the bot's pending long poll (another getUpdates or setWebhook took over). */
  activePoll?: (reason: "getUpdates" | "setWebhook") => void;
}

/** Update types Telegram withholds unless allowed_updates names them. */
const OPT_IN_UPDATES = new Set(["chat_member", "message_reaction", "message_reaction_count"]);

/** True when the bot should receive an update of this type. */
export function wantsUpdate(bot: BotAccount, type: string): boolean {
  const allowed = bot.allowedUpdates;
  if (allowed && allowed.length > 0) return allowed.includes(type);
  return !OPT_IN_UPDATES.has(type);
}

/** Bot accounts by token. Unknown well-formed tokens are accepted on first use. */
export class BotRegistry {
  private readonly bots = new Map<string, BotAccount>();
  private nextUpdateId = 10_000;

  constructor(
    private readonly users: UserDirectory,
    private readonly autoRegister: boolean,
  ) {}

  add(init: BotInit): BotAccount {
    if (this.bots.has(init.token))
      throw new Error(`fake-telegram: bot ${init.token} already exists`);
    const id = init.id ?? tokenId(init.token);
    if (id === undefined)
      throw new Error(`fake-telegram: token "${init.token}" has no numeric id prefix`);
    const username = init.username ?? `bot${id}_bot`;
    const user: UserFromGetMe = {
      id,
      is_bot: true,
      first_name: init.first_name ?? username,
      username,
      can_join_groups: true,
      can_read_all_group_messages: init.can_read_all_group_messages ?? false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    };
    this.users.set({ id, is_bot: true, first_name: user.first_name, username });
    const bot: BotAccount = {
      token: init.token,
      user,
      queue: new UpdateQueue(this.nextUpdateId),
      webhookHealth: {},
      commands: new Map(),
    };
    // Distinct update id ranges per bot make cross-bot mix-ups visible in assertions.
    this.nextUpdateId += 1_000_000;
    this.bots.set(init.token, bot);
    return bot;
  }

  /** The bot for a token, registering it when the token looks real and auto-registration is on. */
  resolve(token: string): BotAccount | undefined {
    const known = this.bots.get(token);
    if (known || !this.autoRegister || !/^\d+:[\w-]+$/.test(token)) return known;
    if (this.users.get(tokenId(token) ?? 0)) return undefined;
    return this.add({ token });
  }

  /** The bot for a token the test named; throws when it does not exist. */
  get(token: string): BotAccount {
    const bot = this.resolve(token);
    if (!bot) throw new Error(`fake-telegram: unknown bot token "${token}"`);
    return bot;
  }

  byId(id: number): BotAccount | undefined {
    for (const bot of this.bots.values()) if (bot.user.id === id) return bot;
    return undefined;
  }

  all(): BotAccount[] {
    return [...this.bots.values()];
  }
}

function tokenId(token: string): number | undefined {
  const match = /^(\d+):/.exec(token);
  return match?.[1] ? Number(match[1]) : undefined;
}
