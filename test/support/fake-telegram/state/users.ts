import type { User } from "grammy/types";

/** What a test may say about a user it creates; everything has a default. */
export interface UserInit {
  id?: number;
  first_name?: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  is_premium?: true;
}

/** Every Telegram account the fake knows, people and bots alike. */
export class UserDirectory {
  private readonly users = new Map<number, User>();
  private nextId = 100_000_001;

  /** Adds a person; ids are sequential unless the test chooses one. */
  addPerson(init: UserInit = {}): User {
    const id = init.id ?? this.nextId++;
    const user: User = { id, is_bot: false, first_name: init.first_name ?? `User ${id}` };
    if (init.last_name !== undefined) user.last_name = init.last_name;
    if (init.username !== undefined) user.username = init.username;
    if (init.language_code !== undefined) user.language_code = init.language_code;
    if (init.is_premium) user.is_premium = true;
    this.set(user);
    return user;
  }

  /** Registers an account whose shape the caller built (bots). */
  set(user: User): void {
    if (this.users.has(user.id)) throw new Error(`fake-telegram: user ${user.id} already exists`);
    this.users.set(user.id, user);
  }

  get(id: number): User | undefined {
    return this.users.get(id);
  }

  /** Finds a user by @username (case-insensitive, as Telegram does). */
  byUsername(username: string): User | undefined {
    const wanted = username.replace(/^@/, "").toLowerCase();
    for (const user of this.users.values())
      if (user.username?.toLowerCase() === wanted) return user;
    return undefined;
  }
}

/** The user as it appears inside messages: Telegram omits nothing it knows, adds nothing. */
export function publicUser(user: User): User {
  return { ...user };
}
