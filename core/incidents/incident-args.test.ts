import { expect, test } from "vitest";
import { parseIncidentArgs } from "./incident-args.js";

test("no arguments show the open incidents", () => {
  expect(parseIncidentArgs("  ")).toEqual({ kind: "show" });
});

test("a notice opens an incident for every line; a leading line name narrows it", () => {
  expect(parseIncidentArgs("Запись временно не работает")).toEqual({
    kind: "open",
    line: null,
    notice: "Запись временно не работает",
  });
  expect(parseIncidentArgs("booking Запись временно не работает")).toEqual({
    kind: "open",
    line: "booking",
    notice: "Запись временно не работает",
  });
  // A line name alone is a notice, not an empty one.
  expect(parseIncidentArgs("site")).toEqual({ kind: "open", line: null, notice: "site" });
});

test("resolve takes the text, and a number written as №N or #N", () => {
  expect(parseIncidentArgs("resolve Всё работает")).toEqual({
    kind: "resolve",
    text: "Всё работает",
  });
  expect(parseIncidentArgs("resolve №3 Всё работает")).toEqual({
    kind: "resolve",
    incidentId: 3,
    text: "Всё работает",
  });
  expect(parseIncidentArgs("resolve 2 часа не работало, теперь работает")).toEqual({
    kind: "resolve",
    text: "2 часа не работало, теперь работает",
  });
  expect(parseIncidentArgs("resolve")).toEqual({ kind: "resolve", text: "" });
});
