import type { Db } from "../db/index.js";
import type { Clock } from "../shared/index.js";

/**
 * The messenger told us the parent blocked (or unblocked) the bot. A blocked contact is
 * shown to the staff and nothing more is sent; writing to us again unblocks them.
 */
export async function setContactReachability(
  db: Db,
  clock: Clock,
  input: { channel: "telegram" | "vk"; externalUserId: string; blocked: boolean; reason?: string },
): Promise<void> {
  await db.contact.updateMany({
    where: { channel: input.channel, externalId: input.externalUserId },
    data: input.blocked
      ? { blockedAt: clock.now(), blockedReason: input.reason ?? "RECIPIENT_BLOCKED" }
      : { blockedAt: null, blockedReason: null },
  });
}
