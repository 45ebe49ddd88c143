import { APIError, UploadError } from "vk-io";
import { describe, expect, test } from "vitest";
import { DeliveryError } from "../../core/outbound/index.js";
import { classifyVkError } from "./classify-vk-error.js";

const apiError = (code: number) =>
  new APIError({ error_code: code, error_msg: `error ${code}`, request_params: [] });

describe("VK failures as outbox decisions", () => {
  test.each([
    [900, "RECIPIENT_BLOCKED"],
    [901, "RECIPIENT_BLOCKED"],
    [902, "RECIPIENT_BLOCKED"],
    [113, "CHAT_NOT_FOUND"],
    [917, "CHAT_NOT_FOUND"],
    [1, "AMBIGUOUS"],
    [10, "AMBIGUOUS"],
    [100, "REJECTED"],
    [911, "REJECTED"],
    [914, "REJECTED"],
  ])("API error %i → %s", (code, expected) => {
    expect(classifyVkError(apiError(code)).code).toBe(expected);
  });

  test.each([
    [6, 2_000],
    [9, 30_000],
    [14, 60_000],
    [29, 600_000],
  ])("rate error %i waits %i ms", (code, delay) => {
    const error = classifyVkError(apiError(code));
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.retryAfterMs).toBe(delay);
  });

  test("a refused connection was never sent; a timeout or reset may have been", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    expect(classifyVkError(refused).code).toBe("TRANSIENT");
    const aborted = Object.assign(new Error("The operation was aborted."), { name: "AbortError" });
    expect(classifyVkError(aborted).code).toBe("AMBIGUOUS");
    const reset = new Error("socket hang up", { cause: { code: "ECONNRESET" } });
    expect(classifyVkError(reset).code).toBe("AMBIGUOUS");
  });

  test("upload refusals are final; DeliveryErrors pass through", () => {
    const upload = new UploadError({ code: "NO_FILES_TO_UPLOAD", message: "No files to upload" });
    expect(classifyVkError(upload).code).toBe("REJECTED");
    const own = new DeliveryError("TRANSIENT", "download failed");
    expect(classifyVkError(own)).toBe(own);
  });
});
