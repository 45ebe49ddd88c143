import type { MessageEntity } from "grammy/types";

/** Text with its entities, offsets in UTF-16 code units as the Bot API counts them. */
export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

/** Telegram's entity order: by offset, longer (enclosing) entities first. */
export function sortEntities(entities: MessageEntity[]): MessageEntity[] {
  return [...entities].sort((a, b) => a.offset - b.offset || b.length - a.length);
}
