import { VkApiError, errorBody } from "./api-error.js";
import { METHODS } from "./methods/index.js";
import type { Sleeper } from "./sleeper.js";
import type { VkErrorBody, VkParams } from "./types.js";
import type { FakeVkWorld } from "./world.js";

/** The JSON body of an API answer, exactly as VK sends it (always HTTP 200). */
export type ApiBody = { response: unknown } | { error: VkErrorBody };

/** Errors VK raises before looking at the method: token, version, method name. */
function preflight(world: FakeVkWorld, method: string, params: VkParams): VkApiError | undefined {
  if (params.access_token !== world.settings.token) return new VkApiError(5);
  if (params.v === undefined || params.v === "") return new VkApiError(8);
  if (METHODS[method] === undefined) return new VkApiError(3);
  return undefined;
}

function run(world: FakeVkWorld, method: string, params: VkParams): ApiBody {
  try {
    return { response: METHODS[method]?.(world, params) };
  } catch (error) {
    if (error instanceof VkApiError) return { error: errorBody(error, method, params) };
    throw error;
  }
}

function record(
  world: FakeVkWorld,
  method: string,
  params: VkParams,
  body: ApiBody | undefined,
  injected: boolean,
): void {
  const abandoned = body === undefined;
  world.recorder.record({ method, params, ...body, injected, abandoned, at: Date.now() });
}

/**
 * Answers one API call: preflight checks, then injected faults (an injected error
 * never runs the method), then the method itself. A delay is served before the call
 * runs (a client that gave up meanwhile leaves it unexecuted), or after it ran when
 * the fault says so (the client times out although VK executed it: the ambiguous send).
 */
export async function dispatchApiCall(
  world: FakeVkWorld,
  sleeper: Sleeper,
  call: { method: string; params: VkParams; clientGone: () => boolean },
): Promise<ApiBody> {
  const { method, params } = call;
  const refused = preflight(world, method, params);
  if (refused !== undefined) {
    const body = { error: errorBody(refused, method, params) };
    record(world, method, params, body, false);
    return body;
  }
  const fault = world.faults.decide(method);
  if (!fault.executeFirst) await sleeper.sleep(fault.delayMs);
  if (call.clientGone()) {
    record(world, method, params, undefined, true);
    return { error: errorBody(new VkApiError(10), method, params) };
  }
  const injected = fault.errorCode !== undefined;
  const body = injected
    ? { error: errorBody(new VkApiError(fault.errorCode ?? 1), method, params) }
    : run(world, method, params);
  record(world, method, params, body, injected);
  if (fault.executeFirst) await sleeper.sleep(fault.delayMs);
  return body;
}
