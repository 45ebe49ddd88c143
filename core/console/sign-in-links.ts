import { createHash, randomBytes } from "node:crypto";
import type { Agent, Db } from "../db/index.js";
import type { Clock } from "../shared/index.js";
import type { StaffActor } from "../staff/index.js";
import { upsertAgent } from "../staff/index.js";

/** How long a /console link can be opened. */
export const SIGN_IN_LINK_MINUTES = 10;

/** A random token for a link or a cookie; only its hash is stored. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * /console in the staff group: a one-time sign-in token bound to the member who asked,
 * valid for ten minutes. The caller puts it into a link and sends it privately.
 */
export async function issueSignInLink(
  deps: { db: Db; clock: Clock },
  actor: StaffActor,
): Promise<{ token: string; expiresAt: Date }> {
  const { token, hash } = newToken();
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + SIGN_IN_LINK_MINUTES * 60_000);
  await deps.db.$transaction(async (tx) => {
    await upsertAgent(tx, actor);
    await tx.consoleLink.create({
      data: { tokenHash: hash, telegramUserId: actor.telegramUserId, createdAt: now, expiresAt },
    });
  });
  return { token, expiresAt };
}

export type RedeemResult = { outcome: "ok"; agent: Agent } | { outcome: "invalid" };

/**
 * Opening a link: it works once (the row is claimed atomically, so two tabs racing get
 * one session), before it expires, and only for an active agent.
 */
export async function redeemSignInLink(
  deps: { db: Db; clock: Clock },
  token: string,
): Promise<RedeemResult> {
  const now = deps.clock.now();
  const claimed = await deps.db.consoleLink.updateMany({
    where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (claimed.count !== 1) return { outcome: "invalid" };
  const link = await deps.db.consoleLink.findUniqueOrThrow({
    where: { tokenHash: hashToken(token) },
  });
  const agent = await deps.db.agent.findUnique({ where: { telegramUserId: link.telegramUserId } });
  if (!agent?.active) return { outcome: "invalid" };
  await deps.db.auditLog.create({
    data: { actor: `agent:${agent.id}`, action: "console_signed_in" },
  });
  return { outcome: "ok", agent };
}
