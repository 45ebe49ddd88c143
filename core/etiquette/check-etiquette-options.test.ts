import { describe, expect, test } from "vitest";
import { checkEtiquette } from "./check-etiquette.js";

/**
 * CPU time of this thread in milliseconds: on a busy machine wall time also counts the
 * time other processes had the core, which would make the ratio below noise.
 */
function cpuMs(): number {
  const { threadCpuUsage } = process as { threadCpuUsage?: () => NodeJS.CpuUsage };
  if (!threadCpuUsage) return performance.now();
  const { user, system } = threadCpuUsage();
  return (user + system) / 1000;
}

/** CPU time per check at 16,000 characters over that at 4,096. */
function growth(unit: string): number {
  const perCheck = (length: number) => {
    const text = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
    // The thread clock ticks every few milliseconds: repeat until it has ticked often.
    const started = cpuMs();
    let checks = 0;
    do {
      checkEtiquette(text);
      checks += 1;
    } while (cpuMs() - started < 40);
    return (cpuMs() - started) / checks;
  };
  perCheck(4096); // warm-up: the dictionaries compile on first use
  // The median of five ratios, each of two measurements taken back to back: a loaded
  // machine (load 15) made single ratios cross the limit, and the fastest of three runs
  // of each length, taken apart, still did (10.4) while a full suite ran alongside: a
  // slow spell then fell on one length only.
  const ratios = Array.from({ length: 5 }, () => {
    const small = perCheck(4096);
    return perCheck(16_000) / small;
  });
  return ratios.sort((a, b) => a - b)[2] ?? Number.POSITIVE_INFINITY;
}

describe("checkEtiquette", () => {
  test("an empty or plain reply is ok", () => {
    expect(checkEtiquette("")).toEqual({ ok: true, findings: [] });
    expect(checkEtiquette("Спасибо за ожидание!")).toEqual({ ok: true, findings: [] });
  });

  test("each finding names its kind, the fragment and the explanation key", () => {
    expect(checkEtiquette("Ок, щас гляну").findings).toEqual([
      { kind: "slang", match: "Ок", hint: "etiquette-slang" },
      { kind: "slang", match: "щас", hint: "etiquette-slang" },
    ]);
  });

  test("the same word twice is one finding", () => {
    expect(checkEtiquette("Ок. Ок, ок!").findings).toHaveLength(1);
  });

  test("words inside a link are not judged as prose", () => {
    expect(checkEtiquette("Смотрите https://р66.навигатор.дети/program/ok-norm-komp").ok).toBe(
      true,
    );
  });

  test("internal domains come from the options", () => {
    const reply = "Карточка: https://office.uso66.ru/deal/5531";
    expect(checkEtiquette(reply).ok).toBe(true);
    expect(checkEtiquette(reply, { internalDomains: ["uso66.ru"] }).findings).toEqual([
      {
        kind: "confidential",
        match: "https://office.uso66.ru/deal/5531",
        hint: "etiquette-confidential-link",
      },
    ]);
  });

  test("time grows linearly with the length of a hostile reply", () => {
    // A ratio, not a time limit: machines differ, growth does not. Linear is ~4 from 4k to
    // 16k characters, quadratic ~16; the absolute limits live in `npm run bench:hostile`.
    for (const unit of ["а ", "а.", "x y ", "б.л.я.", "п** ", "«", "+7 (", "девушка, ", "a."])
      expect(growth(unit), unit).toBeLessThan(10);
  });
});
