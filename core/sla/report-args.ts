import { parseArgs } from "node:util";
import { z } from "zod";
import { addDays, isLocalDate, zonedInstant } from "./zoned-time.js";

/** A report command line that cannot run; the message says how to fix it. */
export class ReportUsageError extends Error {
  readonly code = "REPORT_USAGE";
}

export const reportUsage =
  "Usage: npm run report -- sla --from YYYY-MM-DD --to YYYY-MM-DD [--csv FILE]";

const argsSchema = z
  .object({
    from: z
      .string({ error: "--from is missing" })
      .refine(isLocalDate, "--from must be a date like 2026-11-01"),
    to: z
      .string({ error: "--to is missing" })
      .refine(isLocalDate, "--to must be a date like 2026-11-30"),
    csv: z.string().min(1, "--csv needs a file name").optional(),
  })
  .refine((a) => a.from <= a.to, "--from must not be after --to");

export interface ReportCommand {
  report: "sla";
  /** Start of the first day, in the given time zone. */
  from: Date;
  /** End of the last day (exclusive): --to is inclusive. */
  to: Date;
  fromDate: string;
  toDate: string;
  csv?: string;
}

/** Parses `sla --from DATE --to DATE [--csv FILE]`; dates are whole days in `timeZone`. */
export function parseReportCommand(argv: readonly string[], timeZone: string): ReportCommand {
  const parsed = readArgs(argv);
  const [report, ...rest] = parsed.positionals;
  if (report !== "sla" || rest.length > 0)
    throw new ReportUsageError(`Unknown report "${parsed.positionals.join(" ")}".\n${reportUsage}`);
  const args = argsSchema.safeParse(parsed.values);
  if (!args.success)
    throw new ReportUsageError(
      `${args.error.issues[0]?.message ?? "invalid arguments"}\n${reportUsage}`,
    );
  return {
    report: "sla",
    from: new Date(zonedInstant(args.data.from, 0, timeZone)),
    to: new Date(zonedInstant(addDays(args.data.to, 1), 0, timeZone)),
    fromDate: args.data.from,
    toDate: args.data.to,
    csv: args.data.csv,
  };
}

function readArgs(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: { from: { type: "string" }, to: { type: "string" }, csv: { type: "string" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ReportUsageError(`${message}\n${reportUsage}`);
  }
}
