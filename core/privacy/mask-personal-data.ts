import { createRangeClaims } from "../shared/range-claims.js";
import { findAreaCodePhones } from "./find-area-code-phones.js";
import { findBirthCertificates } from "./find-birth-certificates.js";
import { findCards } from "./find-cards.js";
import { findEmails } from "./find-emails.js";
import { findPassports } from "./find-passports.js";
import { findPhones } from "./find-phones.js";
import { findSnils } from "./find-snils.js";
import type { Detection, MaskedText } from "./personal-data.js";

/**
 * Links are not personal data and their digits are ids: a program page
 * "р66.навигатор.дети/program/9123456789" keeps its number. A scheme is at most 16
 * characters and a host starts after no letter, digit or sign of a host, so no position
 * of a long "a.a.a…" or "a-a-a…" run starts a scan of the rest of it.
 */
const LINK =
  /(?:(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,15}:\/\/|www\.)[^\s<>"«»]+|(?<![\p{L}\p{N}@.-])(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}\/[^\s<>"«»]*/giu;

/** Most specific first: a hit claims its characters, later detectors skip them. */
const DETECTORS = [
  findEmails,
  findSnils,
  findCards,
  findPhones,
  findAreaCodePhones,
  findPassports,
  findBirthCertificates,
] as const;

/**
 * Masks personal data in a parent's message for the staff card: phone numbers, e-mails,
 * SNILS, passport series and number, payment cards. Each is replaced by a hint of the
 * same shape ("+7 (912) ***-**-89", "i***@mail.ru", "***-***-*** 45") so agents know
 * what the parent sent without seeing it. Dates, times, years, prices, ticket and
 * certificate numbers stay. Pure: no I/O, no state.
 */
export function maskPersonalData(text: string): MaskedText {
  // Overlap tests cost a hit's length, not the number of hits so far.
  const claims = createRangeClaims(text.length);
  for (const m of text.matchAll(LINK)) claims.claim(m.index, m.index + m[0].length);
  const accepted: Detection[] = [];
  for (const detect of DETECTORS) {
    for (const hit of detect(text)) if (claims.claim(hit.start, hit.end)) accepted.push(hit);
  }
  accepted.sort((a, b) => a.start - b.start);

  let masked = "";
  let from = 0;
  for (const hit of accepted) {
    masked += text.slice(from, hit.start) + hit.mask;
    from = hit.end;
  }
  masked += text.slice(from);
  return {
    masked,
    found: accepted.map((hit) => ({ kind: hit.kind, value: text.slice(hit.start, hit.end) })),
  };
}

/** Whether a message holds any personal data `maskPersonalData` would mask. */
export function hasPersonalData(text: string): boolean {
  return maskPersonalData(text).found.length > 0;
}
