import { domainToUnicode } from "node:url";
import { createRangeClaims } from "../../shared/range-claims.js";
import type { TextRange } from "./blank-ranges.js";

/** A web address or an e-mail found in a reply, with its host in readable Unicode. */
export interface FoundLink extends TextRange {
  kind: "url" | "email";
  text: string;
  /** Lower case, Cyrillic domains in Unicode ("р66.навигатор.дети"), IPv6 without []. */
  host: string;
  /** Path as written, "/" when there is none. */
  path: string;
  /** Names of the query parameters, lower case. */
  queryKeys: string[];
  /** The address carries a password: "postgres://user:secret@host". */
  hasPassword: boolean;
}

// Top-level domains a bare "name.tld" must end with to count as an address: without a
// closed list every "т.е." or "заявку.Далее" would look like a host.
const TLDS = [
  ...["ru", "su", "рф", "com", "net", "org", "info", "online", "site", "io", "me", "pro"],
  ...["biz", "edu", "gov", "app", "dev", "tech", "xyz", "kz", "by", "ua", "uz", "de", "uk"],
  ...["us", "eu", "tv", "cc", "дети", "рус", "москва", "онлайн", "сайт", "орг", "local"],
  ...["internal", "corp", "lan", "intranet", "localdomain", "arpa", "test"],
].join("|");

const NOT_URL = `[^\\s<>"«»]`;
const BEFORE_BARE = "(?<![\\p{L}\\p{N}./@_-])";
/** With a scheme: first, so "postgres://user:pass@host" is not taken for an e-mail. */
const SCHEME_URL = new RegExp(`(?<![\\p{L}\\p{N}])[a-z][a-z0-9+.-]{1,15}://${NOT_URL}+`, "giu");
const LOCALHOST = new RegExp(`${BEFORE_BARE}localhost(?::\\d{2,5})?(?:/${NOT_URL}*)?`, "giu");
/** Without a scheme: after e-mails, so the domain of an address is not a link. */
const BARE_URLS: readonly RegExp[] = [
  new RegExp(`${BEFORE_BARE}www\\.${NOT_URL}+`, "giu"),
  LOCALHOST,
  new RegExp(
    `${BEFORE_BARE}(?:\\d{1,3}\\.){3}\\d{1,3}(?!\\p{N}|\\.\\d)(?::\\d{2,5})?(?:/${NOT_URL}*)?`,
    "gu",
  ),
  new RegExp(
    `${BEFORE_BARE}(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?\\.)+(?:${TLDS})(?![\\p{L}\\p{N}_-])(?::\\d{2,5})?(?:/${NOT_URL}*)?`,
    "giu",
  ),
];
const EMAIL =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}(?![\p{L}\p{N}-])/giu;

/** Sentence punctuation glued to the end of an address belongs to the sentence. */
const TRAILING_PUNCTUATION = /[.,;:!?)\]»"'…]+$/u;

/** Finds web addresses (with or without a scheme, IPs, localhost) and e-mails. */
export function findLinks(text: string): FoundLink[] {
  const found: FoundLink[] = [];
  const claims = createRangeClaims(text.length);
  const overlaps = (start: number, end: number) => {
    for (let i = start; i < end; i++) if (claims.isClaimed(i)) return true;
    return false;
  };
  const addUrls = (pattern: RegExp) => {
    for (const m of text.matchAll(pattern)) {
      const raw = m[0].replace(TRAILING_PUNCTUATION, "");
      const start = m.index;
      const end = start + raw.length;
      if (raw.length === 0 || overlaps(start, end)) continue;
      const parsed = parseAddress(raw);
      if (!parsed) continue;
      claims.claim(start, end);
      found.push({ kind: "url", start, end, text: raw, ...parsed });
    }
  };

  // Each pattern needs a sign most replies lack ("://", "@", "."): a text without it is
  // not read by that pattern at all, which spares the plain prose of a long reply.
  const lower = text.toLowerCase();
  const hasDot = lower.includes(".");
  if (lower.includes("://")) addUrls(SCHEME_URL);
  for (const m of hasDot && lower.includes("@") ? text.matchAll(EMAIL) : []) {
    const start = m.index;
    if (overlaps(start, start + m[0].length)) continue;
    claims.claim(start, start + m[0].length);
    const domain = m[0].slice(m[0].indexOf("@") + 1);
    found.push({
      kind: "email",
      start,
      end: start + m[0].length,
      text: m[0],
      host: readableHost(domain),
      path: "/",
      queryKeys: [],
      hasPassword: false,
    });
  }
  if (hasDot) BARE_URLS.forEach(addUrls);
  else if (lower.includes("localhost")) addUrls(LOCALHOST);
  return found.sort((a, b) => a.start - b.start);
}

type ParsedAddress = Pick<FoundLink, "host" | "path" | "queryKeys" | "hasPassword">;

function parseAddress(raw: string): ParsedAddress | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return undefined;
  }
  let path = url.pathname || "/";
  try {
    path = decodeURI(path);
  } catch {
    // A malformed escape stays as written; the path is only looked at, never used.
  }
  return {
    host: readableHost(url.hostname),
    path,
    queryKeys: [...url.searchParams.keys()].map((k) => k.toLowerCase()),
    hasPassword: url.password !== "",
  };
}

function readableHost(host: string): string {
  const bare = host
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "")
    .toLowerCase();
  return domainToUnicode(bare) || bare;
}
