import type { Chat, User } from "grammy/types";

/** A member's standing in a group, as getChatMember reports it. */
export type MemberStatus =
  "creator" | "administrator" | "member" | "restricted" | "left" | "kicked";

/** The administrator rights the fake checks (others are reported as true). */
export interface AdminRights {
  canManageTopics: boolean;
  canDeleteMessages: boolean;
  canPinMessages: boolean;
  /** For a restricted member: whether they may still write (read-only when false, the default). */
  canSendMessages?: boolean;
}

export interface Membership {
  status: MemberStatus;
  rights: AdminRights;
}

/** A forum topic; `threadId` is the id of its forum_topic_created service message. */
export interface TopicRecord {
  threadId: number;
  name: string;
  iconColor: number;
  iconCustomEmojiId?: string;
  creatorId: number;
  closed: boolean;
  deleted: boolean;
}

/** The chat between one person and the bots: Telegram gives it the person's id. */
export interface PrivateChatRecord {
  kind: "private";
  id: number;
  user: User;
  /** Bots (by id) this person has blocked. */
  blockedBots: Set<number>;
  /** Bots (by id) this person has written to: only they may write back. */
  startedBots: Set<number>;
}

/** A basic group or a supergroup (a forum when `isForum`). */
export interface GroupChatRecord {
  kind: "group" | "supergroup";
  id: number;
  title: string;
  username?: string;
  isForum: boolean;
  members: Map<number, Membership>;
  topics: Map<number, TopicRecord>;
}

export type ChatRecord = PrivateChatRecord | GroupChatRecord;

export const FULL_RIGHTS: AdminRights = {
  canManageTopics: true,
  canDeleteMessages: true,
  canPinMessages: true,
};

const NO_RIGHTS: AdminRights = {
  canManageTopics: false,
  canDeleteMessages: false,
  canPinMessages: false,
};

/** A membership with the rights its status implies unless the test narrows them. */
export function membership(status: MemberStatus, rights: Partial<AdminRights> = {}): Membership {
  const base = status === "creator" || status === "administrator" ? FULL_RIGHTS : NO_RIGHTS;
  return { status, rights: { ...base, ...rights } };
}

/** True while the status lets the account read and write in the chat. */
export function isPresent(status: MemberStatus | undefined): boolean {
  return (
    status === "creator" ||
    status === "administrator" ||
    status === "member" ||
    status === "restricted"
  );
}

/** All chats the fake knows, by id and by @username. */
export class ChatDirectory {
  private readonly chats = new Map<number, ChatRecord>();
  private nextSupergroup = 1;
  private nextGroup = 1;

  /** Opens the private chat of a person (one per person, shared by all bots). */
  addPrivate(user: User): PrivateChatRecord {
    const chat: PrivateChatRecord = {
      kind: "private",
      id: user.id,
      user,
      blockedBots: new Set(),
      startedBots: new Set(),
    };
    this.chats.set(chat.id, chat);
    return chat;
  }

  /** Creates a group; supergroup ids look like Telegram's (-100…). */
  addGroup(init: {
    kind: "group" | "supergroup";
    title: string;
    username?: string;
    isForum: boolean;
    id?: number;
  }): GroupChatRecord {
    const id =
      init.id ??
      (init.kind === "supergroup"
        ? -1_001_000_000_000 - this.nextSupergroup++
        : -4_000_000_000 - this.nextGroup++);
    if (this.chats.has(id)) throw new Error(`fake-telegram: chat ${id} already exists`);
    const chat: GroupChatRecord = {
      kind: init.kind,
      id,
      title: init.title,
      isForum: init.kind === "supergroup" && init.isForum,
      members: new Map(),
      topics: new Map(),
    };
    if (init.username !== undefined) chat.username = init.username;
    this.chats.set(id, chat);
    return chat;
  }

  get(id: number): ChatRecord | undefined {
    return this.chats.get(id);
  }

  /** Resolves a `chat_id` parameter: a number or "@username". */
  resolve(chatId: number | string): ChatRecord | undefined {
    if (typeof chatId === "number") return this.chats.get(chatId);
    const wanted = chatId.replace(/^@/, "").toLowerCase();
    for (const chat of this.chats.values()) {
      const username = chat.kind === "private" ? chat.user.username : chat.username;
      if (username?.toLowerCase() === wanted) return chat;
    }
    return undefined;
  }

  /** The chat where this must be a group; throws a test-side error otherwise. */
  group(id: number): GroupChatRecord {
    const chat = this.chats.get(id);
    if (!chat || chat.kind === "private")
      throw new Error(`fake-telegram: ${id} is not a group chat`);
    return chat;
  }

  /** Groups where the account has any membership record (present or not). */
  groupsOf(userId: number): GroupChatRecord[] {
    const groups: GroupChatRecord[] = [];
    for (const chat of this.chats.values())
      if (chat.kind !== "private" && chat.members.has(userId)) groups.push(chat);
    return groups;
  }

  privateOf(userId: number): PrivateChatRecord {
    const chat = this.chats.get(userId);
    if (!chat || chat.kind !== "private")
      throw new Error(`fake-telegram: no private chat with user ${userId}`);
    return chat;
  }
}

/** The Chat object embedded in messages. */
export function chatObject(chat: ChatRecord): Chat {
  if (chat.kind === "private") {
    const result: Chat.PrivateChat = {
      id: chat.id,
      type: "private",
      first_name: chat.user.first_name,
    };
    if (chat.user.last_name !== undefined) result.last_name = chat.user.last_name;
    if (chat.user.username !== undefined) result.username = chat.user.username;
    return result;
  }
  if (chat.kind === "group") return { id: chat.id, type: "group", title: chat.title };
  const result: Chat.SupergroupChat = { id: chat.id, type: "supergroup", title: chat.title };
  if (chat.username !== undefined) result.username = chat.username;
  if (chat.isForum) result.is_forum = true;
  return result;
}
