import { describe, expect, test } from "vitest";
import { encodeButton, parseButton, type RelayButton } from "./callback-data.js";

describe("relay buttons", () => {
  const buttons: RelayButton[] = [
    { kind: "take", ticketId: 12 },
    { kind: "resolve", ticketId: 3 },
    { kind: "hold", ticketId: 99_999 },
    { kind: "reopen", ticketId: 7 },
    { kind: "reveal", ticketId: 1 },
    { kind: "send_anyway", draftId: 501 },
    { kind: "edit_draft", draftId: 501 },
    { kind: "reveal_message", messageId: 123_456 },
  ];

  test.each(buttons)("%o survives a round trip within 64 bytes", (button) => {
    const data = encodeButton(button);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(parseButton(data)).toEqual(button);
  });

  test.each(["", "tk", "tk:", "tk:0", "tk:-1", "tk:1:2", "zz:5", "rt:1:5", "tk:1e3", "TK:1"])(
    "%s is not a relay button",
    (data) => {
      expect(parseButton(data)).toBeNull();
    },
  );
});
