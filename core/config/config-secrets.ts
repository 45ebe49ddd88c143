import type { Config } from "./load-config.js";

/** The password of a URL such as postgresql://user:password@host/db, if it has one. */
function urlPassword(value: string): string | undefined {
  try {
    const password = new URL(value).password;
    return password ? decodeURIComponent(password) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Every secret the configuration holds (bot tokens, webhook and callback secrets, the
 * passwords in DATABASE_URL and REDIS_URL): the logger replaces them wherever they
 * appear, even where they do not look like a token.
 */
export function configSecrets(config: Config): string[] {
  const values = [
    config.telegram?.token,
    config.telegram?.webhook?.secret,
    config.relay?.token,
    config.vk?.token,
    config.vk?.callback?.secret,
    urlPassword(config.databaseUrl),
    urlPassword(config.redisUrl),
  ];
  return values.filter((v): v is string => typeof v === "string" && v !== "");
}
