import type { Detection } from "./personal-data.js";

/**
 * A birth certificate's series and number: a Roman numeral (Latin letters, or the
 * Cyrillic look-alikes people type: І, Х, С, М), a dash, two Cyrillic letters and six
 * digits, with or without "№": "IV-АИ 123456", "II-МЮ № 654321", "ІІІ-ВГ №123456".
 * Every quantifier is bounded, so the scan stays linear in the text.
 */
const BIRTH_CERTIFICATE =
  /(?<![\p{L}\p{N}])([IVXLCІХСМ]{1,7})\s{0,2}[-–—]\s{0,2}([А-ЯЁ]{2})\s{0,2}(?:№\s{0,2})?(\d{6})(?!\p{N})/giu;

/** Birth certificate numbers; the hint keeps the last three digits, as for passports. */
export function findBirthCertificates(text: string): Detection[] {
  return [...text.matchAll(BIRTH_CERTIFICATE)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    kind: "birth_certificate",
    mask: `**-** ***${(m[3] ?? "").slice(-3)}`,
  }));
}
