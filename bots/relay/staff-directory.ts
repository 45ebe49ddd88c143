import type { Telegram } from "telegraf";

type Standing = "admin" | "member" | "outsider";

/**
 * Who may act in the staff group, asked from Telegram (getChatMember) and remembered
 * briefly: creators, administrators and members (restricted ones while still members).
 */
export interface StaffDirectory {
  isStaff(userId: number): Promise<boolean>;
  /** Creators and administrators of the group (they may change agents' roles); never cached. */
  isAdmin(userId: number): Promise<boolean>;
}

export function createStaffDirectory(
  telegram: Telegram,
  chatId: string,
  options: { ttlMs?: number; now?: () => number } = {},
): StaffDirectory {
  const ttl = options.ttlMs ?? 60_000;
  const now = options.now ?? Date.now;
  const cache = new Map<number, { standing: Standing; at: number }>();

  const standing = async (userId: number, fresh = false): Promise<Standing> => {
    const known = cache.get(userId);
    if (!fresh && known && now() - known.at < ttl) return known.standing;
    const member = await telegram.getChatMember(chatId, userId);
    const value: Standing =
      member.status === "creator" || member.status === "administrator"
        ? "admin"
        : member.status === "member" || (member.status === "restricted" && member.is_member)
          ? "member"
          : "outsider";
    if (cache.size > 5000) cache.clear();
    cache.set(userId, { standing: value, at: now() });
    return value;
  };

  return {
    isStaff: async (userId) => (await standing(userId)) !== "outsider",
    // Rare and consequential (roles): asked afresh, so a promotion counts at once.
    isAdmin: async (userId) => (await standing(userId, true)) === "admin",
  };
}
