/**
 * A markup error, worded as TDLib words it. The Bot API prefixes it with
 * "Bad Request: can't parse entities: ".
 */
export class EntityParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EntityParseError";
  }
}

/** UTF-8 byte offset of a UTF-16 index: TDLib reports positions in bytes. */
export function byteOffset(text: string, index: number): number {
  return Buffer.byteLength(text.slice(0, index), "utf8");
}

/** TDLib's notion of whitespace inside markup. */
export function isSpace(char: string | undefined): boolean {
  return (
    char === " " ||
    char === "\t" ||
    char === "\n" ||
    char === "\r" ||
    char === "\f" ||
    char === "\v"
  );
}
