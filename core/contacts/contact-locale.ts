export type Locale = "ru" | "en";

export const supportedLocales: readonly Locale[] = ["ru", "en"];

/** Russian unless the messenger says the person uses English. */
export function localeFromLanguageCode(code: string | undefined): Locale {
  return code?.toLowerCase().startsWith("en") ? "en" : "ru";
}

export function asLocale(value: string | null | undefined): Locale {
  return value === "en" ? "en" : "ru";
}
