export { CoreError, isCoreError, type CoreErrorCode } from "./core-error.js";
export { systemClock, manualClock, MINUTE, HOUR, type Clock } from "./clock.js";
export { isTransientFailure } from "./transient-failure.js";
export { storable } from "./storable.js";
export { packageFile } from "./package-file.js";
