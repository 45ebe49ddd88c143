import type { Agent, Db } from "../db/index.js";
import type { Clock } from "../shared/index.js";
import { hashToken, newToken } from "./sign-in-links.js";

/** A session ends after this long without a request. */
export const SESSION_IDLE_MINUTES = 60;

/** Starts a session for an agent; the token goes into the cookie. */
export async function startSession(
  deps: { db: Db; clock: Clock },
  agentId: number,
): Promise<string> {
  const { token, hash } = newToken();
  const now = deps.clock.now();
  await deps.db.consoleSession.create({
    data: { tokenHash: hash, agentId, createdAt: now, lastSeenAt: now },
  });
  return token;
}

/**
 * The agent behind a session cookie, or undefined when it is unknown, ended, idle for too
 * long, or the agent is no longer active. Each use moves the idle deadline on.
 */
export async function sessionAgent(
  deps: { db: Db; clock: Clock },
  token: string,
): Promise<Agent | undefined> {
  const now = deps.clock.now();
  const idleSince = new Date(now.getTime() - SESSION_IDLE_MINUTES * 60_000);
  const session = await deps.db.consoleSession.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { agent: true },
  });
  if (!session || session.endedAt || session.lastSeenAt < idleSince || !session.agent.active)
    return undefined;
  // Written at most once a minute: the queue refreshes itself every few seconds.
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000)
    await deps.db.consoleSession.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  return session.agent;
}

/** Sign-out: the session cannot be used again; audited as `console_signed_out`. */
export async function endSession(deps: { db: Db; clock: Clock }, token: string): Promise<void> {
  await deps.db.$transaction(async (tx) => {
    const session = await tx.consoleSession.findUnique({ where: { tokenHash: hashToken(token) } });
    if (!session || session.endedAt) return;
    await tx.consoleSession.update({
      where: { id: session.id },
      data: { endedAt: deps.clock.now() },
    });
    await tx.auditLog.create({
      data: { actor: `agent:${session.agentId}`, action: "console_signed_out" },
    });
  });
}
