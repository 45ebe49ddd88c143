import { asLocale } from "../contacts/contact-locale.js";
import type { Contact, Tx } from "../db/index.js";
import type { Button } from "../outbound/outbound-message.js";
import type { Effects, IntakeDeps } from "./intake-deps.js";
import { encodeAction } from "./parent-actions.js";
import { sendToParent } from "./parent-channel.js";
import { responseWithin } from "./parent-due-text.js";

/** The three things the bot offers, under the greeting and on demand. */
export function mainMenu(deps: IntakeDeps, contact: Contact): Button[][] {
  const locale = asLocale(contact.locale);
  return [
    [
      {
        label: deps.i18n.t(locale, "menu-faq"),
        action: encodeAction({ kind: "menu", item: "faq" }),
      },
    ],
    [
      {
        label: deps.i18n.t(locale, "menu-write"),
        action: encodeAction({ kind: "menu", item: "write" }),
      },
    ],
    [
      {
        label: deps.i18n.t(locale, "menu-tickets"),
        action: encodeAction({ kind: "menu", item: "tickets" }),
      },
    ],
  ];
}

export async function sendWelcome(
  tx: Tx,
  deps: IntakeDeps,
  effects: Effects,
  contact: Contact,
): Promise<void> {
  const locale = asLocale(contact.locale);
  await sendToParent(tx, effects, contact, {
    type: "text",
    text: deps.i18n.t(locale, "welcome", { within: responseWithin(deps, locale) }),
    buttons: mainMenu(deps, contact),
  });
}

export async function sendWritePrompt(
  tx: Tx,
  deps: IntakeDeps,
  effects: Effects,
  contact: Contact,
): Promise<void> {
  await sendToParent(tx, effects, contact, {
    type: "text",
    text: deps.i18n.t(asLocale(contact.locale), "write-prompt"),
  });
}

/** Common questions by topic: first the topics, then the questions of one topic. */
export async function sendFaqTopics(
  tx: Tx,
  deps: IntakeDeps,
  effects: Effects,
  contact: Contact,
): Promise<void> {
  const locale = asLocale(contact.locale);
  const buttons = deps.faq.topics(locale).map(({ topic }) => [
    {
      label: topicLabel(deps, locale, topic),
      action: encodeAction({ kind: "faq_topic", topic }),
    },
  ]);
  const text = deps.i18n.t(locale, buttons.length > 0 ? "faq-topics" : "faq-empty");
  await sendToParent(tx, effects, contact, {
    type: "text",
    text,
    buttons: buttons.length > 0 ? buttons : undefined,
  });
}

export async function sendFaqTopic(
  tx: Tx,
  deps: IntakeDeps,
  effects: Effects,
  contact: Contact,
  topic: string,
): Promise<void> {
  const locale = asLocale(contact.locale);
  const entries = deps.faq.topics(locale).find((t) => t.topic === topic)?.entries ?? [];
  const buttons = entries.slice(0, 10).map((entry) => [
    {
      label: truncate(entry.question, 60),
      action: encodeAction({ kind: "faq_entry", entryId: entry.id }),
    },
  ]);
  const text = deps.i18n.t(locale, "faq-topic-questions", {
    topic: topicLabel(deps, locale, topic),
  });
  await sendToParent(tx, effects, contact, {
    type: "text",
    text,
    buttons: buttons.length > 0 ? buttons : undefined,
  });
}

function topicLabel(deps: IntakeDeps, locale: "ru" | "en", topic: string): string {
  const key = `faq-topic-${topic}`;
  return deps.i18n.has(locale, key) ? deps.i18n.t(locale, key) : topic;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
