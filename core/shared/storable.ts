// A surrogate half without its partner: not a character, and not valid UTF-8 either.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * PostgreSQL cannot store U+0000 in text or jsonb, and jsonb refuses a lone surrogate
 * escape; either fails the whole transaction, so the parent's message would be lost for
 * one invisible character. Neither means anything in a chat, so every string of an
 * adapter's input loses NULs and gets U+FFFD for broken surrogates before core uses it.
 */
export function storable<T>(value: T): T {
  if (typeof value === "string") return storableText(value) as T;
  if (Array.isArray(value)) return value.map(storable) as T;
  if (isPlainObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, storable(v)])) as T;
  return value;
}

function storableText(text: string): string {
  return text.replaceAll("\u0000", "").replace(loneSurrogate, "\uFFFD");
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
