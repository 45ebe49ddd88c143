/**
 * Every failure core reports on purpose. Adapters map the code to a text or an HTTP
 * status; the message is for logs and operators and says what to do.
 */
export type CoreErrorCode =
  | "ILLEGAL_TRANSITION"
  | "TICKET_NOT_FOUND"
  | "REOPEN_WINDOW_PASSED"
  | "NOT_STAFF"
  | "INVALID_INPUT"
  | "CONTACT_NOT_FOUND"
  | "FAQ_ENTRY_NOT_FOUND"
  | "NOT_SUPERVISOR"
  | "NO_RUNNING_DEADLINE"
  | "DEADLINE_USAGE"
  | "DEADLINE_IN_PAST"
  | "LINE_USAGE"
  | "LINE_SAME"
  | "LINE_HAS_OPEN_TICKET";

export class CoreError extends Error {
  constructor(
    readonly code: CoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "CoreError";
  }
}

export function isCoreError(error: unknown, code?: CoreErrorCode): error is CoreError {
  return error instanceof CoreError && (code === undefined || error.code === code);
}
