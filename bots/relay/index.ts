export { createRelayChannel, type RelayChannelOptions } from "./relay-channel.js";
export { safetyMarginMs } from "./relay-sender.js";
