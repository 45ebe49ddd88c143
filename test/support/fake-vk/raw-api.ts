import type { FakeVk } from "./fake-vk.js";

/**
 * Calls the fake as a bare HTTP client would (POST, form-encoded), bypassing vk-io and
 * its retries: for asserting exact wire shapes. Resolves with the parsed JSON body.
 */
export async function callVkApi(
  fake: Pick<FakeVk, "apiBaseUrl" | "token" | "apiVersion">,
  method: string,
  params: Record<string, string | number> = {},
  options: { token?: string } = {},
): Promise<unknown> {
  const body = new URLSearchParams({
    access_token: options.token ?? fake.token,
    v: fake.apiVersion,
    ...Object.fromEntries(Object.entries(params).map(([key, value]) => [key, String(value)])),
  });
  const response = await fetch(`${fake.apiBaseUrl}/${method}`, { method: "POST", body });
  return response.json();
}
