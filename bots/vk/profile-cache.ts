import type { API } from "vk-io";
import type { Logger } from "../../core/observability/index.js";

export interface VkProfile {
  displayName: string;
  username?: string;
}

export interface ProfileCacheOptions {
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

/**
 * Parents' names from users.get, kept for an hour so a conversation costs one lookup. A
 * failed lookup never stops a message: it is stored with an empty name and asked again
 * next time.
 */
export function createProfileCache(api: API, logger: Logger, options: ProfileCacheOptions = {}) {
  const ttlMs = options.ttlMs ?? 3_600_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const entries = new Map<number, { profile: VkProfile; expires: number }>();

  async function lookup(userId: number): Promise<VkProfile | undefined> {
    try {
      const [user] = await api.users.get({ user_ids: [String(userId)], fields: ["screen_name"] });
      if (!user) return undefined;
      const displayName = [user.first_name, user.last_name].filter(Boolean).join(" ");
      const screenName = (user as { screen_name?: unknown }).screen_name;
      return { displayName, username: typeof screenName === "string" ? screenName : undefined };
    } catch (error) {
      logger.warn({ userId, err: error }, "users.get failed; the message is kept without a name");
      return undefined;
    }
  }

  return {
    async get(userId: number): Promise<VkProfile> {
      const cached = entries.get(userId);
      if (cached && cached.expires > now()) return cached.profile;
      const profile = await lookup(userId);
      if (!profile) return cached?.profile ?? { displayName: "" };
      entries.delete(userId);
      entries.set(userId, { profile, expires: now() + ttlMs });
      // Maps iterate in insertion order: the first key is the oldest entry.
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as number);
      return profile;
    },
  };
}

export type ProfileCache = ReturnType<typeof createProfileCache>;
