import { expect, test } from "vitest";
import { encodeAction, parseAction, type ParentAction } from "./parent-actions.js";

const samples: ParentAction[] = [
  { kind: "faq_feedback", lookupId: 123456789, helpful: true },
  { kind: "faq_feedback", lookupId: 5, helpful: false },
  { kind: "set_category", ticketId: 42, category: "booking" },
  { kind: "set_municipality", municipalityId: 7 },
  { kind: "set_municipality", municipalityId: null },
  { kind: "municipality_page", page: 2 },
  { kind: "reopen", ticketId: 9 },
  { kind: "rate", ticketId: 9, score: 5 },
  { kind: "menu", item: "tickets" },
  { kind: "faq_topic", topic: "certificate" },
  { kind: "faq_entry", entryId: 31 },
  { kind: "faq_offer", ticketId: 2_147_483_647, entryId: 2_147_483_647 },
];

test.each(samples)("round trip %o within 64 bytes", (action) => {
  const encoded = encodeAction(action);
  expect(Buffer.byteLength(encoded)).toBeLessThanOrEqual(64);
  expect(parseAction(encoded)).toEqual(action);
});

test.each([
  "",
  "x",
  "fh:abc:1",
  "fh:1:2",
  "cat:1:z",
  "rt:1:9",
  "ft:DROP TABLE",
  "mun:-1",
  "m:q",
  "constructor",
  "__proto__:1",
  "valueOf:1",
  "toString",
  "mun:2147483648",
  "ro:9007199254740993",
  "fo:1",
  "fo:1:x",
])("rejects %s", (data) => {
  expect(parseAction(data)).toBeNull();
});
