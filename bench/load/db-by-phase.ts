import type { DbFacts } from "./bench-db.js";
import type { ExtraSend } from "./duplicates.js";
import { seqOf } from "./message-mix.js";

/** What the database says about one phase's messages (found by the seq tag in their text). */
export interface PhaseDbFacts {
  tickets_created: number;
  /** Extra Message rows for one parent message (a redelivery stored twice). */
  duplicated_messages: number;
  /** Extra tickets opened from one parent message. */
  duplicated_tickets: number;
  /** Extra FAQ lookups (and so answers) for one parent message. */
  duplicated_faq_lookups: number;
  /** Sends the outbox cannot account for (see duplicates.ts). */
  duplicated_sends: number;
}

export function factsByPhase(
  facts: DbFacts,
  seqPhase: (seq: number) => string | undefined,
  extraSends: Array<ExtraSend & { phase: string | undefined }>,
): Map<string, PhaseDbFacts> {
  const result = new Map<string, PhaseDbFacts>();
  const of = (text: string): PhaseDbFacts | undefined => {
    const seq = seqOf(text);
    const phase = seq === undefined ? undefined : seqPhase(seq);
    return phase === undefined ? undefined : entry(result, phase);
  };
  for (const subject of facts.ticketSubjects) {
    const phase = of(subject);
    if (phase) phase.tickets_created += 1;
  }
  for (const dup of facts.duplicateMessages) {
    const phase = of(dup.text);
    if (!phase) continue;
    phase.duplicated_messages += dup.copies - 1;
    phase.duplicated_tickets += dup.tickets - 1;
  }
  for (const dup of facts.duplicateLookups) {
    const phase = of(dup.text);
    if (phase) phase.duplicated_faq_lookups += dup.copies - 1;
  }
  for (const send of extraSends) if (send.phase) entry(result, send.phase).duplicated_sends += 1;
  return result;
}

function entry(map: Map<string, PhaseDbFacts>, phase: string): PhaseDbFacts {
  let found = map.get(phase);
  if (!found) {
    found = {
      tickets_created: 0,
      duplicated_messages: 0,
      duplicated_tickets: 0,
      duplicated_faq_lookups: 0,
      duplicated_sends: 0,
    };
    map.set(phase, found);
  }
  return found;
}

export const emptyPhaseFacts: PhaseDbFacts = {
  tickets_created: 0,
  duplicated_messages: 0,
  duplicated_tickets: 0,
  duplicated_faq_lookups: 0,
  duplicated_sends: 0,
};
