import { MINUTE } from "../shared/index.js";
import type { Locale } from "../contacts/contact-locale.js";
import type { Tx } from "../db/index.js";
import type { I18n } from "../i18n/index.js";
import type { Button, ParentOutbound } from "../outbound/outbound-message.js";
import { encodeAction } from "./parent-actions.js";

/** How long after asking a typed municipality name is taken as the answer. */
export const MUNICIPALITY_ANSWER_WINDOW = 30 * MINUTE;

/** Whether a text from this contact now may be the answer to the municipality question. */
export function awaitsMunicipality(
  contact: { municipalityId: number | null; municipalityAskedAt: Date | null },
  now: Date,
): boolean {
  const askedAt = contact.municipalityAskedAt?.getTime();
  return (
    !contact.municipalityId &&
    askedAt !== undefined &&
    now.getTime() - askedAt <= MUNICIPALITY_ANSWER_WINDOW
  );
}

export const MUNICIPALITIES_PER_PAGE = 6;

/**
 * The municipality question: a page of names as buttons (two per row), "more" when there
 * are further pages, and "skip". The parent may also type the name instead of tapping.
 * Returns null when no municipality is configured at all.
 */
export async function municipalityPrompt(
  tx: Tx,
  i18n: I18n,
  locale: Locale,
  page: number,
): Promise<ParentOutbound | null> {
  const total = await tx.municipality.count();
  if (total === 0) return null;
  const rows = await tx.municipality.findMany({
    orderBy: { name: "asc" },
    skip: page * MUNICIPALITIES_PER_PAGE,
    take: MUNICIPALITIES_PER_PAGE,
  });
  return municipalityPromptFrom(i18n, locale, page, total, rows);
}

/** The prompt from a page of municipalities already read (the hot path reads it with the contact). */
export function municipalityPromptFrom(
  i18n: I18n,
  locale: Locale,
  page: number,
  total: number,
  rows: readonly { id: number; name: string }[],
): ParentOutbound | null {
  if (total === 0) return null;
  const buttons: Button[][] = [];
  for (let i = 0; i < rows.length; i += 2) {
    buttons.push(
      rows.slice(i, i + 2).map((m) => ({
        label: m.name,
        action: encodeAction({ kind: "set_municipality", municipalityId: m.id }),
      })),
    );
  }
  const hasMore = (page + 1) * MUNICIPALITIES_PER_PAGE < total;
  const nextPage = hasMore ? page + 1 : 0;
  buttons.push([
    ...(total > MUNICIPALITIES_PER_PAGE
      ? [
          {
            label: i18n.t(locale, "municipality-more"),
            action: encodeAction({ kind: "municipality_page", page: nextPage }),
          },
        ]
      : []),
    {
      label: i18n.t(locale, "municipality-skip"),
      action: encodeAction({ kind: "set_municipality", municipalityId: null }),
    },
  ]);
  return { type: "text", text: i18n.t(locale, "municipality-ask"), buttons };
}
