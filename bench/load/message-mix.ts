import { readFileSync } from "node:fs";
import {
  createFaqMatcher,
  parseKbYaml,
  parseQuestionsJsonl,
  type FaqMatcher,
} from "../../core/faq/index.js";
import { mulberry32 } from "../../test/support/fake-telegram/faults.js";

export type MessageKind = "faq" | "case";

/** One parent message: its text ends in " (<seq>)", so every text of a run is unique. */
export interface MixedMessage {
  kind: MessageKind;
  text: string;
}

export interface MessageMix {
  next(seq: number): MixedMessage;
  /** Sizes of the pools the mix draws from (for the report). */
  pools: { faq: number; caseTemplates: number };
}

/** The seq tag every bench message ends with; DB rows are traced back to messages by it. */
export const seqTag = (seq: number) => ` (${seq})`;
export const seqOf = (text: string): number | undefined => {
  const match = /\((\d+)\)\s*$/.exec(text);
  return match ? Number(match[1]) : undefined;
};

const repo = new URL("../../", import.meta.url);
const faqFile = new URL("locales/ru/faq.yaml", repo);
const devFile = new URL("../shared/faq-bench/dev.jsonl", repo);

/**
 * ~60% questions the FAQ answers and ~40% case-specific messages (numbers, names) the
 * matcher escalates to a ticket. Both pools are checked against the system's own matcher
 * and FAQ with a seq tag appended, so the mix is what the system will really see.
 */
export function createMessageMix(options: { seed: number; faqShare?: number }): MessageMix {
  const random = mulberry32(options.seed);
  const faqShare = options.faqShare ?? 0.6;
  const matcher = createFaqMatcher(parseKbYaml(readFileSync(faqFile, "utf8")));
  const faqPool = answerablePool(matcher);
  const templates = escalatedTemplates(matcher, random);
  if (faqPool.length === 0 || templates.length === 0)
    throw new Error("message mix: the FAQ or case pool came out empty");
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  return {
    pools: { faq: faqPool.length, caseTemplates: templates.length },
    next(seq) {
      if (random() < faqShare) return { kind: "faq", text: pick(faqPool) + seqTag(seq) };
      return { kind: "case", text: pick(templates)(random) + seqTag(seq) };
    },
  };
}

/** dev.jsonl lines with an expected entry, plus the FAQ's questions and phrasings. */
function answerablePool(matcher: FaqMatcher): string[] {
  let dev: string[] = [];
  try {
    dev = parseQuestionsJsonl(readFileSync(devFile, "utf8"))
      .filter((q) => q.expected !== null)
      .map((q) => q.text);
  } catch {
    // ../shared is optional: the shipped FAQ alone still gives ~200 questions.
  }
  const faq = parseKbYaml(readFileSync(faqFile, "utf8")).flatMap((e) => [
    e.question,
    ...(e.phrasings ?? []),
  ]);
  const probe = seqTag(48_213);
  return [...new Set([...dev, ...faq])].filter(
    (text) => matcher.match(text + probe).decision === "answer",
  );
}

type Template = (random: () => number) => string;

const surnames = ["Иванов", "Смирнова", "Кузнецов", "Попова", "Соколов", "Лебедева", "Новиков"];
const names = ["Пётр", "Анна", "Илья", "Мария", "Артём", "Софья", "Максим", "Дарья"];
const clubs = ["Робототехника", "Шахматы", "Хореография", "Юный химик", "Футбол", "Вокал"];
const statuses = ["На рассмотрении", "Ожидает подтверждения", "Подана", "В резерве"];
const months = ["сентябрь", "октябрь", "ноябрь", "декабрь", "январь"];

const int = (random: () => number, min: number, max: number) =>
  min + Math.floor(random() * (max - min + 1));
const one = <T>(random: () => number, list: readonly T[]): T =>
  list[Math.floor(random() * list.length)] as T;

/** Case-specific messages: only an agent can look into them. */
const caseTemplates: Template[] = [
  (r) =>
    `Заявка №${int(r, 10000, 99999)} висит в статусе «${one(r, statuses)}» уже ${int(r, 3, 40)} дней, ребёнок ${one(r, surnames)} ${one(r, names)}, ${int(r, 5, 17)} лет. Что происходит?`,
  (r) =>
    `Здравствуйте, по заявке ${int(r, 10000, 99999)} на кружок «${one(r, clubs)}» пришёл отказ, ребёнок ${one(r, surnames)} ${one(r, names)}, почему так?`,
  (r) =>
    `Оплатила ${int(r, 5, 60) * 100} руб. по договору №${int(r, 10000, 99999)} за ${one(r, months)}, а в кабинете висит долг. Ребёнок ${one(r, surnames)} ${one(r, names)}.`,
  (r) =>
    `Сертификат ${int(r, 1000000, 9999999)} у ребёнка ${one(r, surnames)} ${one(r, names)} заблокирован с ${int(r, 1, 28)}.${int(r, 1, 12)}, разберитесь пожалуйста.`,
  (r) =>
    `Педагог кружка «${one(r, clubs)}» в школе №${int(r, 1, 150)} не отмечает посещения, ребёнок ${one(r, surnames)} ${one(r, names)}, группа ${int(r, 1, 12)}.`,
];

/** Keeps the templates whose samples all escalate without a small-talk reply. */
function escalatedTemplates(matcher: FaqMatcher, random: () => number): Template[] {
  return caseTemplates.filter((template) =>
    Array.from({ length: 40 }, () => matcher.match(template(random) + seqTag(12_345))).every(
      (match) =>
        match.decision !== "answer" &&
        !["greeting", "thanks", "gibberish"].includes(match.outOfScope ?? ""),
    ),
  );
}
