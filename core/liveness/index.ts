export { createDeadLeaseReclaimer, type DeadLeaseReclaimer } from "./dead-lease-reclaimer.js";
export { isAlive } from "./dead-leases.js";
export { holdLiveness, type LivenessLock } from "./liveness-lock.js";
export { newOwnerId, tracksLiveness } from "./owner-id.js";
