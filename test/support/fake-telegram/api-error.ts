import type { ResponseParameters } from "grammy/types";

/** The body of a failed Bot API call, exactly as Telegram sends it. */
export interface ApiErrorBody {
  ok: false;
  error_code: number;
  description: string;
  parameters?: ResponseParameters;
}

/** The body of a successful Bot API call; `description` appears on a few methods (setWebhook). */
export interface ApiOkBody {
  ok: true;
  result: unknown;
  description?: string;
}

export type ApiBody = ApiOkBody | ApiErrorBody;

/**
 * A Bot API failure thrown by a method handler. The dispatcher turns it into the HTTP status
 * and `{ ok: false, error_code, description, parameters }` body that real Telegram sends.
 */
export class ApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
    this.name = "ApiError";
  }

  toBody(): ApiErrorBody {
    const body: ApiErrorBody = {
      ok: false,
      error_code: this.errorCode,
      description: this.description,
    };
    if (this.parameters) body.parameters = this.parameters;
    return body;
  }
}

/** 400 "Bad Request: <reason>". */
export function badRequest(reason: string): ApiError {
  return new ApiError(400, `Bad Request: ${reason}`);
}

/** 403 "Forbidden: <reason>". */
export function forbidden(reason: string): ApiError {
  return new ApiError(403, `Forbidden: ${reason}`);
}

/** 409 "Conflict: <reason>". */
export function conflict(reason: string): ApiError {
  return new ApiError(409, `Conflict: ${reason}`);
}

/** 429 with `parameters.retry_after`, worded as the Bot API words it. */
export function tooManyRequests(retryAfterSeconds: number): ApiError {
  return new ApiError(429, `Too Many Requests: retry after ${retryAfterSeconds}`, {
    retry_after: retryAfterSeconds,
  });
}

/** The standard description for a status code, used for injected 5xx faults. */
export function defaultDescription(errorCode: number): string {
  switch (errorCode) {
    case 401:
      return "Unauthorized";
    case 404:
      return "Not Found";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return `Error ${errorCode}`;
  }
}
