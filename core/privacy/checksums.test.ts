import { describe, expect, test } from "vitest";
import { isValidSnils, passesLuhn } from "./checksums.js";

describe("SNILS check number", () => {
  test.each(["11223344595", "12345678964", "98765432183", "56123456776"])("valid %s", (snils) => {
    expect(isValidSnils(snils)).toBe(true);
  });

  test.each([
    ["a wrong check number", "12345678900"],
    ["too short", "1234567896"],
    ["letters", "1234567896a"],
    ["all the same digit", "11111111111"],
    ["issued before the check existed", "00100199800"],
  ])("%s", (_name, snils) => {
    expect(isValidSnils(snils)).toBe(false);
  });

  test.each([
    ["a sum under 100 is the check number", "12345678964"],
    ["a sum of exactly 100 gives 00", "92000000300"],
    ["a sum of 101 gives 00", "92000000400"],
    ["a larger sum is reduced mod 101", "99999999901"],
    ["a reduced sum of 100 gives 00 too", "99600000600"],
  ])("%s", (_name, snils) => {
    expect(isValidSnils(snils)).toBe(true);
  });
});

describe("Luhn", () => {
  test.each(["4276380012345679", "2200701234567896", "5536911234567899", "79927398713"])(
    "valid %s",
    (digits) => {
      expect(passesLuhn(digits)).toBe(true);
    },
  );

  test.each(["4276380012345678", "0000000000000000", "12ab"])("invalid %s", (digits) => {
    expect(passesLuhn(digits)).toBe(false);
  });
});
