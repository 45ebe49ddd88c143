import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  createFaqMatcher,
  evaluateMatcher,
  parseKbYaml,
  parseQuestionsJsonl,
} from "../../core/faq/index.js";

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");

describe("FAQ matcher on the benchmark", () => {
  const matcher = createFaqMatcher(parseKbYaml(read("../../../shared/faq-bench/kb.yaml")));
  const run = (questions: string) =>
    evaluateMatcher((text) => matcher.match(text), parseQuestionsJsonl(questions)).metrics;

  // The acceptance gate reads whatever set lies in untouched/ (written blind, never tuned
  // on; see untouched/README.md). Its first set was tuned on and moved to
  // tuning/untouched-1.jsonl, so until the next one lands there is nothing to measure.
  const untouchedFloors: Record<string, { correct: number; wrong: number; offered: number }> = {
    "untouched-2.jsonl": { correct: 0.69, wrong: 0.085, offered: 0.92 },
    "untouched-3.jsonl": { correct: 0.7, wrong: 0.055, offered: 0.92 },
    // Measured once when it landed (stop 25): 0.849 / 0.022 / 0.964.
    "untouched-4.jsonl": { correct: 0.8, wrong: 0.04, offered: 0.93 },
  };
  const untouched = readdirSync(new URL("./untouched/", import.meta.url))
    .filter((file) => file.endsWith(".jsonl"))
    .sort();
  if (untouched.length === 0)
    it.skip("untouched gate SKIPPED: no *.jsonl in test/faq/untouched/ yet (the set written blind after untouched-1 has not landed)", () => {});
  it.each(untouched)(
    "holds its level on the untouched set %s (never seen while tuning)",
    (file) => {
      // No-regression floors, not the targets (0.85 / 0.04 / 0.93), which the matcher
      // does not reach on unseen messages. untouched-2 (356 messages, written blind on
      // 2026-12-02 after untouched-1 went to tuning) was measured once when it landed:
      // 0.705 / 0.107 / 0.930 (the matcher before this round's tuning: 0.697 / 0.112 / 0.816);
      // after the next round (tuned on tuning/ only): 0.711 / 0.067 / 0.938. untouched-3 (406
      // messages, written blind by two writers during that round) was measured when it
      // landed: 0.727 / 0.037 / 0.941 (the matcher before the round: 0.729 / 0.054 / 0.941).
      // The floors sit a little below that for noise; a set without its own floors gets the
      // first blind set's one-shot figures (0.629 / 0.054 / 0.842) less a margin.
      const floors = untouchedFloors[file] ?? { correct: 0.6, wrong: 0.065, offered: 0.82 };
      const metrics = run(read(`./untouched/${file}`));
      expect(metrics.correct_behaviour).toBeGreaterThanOrEqual(floors.correct);
      expect(metrics.wrong_answer_rate).toBeLessThanOrEqual(floors.wrong);
      expect(metrics.right_entry_answered_or_offered).toBeGreaterThanOrEqual(floors.offered);
    },
  );

  // The tuning sets (dev.jsonl and tuning/, see tuning/README.md) were seen while tuning:
  // they are gated loosely, as regressions only, never as evidence that the matcher works.
  // Floors: correct behaviour and answered-or-offered a little below what the matcher
  // scores today (see the commit that set them), wrong answers at most 0.04 (every set
  // scores 0.027 or less since the withheld answers of wip-faq; see tuning/README.md).
  it.each([
    ["../../../shared/faq-bench/dev.jsonl", 0.82, 0.92],
    ["./tuning/holdout.jsonl", 0.97, 0.98],
    ["./tuning/holdout2.jsonl", 0.82, 0.97],
    ["./tuning/blind-a.jsonl", 0.87, 0.95],
    ["./tuning/blind-b.jsonl", 0.82, 0.95],
    ["./tuning/blind-c.jsonl", 0.67, 0.89],
    ["./tuning/untouched-1.jsonl", 0.64, 0.87],
    ["./tuning/personas-a.jsonl", 0.85, 0.95],
    ["./tuning/personas-b.jsonl", 0.85, 0.95],
    ["./tuning/personas-c.jsonl", 0.85, 0.95],
    ["./tuning/personas-d.jsonl", 0.85, 0.95],
    ["./tuning/personas-e.jsonl", 0.85, 0.95],
    ["./tuning/personas-f.jsonl", 0.85, 0.95],
  ])("does not regress on the tuning set %s", (file, floor, offeredFloor) => {
    const metrics = run(read(file));
    expect(metrics.correct_behaviour).toBeGreaterThanOrEqual(floor);
    expect(metrics.wrong_answer_rate).toBeLessThanOrEqual(0.04);
    expect(metrics.right_entry_answered_or_offered).toBeGreaterThanOrEqual(offeredFloor);
  });

  it("does not answer a request to get a thing with the entry about giving it up", () => {
    // The confident mistake that issue 15 names: "сделать сертификат" is getting one.
    const match = matcher.match(
      "подскажите а как сделать сертификат ребенку чтобы в кружок ходить бесплатно",
    );
    expect(match.best?.id).not.toBe("applications-unenroll");
  });

  it("offers both entries of two questions in one instead of answering one", () => {
    const match = matcher.match(
      "Как отменить бронь на мастер-класс? И ещё: где посмотреть остаток на сертификате?",
    );
    expect(match.decision).toBe("escalate");
    expect(match.offers?.map((offer) => offer.id)).toEqual(
      expect.arrayContaining(["booking-cancel", "certificate-check-balance"]),
    );
  });

  it("opens a complaint as a ticket with the likely entries offered", () => {
    const match = matcher.match("Безобразие! Неделю не могу восстановить пароль от кабинета");
    expect(match.outOfScope).toBe("complaint");
    expect(match.decision).toBe("escalate");
    expect(match.offers?.map((offer) => offer.id)).toContain("account-forgot-password");
  });

  it("gives an organiser writing by mistake the organisers' entry, not the parents' one", () => {
    const match = matcher.match(
      "Мы детский центр, хотим чтобы к нам ходили по сертификатам, с чего начать?",
    );
    expect(match.decision === "answer" ? match.best?.id : match.offers?.[0]?.id).toBe(
      "organizers-certified-program",
    );
  });

  it("offers an organiser the parents' entry their words match, never answers with it", () => {
    const match = matcher.match("Я руководитель кружка, как мне перенести группу на другое время?");
    expect(match.decision).toBe("escalate");
    expect(match.withheld).toBe("other_role");
  });

  it("reads an unstressed «о» written as «а» and the undoing it asks for", () => {
    // "атменить": the action is cancelling, so the entry about booking is not the answer.
    const match = matcher.match("как атменить бронь на мастер-класс");
    expect(match.best?.id).toBe("booking-cancel");
  });

  it("answers the default FAQ's own questions with the right entry", () => {
    const entries = parseKbYaml(read("../../locales/ru/faq.yaml"));
    const local = createFaqMatcher(entries);
    const wrong = entries.filter((entry) => local.match(entry.question).best?.id !== entry.id);
    expect(wrong.map((entry) => entry.id)).toEqual([]);
  });
});
