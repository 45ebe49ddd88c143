import type { Telegram } from "telegraf";
import type { ChatMember } from "telegraf/types";

type Standing = "admin" | "member" | "outsider";

/**
 * Who may act in the staff group, asked from Telegram (getChatMember) and remembered
 * briefly: creators, administrators and members who may write. A restricted member who
 * may not send messages (read-only) cannot act either: the buttons would otherwise let
 * them take, solve or reveal what they may not answer. Left and banned people are out.
 */
export interface StaffDirectory {
  /** In `chatId` (a line's group), or the main staff group. */
  isStaff(userId: number, chatId?: string): Promise<boolean>;
  /** Creators and administrators of the group (they may change agents' roles); never cached. */
  isAdmin(userId: number, chatId?: string): Promise<boolean>;
}

export function createStaffDirectory(
  telegram: Telegram,
  mainChatId: string,
  options: { ttlMs?: number; now?: () => number } = {},
): StaffDirectory {
  const ttl = options.ttlMs ?? 60_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { standing: Standing; at: number }>();

  const standing = async (userId: number, chatId: string, fresh = false): Promise<Standing> => {
    const key = `${chatId}:${userId}`;
    const known = cache.get(key);
    if (!fresh && known && now() - known.at < ttl) return known.standing;
    const value = standingOf(await telegram.getChatMember(chatId, userId));
    if (cache.size > 5000) cache.clear();
    cache.set(key, { standing: value, at: now() });
    return value;
  };

  return {
    isStaff: async (userId, chatId = mainChatId) => (await standing(userId, chatId)) !== "outsider",
    // Rare and consequential (roles): asked afresh, so a promotion counts at once.
    isAdmin: async (userId, chatId = mainChatId) =>
      (await standing(userId, chatId, true)) === "admin",
  };
}

export function standingOf(member: ChatMember): Standing {
  switch (member.status) {
    case "creator":
    case "administrator":
      return "admin";
    case "member":
      return "member";
    case "restricted":
      return member.is_member && member.can_send_messages ? "member" : "outsider";
    default:
      return "outsider";
  }
}
