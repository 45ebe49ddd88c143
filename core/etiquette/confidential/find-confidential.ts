import type { EtiquetteHintKey, HintedMatch } from "../etiquette-verdict.js";
import { distinctMatches } from "../text/distinct-matches.js";
import type { FoundLink } from "../text/find-links.js";
import { isInternalLink } from "./classify-link.js";
import { findSecrets } from "./find-secrets.js";

/** Query parameters that carry credentials even in a link to a public site. */
const SECRET_QUERY_KEYS = new Set([
  "password",
  "passwd",
  "pwd",
  "pass",
  "token",
  "access_token",
  "refresh_token",
  "api_key",
  "apikey",
  "key",
  "secret",
  "client_secret",
  "auth",
  "session",
  "sessionid",
  "sid",
]);
const PASSWORD_KEYS = new Set(["password", "passwd", "pwd", "pass"]);

/**
 * Obvious confidential data: internal links, passwords, tokens and keys. The parent's own
 * data (phone, SNILS, certificate number) and public portal links are not confidential.
 */
export function findConfidential(
  links: readonly FoundLink[],
  prose: string,
  internalDomains: readonly string[],
): HintedMatch[] {
  // Each link once, at most MAX_FINDINGS_PER_RULE (findSecrets keeps its own limit).
  const linked = distinctMatches<HintedMatch>();
  for (const link of links) {
    if (linked.full) break;
    if (linked.has(link.text)) continue;
    const hint = linkHint(link, internalDomains);
    if (hint) linked.add({ index: link.start, text: link.text, hint });
  }
  const found = linked.sorted();
  for (const secret of findSecrets(prose)) {
    found.push({
      index: secret.index,
      text: secret.text,
      hint:
        secret.secret === "password"
          ? "etiquette-confidential-password"
          : "etiquette-confidential-token",
    });
  }
  return found.sort((a, b) => a.index - b.index);
}

function linkHint(
  link: FoundLink,
  internalDomains: readonly string[],
): EtiquetteHintKey | undefined {
  if (link.hasPassword) return "etiquette-confidential-password";
  const secretKey = link.queryKeys.find((key) => SECRET_QUERY_KEYS.has(key));
  if (secretKey !== undefined)
    return PASSWORD_KEYS.has(secretKey)
      ? "etiquette-confidential-password"
      : "etiquette-confidential-token";
  return isInternalLink(link, internalDomains) ? "etiquette-confidential-link" : undefined;
}
