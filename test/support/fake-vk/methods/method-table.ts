import type { VkParams } from "../types.js";
import type { FakeVkWorld } from "../world.js";

/**
 * One API method: returns the `response` value or throws VkApiError. Handlers are
 * synchronous on purpose: a call runs atomically, like one VK request.
 */
export type MethodHandler = (world: FakeVkWorld, params: VkParams) => unknown;

/** Method name ("messages.send") to handler. */
export type MethodTable = Readonly<Record<string, MethodHandler>>;
