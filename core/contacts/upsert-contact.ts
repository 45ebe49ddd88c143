import type { Contact, Tx } from "../db/index.js";
import { localeFromLanguageCode } from "./contact-locale.js";

export interface ContactProfile {
  channel: "telegram" | "vk";
  externalId: string;
  displayName: string;
  username?: string;
  languageCode?: string;
}

/**
 * Creates or refreshes the contact and locks its row until the transaction ends, so all
 * messages of one parent are handled one after another, even when they arrive at once.
 * A parent who writes or taps a button can hear us again, so a "blocked" mark is lifted.
 */
export async function upsertContact(tx: Tx, profile: ContactProfile): Promise<Contact> {
  const rows = await tx.$queryRaw<Contact[]>`
    INSERT INTO "Contact" ("channel", "externalId", "displayName", "username", "locale", "updatedAt")
    VALUES (${profile.channel}::"Channel", ${profile.externalId}, ${profile.displayName.slice(0, 200)},
            ${profile.username ?? null}, ${localeFromLanguageCode(profile.languageCode)}, now())
    ON CONFLICT ("channel", "externalId") DO UPDATE
      SET "displayName" = EXCLUDED."displayName",
          "username" = EXCLUDED."username",
          "blockedAt" = NULL,
          "blockedReason" = NULL,
          "updatedAt" = now()
    RETURNING *`;
  const contact = rows[0];
  if (!contact)
    throw new Error(`Contact upsert returned no row for ${profile.channel}:${profile.externalId}`);
  return contact;
}
