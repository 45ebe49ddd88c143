import { asLocale } from "../../contacts/contact-locale.js";
import { matchMunicipality, mayNameMunicipality } from "../../contacts/find-municipality.js";
import { noteSettled } from "../../inbox/index.js";
import { poolOf } from "../../db/index.js";
import type { ParsedInboundMessage } from "../../tickets/inbound-message.js";
import { decide, smallTalkKeyOf, smallTalkReply } from "../answer-from-faq.js";
import { faqAnswerMessage } from "../faq-answer-message.js";
import type { IntakeDeps } from "../intake-deps.js";
import { answerOnHotPath } from "./hot-faq.js";
import type { HotContext, HotResult } from "./hot-context.js";
import { appendOnHotPath } from "./hot-followup.js";
import { reopenOnHotPath } from "./hot-reopen.js";
import { answerSecondOnHotPath } from "./hot-second-question.js";
import { openTicketOnHotPath } from "./hot-ticket.js";
import { readParent, type ParentState } from "./read-parent.js";
import { awaitsMunicipality } from "../municipality-prompt.js";
import { classifySecondQuestion } from "../second-question.js";

/**
 * The common cases of a parent's text message with few round trips to PostgreSQL (the
 * claim marks the update's inbox row done in the same statement): an FAQ
 * answer or small talk, a follow-up on the open ticket, an FAQ question asked while a
 * ticket is open, a new ticket and the reopen of a ticket solved recently take 2
 * statements each: the read, then ONE autocommit write, so no lock is held across a round
 * trip to Node. Each write statement carries the dedupe claim and a guard on what the
 * read saw, so a redelivery acts once and a race falls through. Returns undefined for everything else (attachments, albums, a possible
 * municipality answer, a question of another line, a lost guard): the caller runs the general path, which
 * claims the update itself.
 */
export async function receiveOnHotPath(
  deps: IntakeDeps,
  message: ParsedInboundMessage,
): Promise<HotResult | undefined> {
  const pool = poolOf(deps.db);
  if (!pool || message.attachments.length > 0 || message.mediaGroupId || message.text.trim() === "")
    return undefined;
  const now = deps.clock.now();
  const state = await readParent(pool, message, now, deps.settings.reopenWindowHours);
  if (answersMunicipalityQuestion(state, message.text, now)) return undefined;
  const ctx = { message, eventKeys: [...new Set(message.eventKeys)], state };
  let result: HotResult | "moved" | undefined;
  try {
    result = await writeOnHotPath(deps, pool, ctx);
  } catch (error) {
    // Another update carrying the same message committed first (its claim holds the
    // message's key): the general path's claim sees it and calls this a duplicate.
    if (lostOtherKeyRace(error)) return undefined;
    throw error;
  }
  if (result === undefined || result === "moved") return undefined;
  // Committed with the claim: the update's inbox row is done already.
  if (result.outcome !== "duplicate") noteSettled(message.channel, ctx.eventKeys);
  return result;
}

/**
 * A typed municipality name shortly after the question is the answer: the general path
 * sets it. Any other text is a message like any other (as the general path treats it).
 */
function answersMunicipalityQuestion(state: ParentState, text: string, now: Date): boolean {
  if (!awaitsMunicipality(state.contact, now) || !mayNameMunicipality(text)) return false;
  // Read outside the window by the statement (its edge): the general path decides.
  if (!state.municipalityNames) return true;
  return matchMunicipality(state.municipalityNames, text) !== null;
}

function lostOtherKeyRace(error: unknown): boolean {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  return e?.code === "23505" && e.constraint === "Inbox_other_key";
}

async function writeOnHotPath(
  deps: IntakeDeps,
  pool: NonNullable<ReturnType<typeof poolOf>>,
  ctx: HotContext,
): Promise<HotResult | "moved" | undefined> {
  const { message, state } = ctx;
  const lease = deps.leaseOutbox?.bind(deps);
  if (state.openTicket) {
    const locale = asLocale(state.contact.locale);
    const second = classifySecondQuestion(deps.faq, message, state.openTicket.category, locale);
    if (second.kind === "faq") return answerSecondOnHotPath(pool, deps, ctx, second);
    // A question of another line opens or joins a ticket there: the general path.
    if (second.kind !== "follow_up") return undefined;
    return appendOnHotPath(pool, deps, ctx);
  } else {
    const locale = asLocale(state.contact.locale);
    const suggestion = deps.faq.suggest(message.text, locale);
    const outcome = decide(suggestion);
    const smallTalkKey = smallTalkKeyOf(suggestion);
    if (outcome === "answered" && suggestion.entry) {
      const reply = faqAnswerMessage(deps, locale, state.ids.lookup, suggestion.entry.answer);
      return answerOnHotPath(pool, ctx, suggestion, "answered", reply, lease);
    } else if (outcome === "small_talk" && smallTalkKey) {
      const reply = smallTalkReply(deps, locale, smallTalkKey);
      return answerOnHotPath(pool, ctx, suggestion, "small_talk", reply, lease);
    } else if (state.recentlyResolved) {
      return reopenOnHotPath(pool, deps, ctx, suggestion);
    } else {
      return openTicketOnHotPath(pool, deps, ctx, suggestion);
    }
  }
}
