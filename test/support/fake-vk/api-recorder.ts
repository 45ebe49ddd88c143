import type { ApiCallRecord, VkErrorBody, VkParams } from "./types.js";

/** Every API call in arrival order, so tests can assert what the bot asked VK. */
export class ApiRecorder {
  readonly calls: ApiCallRecord[] = [];

  record(entry: {
    method: string;
    params: VkParams;
    response?: unknown;
    error?: VkErrorBody;
    injected: boolean;
    abandoned: boolean;
    at: number;
  }): ApiCallRecord {
    const params = Object.fromEntries(
      Object.entries(entry.params).filter(([key]) => key !== "access_token"),
    );
    const record: ApiCallRecord = { ...entry, params, seq: this.calls.length + 1 };
    this.calls.push(record);
    return record;
  }

  callsTo(method: string): ApiCallRecord[] {
    return this.calls.filter((call) => call.method === method);
  }
}
