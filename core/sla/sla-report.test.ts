import { describe, expect, test } from "vitest";
import { HOUR, MINUTE } from "../shared/index.js";
import { parseReportCommand, ReportUsageError } from "./report-args.js";
import {
  duration,
  formatMovedDeadlines,
  formatReportCsv,
  formatReportTable,
} from "./report-format.js";
import { percentile, type ReportTicket, summarizeTickets } from "./sla-report.js";

const t0 = new Date("2026-11-02T07:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
const now = at(72 * HOUR);

function ticket(overrides: Partial<ReportTicket>): ReportTicket {
  return {
    category: "site",
    municipality: "Казань",
    createdAt: t0,
    firstResponseAt: null,
    firstResponseDueAt: at(24 * HOUR),
    resolvedAt: null,
    rating: null,
    selfServedSlug: null,
    deadlineMovedTo: null,
    ...overrides,
  };
}

describe("SLA report figures", () => {
  const tickets = [
    ticket({ firstResponseAt: at(1 * HOUR), rating: 5 }),
    ticket({ firstResponseAt: at(3 * HOUR), rating: 4 }),
    ticket({ firstResponseAt: at(30 * HOUR), rating: 2, category: "booking" }),
    ticket({ category: "booking", municipality: null }), // unanswered, past due: missed
    ticket({ createdAt: at(60 * HOUR), firstResponseDueAt: at(84 * HOUR), municipality: null }), // pending
    ticket({ resolvedAt: at(2 * HOUR), category: "other" }), // solved without a reply, in time
  ];
  const rows = summarizeTickets(tickets, now);

  test("met, missed and pending; answered at the first reply or at the resolution", () => {
    expect(rows[0]).toMatchObject({ scope: "all", tickets: 6, met: 3, missed: 2, pending: 1 });
    expect(rows[0]?.metShare).toBeCloseTo(0.6);
  });

  test("first-response median and p90 over the answered tickets", () => {
    // Answered after 1 h, 2 h, 3 h and 30 h.
    expect(rows[0]?.medianFirstResponseMs).toBe(2.5 * HOUR);
    expect(rows[0]?.p90FirstResponseMs).toBeCloseTo(0.7 * 30 * HOUR + 0.3 * 3 * HOUR);
  });

  test("CSAT: average and share of 4-5", () => {
    expect(rows[0]).toMatchObject({ rated: 3, csatAverage: 11 / 3 });
    expect(rows[0]?.csatHighShare).toBeCloseTo(2 / 3);
  });

  test("tickets solved by an offered FAQ answer count as self-service", () => {
    const solved = ticket({ resolvedAt: at(5 * MINUTE), selfServedSlug: "account-register" });
    const [all] = summarizeTickets([solved, ticket({ firstResponseAt: at(HOUR) })], now);
    expect(all).toMatchObject({ tickets: 2, selfService: 1, met: 2 });
  });

  test("per category and per municipality", () => {
    const names = rows.map((r) => `${r.scope}:${r.name}`);
    expect(names).toEqual([
      "all:all",
      "category:booking",
      "category:other",
      "category:site",
      "municipality:—",
      "municipality:Казань",
    ]);
    expect(rows.find((r) => r.name === "booking")).toMatchObject({ met: 0, missed: 2, pending: 0 });
    expect(rows.find((r) => r.name === "Казань")).toMatchObject({ tickets: 4, met: 3, missed: 1 });
  });

  test("a moved deadline does not make a late answer count as on time; it is listed apart", () => {
    const moved = ticket({ firstResponseAt: at(30 * HOUR), deadlineMovedTo: at(36 * HOUR) });
    expect(summarizeTickets([moved], now)[0]).toMatchObject({ met: 0, missed: 1, moved: 1 });
    const list = formatMovedDeadlines(
      [
        {
          number: 7,
          firstResponseDueAt: at(24 * HOUR),
          deadlineMovedTo: at(36 * HOUR),
          firstResponseAt: at(30 * HOUR),
        },
      ],
      "Europe/Moscow",
    );
    expect(list).toContain("№7: promised 03.11.2026, 10:00, moved to 03.11.2026, 22:00");
    expect(formatMovedDeadlines([], "Europe/Moscow")).toBe("Deadlines moved by a supervisor: none");
  });

  test("an empty range still has a total line", () => {
    expect(summarizeTickets([], now)).toEqual([
      expect.objectContaining({ tickets: 0, metShare: null, medianFirstResponseMs: null }),
    ]);
    expect(percentile([], 50)).toBeNull();
    expect(percentile([5], 90)).toBe(5);
  });

  test("a readable table and a CSV", () => {
    const table = formatReportTable(rows, "SLA report");
    expect(table.split("\n")[0]).toBe("SLA report");
    expect(table).toMatch(/all tickets\s+6\s+3\s+2\s+1\s+0\s+60\.0%\s+2h 30m/);
    const csv = formatReportCsv(rows).trimEnd().split("\n");
    expect(csv[0]).toBe(
      "scope,name,tickets,met,missed,pending,met_share,median_first_response_minutes,p90_first_response_minutes,rated,csat_average,csat_share_4_5,self_service,moved",
    );
    expect(csv[1]).toBe("all,all,6,3,2,1,0.6,150,1314,3,3.67,0.6667,0,0");
    expect(formatReportCsv([{ ...rows[0]!, name: 'Город "N", район' }])).toContain(
      '"Город ""N"", район"',
    );
    expect([duration(45 * MINUTE), duration(125 * MINUTE), duration(50 * HOUR)]).toEqual([
      "45m",
      "2h 05m",
      "2d 2h",
    ]);
  });
});

describe("report command line", () => {
  test("whole days in the time zone, --to inclusive", () => {
    const command = parseReportCommand(
      ["sla", "--from", "2026-11-01", "--to", "2026-11-30", "--csv", "out.csv"],
      "Europe/Moscow",
    );
    expect(command.from).toEqual(new Date("2026-10-31T21:00:00Z"));
    expect(command.to).toEqual(new Date("2026-11-30T21:00:00Z"));
    expect(command.csv).toBe("out.csv");
  });

  test.each([
    [["sla", "--from", "2026-11-01"], /--to is missing/],
    [["sla", "--from", "2026-13-01", "--to", "2026-11-30"], /--from must be a date/],
    [["sla", "--from", "2026-11-30", "--to", "2026-11-01"], /must not be after/],
    [["faq", "--from", "2026-11-01", "--to", "2026-11-30"], /Unknown report "faq"/],
    [["sla", "--since", "2026-11-01"], /Unknown option '--since'/],
  ])("%j is refused with a reason and the usage", (argv, reason) => {
    expect(() => parseReportCommand(argv, "Europe/Moscow")).toThrow(ReportUsageError);
    expect(() => parseReportCommand(argv, "Europe/Moscow")).toThrow(reason);
    expect(() => parseReportCommand(argv, "Europe/Moscow")).toThrow(/Usage: npm run report/);
  });
});
