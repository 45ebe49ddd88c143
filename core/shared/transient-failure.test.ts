import { describe, expect, test } from "vitest";
import { isTransientFailure } from "./transient-failure.js";

describe("isTransientFailure", () => {
  test("connection troubles of PostgreSQL, Redis and the network are transient", () => {
    expect(isTransientFailure({ code: "P1001", message: "Can't reach database server" })).toBe(
      true,
    );
    expect(
      isTransientFailure({
        code: "P2010",
        meta: { driverAdapterError: { cause: { originalCode: "57P01", kind: "postgres" } } },
      }),
    ).toBe(true);
    expect(isTransientFailure(new Error("Connection is closed."))).toBe(true);
    // Seen in the PostgreSQL-restart drill: updates were given up instead of retried.
    expect(
      isTransientFailure(
        new Error("Client has encountered a connection error and is not queryable"),
      ),
    ).toBe(true);
    expect(
      isTransientFailure(
        new Error("outer", { cause: Object.assign(new Error("x"), { code: "ECONNREFUSED" }) }),
      ),
    ).toBe(true);
  });

  test("bugs, bad input and constraint violations are not", () => {
    expect(isTransientFailure(new TypeError("cannot read properties of undefined"))).toBe(false);
    expect(isTransientFailure({ code: "P2002", message: "Unique constraint failed" })).toBe(false);
    expect(isTransientFailure({ code: "INVALID_INPUT", message: "Inbound message rejected" })).toBe(
      false,
    );
    expect(isTransientFailure(undefined)).toBe(false);
    expect(isTransientFailure("ECONNRESET")).toBe(false);
  });
});
