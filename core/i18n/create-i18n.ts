import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { FluentBundle, FluentNumber, FluentResource, type FluentVariable } from "@fluent/bundle";
import { type Locale, supportedLocales } from "../contacts/contact-locale.js";
import { packageFile } from "../shared/index.js";

export const defaultLocalesDir = packageFile("locales");

export type MessageArgs = Record<string, FluentVariable>;

/** Every text a parent or an agent reads comes through here, from locales/<lang>/*.ftl. */
export interface I18n {
  t(locale: Locale, key: string, args?: MessageArgs): string;
  has(locale: Locale, key: string): boolean;
  keys(locale: Locale): string[];
}

export class I18nError extends Error {
  readonly code = "I18N_INVALID";
}

/**
 * Loads the Fluent files once. A syntax error in a locale file stops the start with the
 * file name, because a broken text would otherwise reach parents as a raw key.
 */
export function createI18n(localesDir: string = defaultLocalesDir): I18n {
  const russian = loadBundle(localesDir, "ru");
  const bundles = new Map<Locale, FluentBundle>([["ru", russian]]);
  for (const locale of supportedLocales)
    if (locale !== "ru") bundles.set(locale, loadBundle(localesDir, locale));

  const bundleFor = (locale: Locale) => bundles.get(locale) ?? russian;

  return {
    t(locale, key, args) {
      const bundle = bundleFor(locale).hasMessage(key) ? bundleFor(locale) : bundleFor("ru");
      const message = bundle.getMessage(key);
      if (!message?.value) throw new I18nError(`Text "${key}" is missing from locales/${locale}.`);
      const errors: Error[] = [];
      const text = bundle.formatPattern(message.value, args ? ungrouped(args) : null, errors);
      if (errors.length > 0)
        throw new I18nError(
          `Text "${key}" (${locale}): ${errors.map((e) => e.message).join("; ")}`,
        );
      return text;
    },
    has: (locale, key) => bundleFor(locale).hasMessage(key),
    keys: (locale) => [...messageIds(bundleFor(locale))],
  };
}

function loadBundle(localesDir: string, locale: Locale): FluentBundle {
  const bundle = new FluentBundle(locale, { useIsolating: false });
  const dir = path.join(localesDir, locale);
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".ftl"))
    .sort()) {
    const resource = new FluentResource(readFileSync(path.join(dir, file), "utf8"));
    const errors = bundle.addResource(resource);
    if (errors.length > 0) {
      throw new I18nError(`locales/${locale}/${file}: ${errors.map((e) => e.message).join("; ")}`);
    }
  }
  return bundle;
}

function messageIds(bundle: FluentBundle): Iterable<string> {
  // FluentBundle keeps its messages in a Map named `_messages`; there is no public iterator.
  const messages = (bundle as unknown as { _messages: Map<string, unknown> })._messages;
  return messages.keys();
}

/**
 * Numbers are shown as written ("№1234", not the locale's "№1 234"): they are ticket
 * numbers, counts and scores, never amounts. Plural rules still see them as numbers.
 */
function ungrouped(args: MessageArgs): MessageArgs {
  const out: MessageArgs = {};
  for (const [key, value] of Object.entries(args)) {
    out[key] = typeof value === "number" ? new FluentNumber(value, { useGrouping: false }) : value;
  }
  return out;
}
