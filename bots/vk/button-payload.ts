import { z } from "zod";

/**
 * What a VK button carries: core's action string under `a`. VK wants the payload to be
 * JSON (at most 255 characters); it comes back as a string in message_new (text buttons)
 * and as parsed JSON in message_event (callback buttons).
 */
const actionPayloadSchema = z.object({ a: z.string().min(1).max(64) });

/** VK's own "Начать" button on a first visit sends this payload. */
const startPayloadSchema = z.object({ command: z.literal("start") });

export function encodeButtonPayload(action: string): string {
  return JSON.stringify({ a: action });
}

/** The action string of a button press, or undefined for anything else. */
export function actionOfPayload(payload: unknown): string | undefined {
  const parsed = actionPayloadSchema.safeParse(payload);
  return parsed.success ? parsed.data.a : undefined;
}

export function isStartPayload(payload: unknown): boolean {
  return startPayloadSchema.safeParse(payload).success;
}
