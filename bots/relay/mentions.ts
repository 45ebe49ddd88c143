import type { MessageEntity } from "telegraf/types";

export interface Person {
  id: number;
  name: string;
}

/**
 * Appends a line that mentions each person by a text_mention entity (works without a
 * username, and needs no markup that a name could break). Offsets are UTF-16 code units,
 * as Telegram counts them and as JavaScript strings are indexed.
 */
export function withMentions(
  text: string,
  people: Person[],
): { text: string; entities: MessageEntity[] } {
  if (people.length === 0) return { text, entities: [] };
  let out = `${text}\n`;
  const entities: MessageEntity[] = [];
  for (const [i, person] of people.entries()) {
    if (i > 0) out += ", ";
    const name = person.name.trim() || String(person.id);
    entities.push({
      type: "text_mention",
      offset: out.length,
      length: name.length,
      user: { id: person.id, is_bot: false, first_name: name },
    });
    out += name;
  }
  return { text: out, entities };
}
