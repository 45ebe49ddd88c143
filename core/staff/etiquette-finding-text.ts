import type { Locale } from "../contacts/index.js";
import type { I18n } from "../i18n/index.js";
import type { EtiquetteFinding } from "./staff-deps.js";

/**
 * One reason the etiquette guard held a text, as the agent reads it (the staff group's
 * warning, the web console's notice): the finding's own line with the fragment it names,
 * or a generic "«fragment» (kind)" when that line is missing or cannot be formatted.
 */
export function etiquetteFindingText(
  i18n: I18n,
  locale: Locale,
  finding: EtiquetteFinding,
): string {
  if (i18n.has(locale, finding.hint)) {
    try {
      return i18n.t(locale, finding.hint, { match: finding.match });
    } catch {
      // fall through to the generic line
    }
  }
  return i18n.t(locale, "relay-etiquette-finding", { kind: finding.kind, match: finding.match });
}
