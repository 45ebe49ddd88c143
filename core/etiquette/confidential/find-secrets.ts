import type { TextMatch } from "../etiquette-verdict.js";
import { createRangeClaims } from "../../shared/range-claims.js";
import { distinctMatches } from "../text/distinct-matches.js";

/** What a secret-looking fragment is, to pick the explanation. */
export type SecretKind = "password" | "token";

/** A secret-looking fragment and which explanation it needs. */
export interface SecretMatch extends TextMatch {
  secret: SecretKind;
}

const PASSWORD_WORD =
  "(?:пароль|пароля|паролем|парол|password|passwd|pwd|pass|пин-?код|pin|код доступа|кодовое слово)";
/** "пароль: Qw12345", "пароль от кабинета — Qw12345", "password=Qw12345". */
const PASSWORD_WITH_COLON = new RegExp(
  `(?<![\\p{L}])${PASSWORD_WORD}(?:\\s+(?:от|для)\\s+[^\\s:=—–]{1,30}){0,2}\\s*(?:[:=]|\\s[—–-])\\s*(\\S+)`,
  "giu",
);
/** "ваш пароль Qw12345" with no colon: the value must look like one. */
const PASSWORD_BARE = new RegExp(`(?<![\\p{L}])${PASSWORD_WORD}\\s+(\\S{6,})`, "giu");
/** "логин/пароль: ivanov / 12345" and "login and password: ...". */
const LOGIN_AND_PASSWORD =
  /(?<![\p{L}])(?:логин|login)\s*(?:\/|и|and|&|,)\s*(?:пароль|password)\s*(?:[:=]|\s[—–-])\s*(\S+)/giu;

/** "Доступ к серверу: root / P@ssw0rd": a login and a password after a colon. */
const ACCESS_PAIR =
  /(?<![\p{L}])(?:доступ|доступы|уч[её]тка|уч[её]тная запись|креды|credentials|access)[^:\n]{0,40}:\s*\S+\s*\/\s*(\S+)/giu;

/** Well-known shapes of access tokens and keys. */
const TOKEN_SHAPES: readonly RegExp[] = [
  /(?<![\p{L}\p{N}])\d{6,10}:[A-Za-z0-9_-]{30,}(?![\p{L}\p{N}_-])/gu, // Telegram bot token
  /\bBearer\s+[A-Za-z0-9\-._~+/]{16,}=*/g,
  /\bsk-(?:proj-|live-|test-)?[A-Za-z0-9_-]{16,}/g, // OpenAI, Stripe
  /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, // AWS access key id
  /\bgh[pousr]_[A-Za-z0-9]{30,}\b/g, // GitHub
  /\bgithub_pat_[A-Za-z0-9_]{40,}/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/g, // Slack
  /\bAIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g, // Google API key
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, // JWT
  /\bvk1\.a\.[A-Za-z0-9_-]{20,}/g, // VK access token
  /\by0_[A-Za-z0-9_-]{20,}/g, // Yandex OAuth
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/g,
];
/** A long hexadecimal string: API keys, session ids, hashes (24+ characters). */
const LONG_HEX = /(?<![\p{L}\p{N}_+/=-])[0-9a-f]{24,}(?![\p{L}\p{N}_+/=-])/giu;
/** A long base64 or base64url string (24+ characters). */
const LONG_BASE64 = /(?<![\p{L}\p{N}_+/=-])[A-Za-z0-9+/_-]{24,}={0,2}(?![\p{L}\p{N}_+/=-])/gu;

/**
 * Passwords, tokens and keys in a reply. Links must already be blanked out: their long
 * path parts are judged by the link rules, not taken for tokens.
 */
export function findSecrets(prose: string): SecretMatch[] {
  // Each spelling once, at most MAX_FINDINGS_PER_RULE.
  const found = distinctMatches<SecretMatch>();
  const claims = createRangeClaims(prose.length);
  const add = (index: number, text: string, secret: SecretKind) => {
    if (claims.claim(index, index + text.length)) found.add({ index, text, secret });
  };

  for (const pattern of TOKEN_SHAPES)
    for (const m of prose.matchAll(pattern)) add(m.index, m[0], "token");
  for (const pattern of [ACCESS_PAIR, LOGIN_AND_PASSWORD, PASSWORD_WITH_COLON])
    for (const m of prose.matchAll(pattern))
      if (looksLikePasswordValue(m[1] ?? "")) add(m.index, trimValue(m[0]), "password");
  for (const m of prose.matchAll(PASSWORD_BARE))
    if (looksLikeBarePassword(m[1] ?? "")) add(m.index, trimValue(m[0]), "password");
  for (const m of prose.matchAll(LONG_HEX))
    if (/\d/.test(m[0]) && /[a-f]/i.test(m[0])) add(m.index, m[0], "token");
  for (const m of prose.matchAll(LONG_BASE64))
    if (/\d/.test(m[0]) && /[a-z]/.test(m[0]) && /[A-Z]/.test(m[0])) add(m.index, m[0], "token");
  return found.sorted();
}

/**
 * After "пароль:" comes either the secret or the rest of a sentence about passwords
 * ("пароль: не менее 8 символов"). A secret has Latin letters, digits or signs, not
 * Russian words, and is not a placeholder of stars.
 */
function looksLikePasswordValue(value: string): boolean {
  const bare = trimValue(value);
  if (bare.length < 4 || /\p{Script=Cyrillic}/u.test(bare)) return false;
  if (/^[*•.x_-]+$/i.test(bare)) return false;
  return /[A-Za-z0-9]/.test(bare);
}

/** Without a colon only something password-shaped counts: "пароль Qw12345!", "пароль 482913". */
function looksLikeBarePassword(value: string): boolean {
  const bare = trimValue(value);
  if (!looksLikePasswordValue(bare) || bare.length < 6) return false;
  return /\d/.test(bare) || (/[a-z]/.test(bare) && /[A-Z]/.test(bare));
}

function trimValue(text: string): string {
  return text.replace(/[.,;:!?)»"']+$/u, "");
}
