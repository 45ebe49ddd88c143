import type { MessageEntity } from "grammy/types";

const PATTERNS: Array<{
  type: "bot_command" | "url" | "mention" | "hashtag" | "email";
  regex: RegExp;
}> = [
  { type: "email", regex: /(?<![\w.+-])[\w.+-]+@[\w-]+(\.[\w-]+)+/g },
  {
    type: "url",
    regex: /(?<![\w@])(?:https?:\/\/)?(?:[\w-]+\.)+[a-z]{2,}(?::\d+)?(?:\/[^\s]*)?/gi,
  },
  {
    type: "bot_command",
    regex: /(?<![\w/])\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/])/g,
  },
  { type: "mention", regex: /(?<![\w@])@[A-Za-z0-9_]{5,32}(?!\w)/g },
  { type: "hashtag", regex: /(?<![\w#])#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*/gu },
];

/** Entities whose text Telegram never scans for links or commands. */
const OPAQUE = new Set(["code", "pre", "text_link", "text_mention", "custom_emoji"]);

/**
 * Adds the entities Telegram detects on its own in any message text: bot commands, URLs,
 * @mentions, hashtags and e-mail addresses. Simplified patterns; enough for the shapes
 * bots and tests produce.
 */
export function detectEntities(text: string, existing: MessageEntity[]): MessageEntity[] {
  const found: MessageEntity[] = [];
  for (const { type, regex } of PATTERNS) {
    for (const match of text.matchAll(regex)) {
      const offset = match.index;
      const length = match[0].replace(/[.,;:!?)]+$/, "").length;
      const candidate: MessageEntity = { type, offset, length };
      if (
        !overlaps(
          candidate,
          existing.filter((e) => OPAQUE.has(e.type)),
        ) &&
        !overlaps(candidate, found)
      ) {
        found.push(candidate);
      }
    }
  }
  return [...existing, ...found].sort((a, b) => a.offset - b.offset || b.length - a.length);
}

function overlaps(entity: MessageEntity, others: MessageEntity[]): boolean {
  return others.some(
    (o) => entity.offset < o.offset + o.length && o.offset < entity.offset + entity.length,
  );
}
