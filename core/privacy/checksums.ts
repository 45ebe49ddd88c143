/**
 * The SNILS check number: digits 1..9 weighted 9..1; a sum under 100 is the check
 * number itself, 100 and 101 give 00, larger sums are taken mod 101 first. Numbers up
 * to 001-001-998 were issued before the check existed, so they cannot be told from
 * any other number and are not treated as SNILS.
 */
export function isValidSnils(digits: string): boolean {
  if (!/^\d{11}$/.test(digits) || /^(\d)\1{10}$/.test(digits)) return false;
  const body = digits.slice(0, 9);
  if (Number(body) <= 1_001_998) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(body[i]) * (9 - i);
  const reduced = sum > 101 ? sum % 101 : sum;
  const check = reduced === 100 || reduced === 101 ? 0 : reduced;
  return check === Number(digits.slice(9));
}

/** The Luhn check every payment card number passes. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits) || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
