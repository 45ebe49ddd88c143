/** Every queue of the service, in one place. */
export const queueNames = {
  outboxTelegram: "outbox-telegram",
  outboxVk: "outbox-vk",
  outboxRelay: "outbox-relay",
  sla: "sla",
  maintenance: "maintenance",
} as const;

export type QueueName = (typeof queueNames)[keyof typeof queueNames];

export function outboxQueueName(channel: "telegram" | "vk" | "relay"): QueueName {
  return channel === "telegram"
    ? queueNames.outboxTelegram
    : channel === "vk"
      ? queueNames.outboxVk
      : queueNames.outboxRelay;
}

/** BullMQ refuses ':' in custom job ids; keys like "telegram:123" are made safe here. */
export function safeJobId(...parts: (string | number)[]): string {
  return parts.map((p) => String(p).replace(/[^A-Za-z0-9_.-]/g, "_")).join("-");
}
