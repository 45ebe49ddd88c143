export {
  loadConfig,
  loadDatabaseUrl,
  ConfigError,
  lineChatId,
  lines,
  type Config,
  type Line,
} from "./load-config.js";
export { configSecrets } from "./config-secrets.js";
export { envSchema, envObject, type Env } from "./config-schema.js";
export { parseWarningPoints, warningPointLabel, type WarningPoint } from "./warning-points.js";
