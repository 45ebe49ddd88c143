import type { Contact, Tx } from "../db/index.js";

/** The zone deadlines are shown in: the contact's own, their municipality's, or the default. */
export async function contactTimeZone(tx: Tx, contact: Contact, fallback: string): Promise<string> {
  if (contact.timeZone) return contact.timeZone;
  if (contact.municipalityId) {
    const municipality = await tx.municipality.findUnique({
      where: { id: contact.municipalityId },
    });
    if (municipality) return municipality.timeZone;
  }
  return fallback;
}
