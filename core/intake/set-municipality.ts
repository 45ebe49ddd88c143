import { asLocale } from "../contacts/contact-locale.js";
import type { Contact, Municipality, Tx } from "../db/index.js";
import { openStatuses } from "../tickets/ticket-state.js";
import type { Effects, IntakeDeps } from "./intake-deps.js";
import { sendToParent } from "./parent-channel.js";
import { notifyStaff } from "./staff-feed.js";

/**
 * Stores the parent's municipality (or that they skipped the question), puts it on their
 * open tickets, and offers the municipality's own support phone as another channel.
 */
export async function confirmMunicipality(
  tx: Tx,
  deps: IntakeDeps,
  effects: Effects,
  contact: Contact,
  municipality: Municipality | null,
): Promise<void> {
  const locale = asLocale(contact.locale);
  if (!municipality) {
    await tx.contact.update({
      where: { id: contact.id },
      data: { municipalityAskedAt: contact.municipalityAskedAt ?? deps.clock.now() },
    });
    await sendToParent(tx, effects, contact, {
      type: "text",
      text: deps.i18n.t(locale, "municipality-skipped"),
    });
    return;
  }
  await tx.contact.update({ where: { id: contact.id }, data: { municipalityId: municipality.id } });
  const open = await tx.ticket.findMany({
    where: { contactId: contact.id, status: { in: [...openStatuses] }, municipalityId: null },
    select: { id: true },
  });
  for (const { id } of open) {
    await tx.ticket.update({ where: { id }, data: { municipalityId: municipality.id } });
    await notifyStaff(tx, effects, deps.settings, { op: "sync_topic", ticketId: id });
  }
  const lines = [deps.i18n.t(locale, "municipality-set", { name: municipality.name })];
  if (municipality.phone)
    lines.push(deps.i18n.t(locale, "municipality-phone", { phone: municipality.phone }));
  await sendToParent(tx, effects, contact, { type: "text", text: lines.join("\n") });
}
