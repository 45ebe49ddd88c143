import type { Chat, User } from "grammy/types";
import type { FakeEnv } from "../env.js";
import { membership, type AdminRights, type MemberStatus } from "../state/chats.js";
import type { UserInit } from "../state/users.js";
import { chatObject } from "../state/chats.js";
import { FakeUser } from "./fake-user.js";

/** Someone to put in a group: a FakeUser, a User, a user id, or a bot token. */
export type Account = FakeUser | User | number | string;

/** A group member with an explicit status (default "member"; bots default to "administrator"). */
export interface MemberInit {
  account: Account;
  status?: MemberStatus;
  rights?: Partial<AdminRights>;
}

/** How a test describes a group. */
export interface GroupInit {
  title?: string;
  /** Default "supergroup". */
  type?: "supergroup" | "group";
  /** Topics on (supergroups only). */
  isForum?: boolean;
  username?: string;
  id?: number;
  /** People and bots in the group; a bare token or FakeUser joins with the default status. */
  members?: Array<Account | MemberInit>;
}

/** A group as tests refer to it. */
export interface GroupHandle {
  id: number;
  chat: Chat;
}

/** Creates a person and their private chat. */
export function createUser(env: FakeEnv, init: UserInit = {}): FakeUser {
  const user = env.world.users.addPerson(init);
  env.world.chats.addPrivate(user);
  return new FakeUser(env, user);
}

/** The user id of an account; bot tokens resolve to the bot's id. */
export function accountId(env: FakeEnv, account: Account): number {
  if (typeof account === "number") return account;
  if (typeof account === "string") return env.bots.get(account).user.id;
  if (account instanceof FakeUser) return account.id;
  return account.id;
}

/** Creates a group with its members. */
export function createGroup(env: FakeEnv, init: GroupInit = {}): GroupHandle {
  const chat = env.world.chats.addGroup({
    kind: init.type ?? "supergroup",
    title: init.title ?? "Test group",
    isForum: init.isForum ?? false,
    ...(init.username !== undefined ? { username: init.username } : {}),
    ...(init.id !== undefined ? { id: init.id } : {}),
  });
  for (const entry of init.members ?? []) {
    const member = isMemberInit(entry) ? entry : { account: entry };
    setMember(env, chat.id, member.account, member.status, member.rights);
  }
  return { id: chat.id, chat: chatObject(chat) };
}

function isMemberInit(entry: Account | MemberInit): entry is MemberInit {
  return typeof entry === "object" && !(entry instanceof FakeUser) && "account" in entry;
}

/** Sets an account's status in a group (join, promote, restrict, kick, leave). */
export function setMember(
  env: FakeEnv,
  chatId: number,
  account: Account,
  status?: MemberStatus,
  rights?: Partial<AdminRights>,
): void {
  const id = accountId(env, account);
  const isBot = env.bots.byId(id) !== undefined;
  if (!isBot && !env.world.users.get(id)) throw new Error(`fake-telegram: unknown user ${id}`);
  env.world.chats
    .group(chatId)
    .members.set(id, membership(status ?? (isBot ? "administrator" : "member"), rights));
}
