import { writeFileSync } from "node:fs";
import { ConfigError, loadDatabaseUrl } from "../core/config/index.js";
import { createDb } from "../core/db/index.js";
import { incidentReportLine } from "../core/incidents/index.js";
import {
  buildSlaReport,
  formatMovedDeadlines,
  formatReportCsv,
  formatReportTable,
  listMovedDeadlines,
  parseReportCommand,
  ReportUsageError,
  reportUsage,
} from "../core/sla/index.js";
import { loadDotEnv, wantsHelp } from "./dot-env.js";

/**
 * `npm run report -- sla --from 2026-11-01 --to 2026-11-30 [--csv FILE]`: the SLA report
 * of the tickets created in those days (in DEFAULT_TIME_ZONE), printed as a table and,
 * with --csv, written as CSV. Needs only DATABASE_URL.
 */
async function main(argv: string[]): Promise<void> {
  if (wantsHelp(argv)) {
    console.log(
      `${reportUsage}\nDATABASE_URL and DEFAULT_TIME_ZONE come from the environment or .env.`,
    );
    return;
  }
  loadDotEnv();
  const timeZone = process.env.DEFAULT_TIME_ZONE?.trim() || "Europe/Moscow";
  const command = parseReportCommand(argv, timeZone);
  const db = createDb(loadDatabaseUrl(process.env));
  try {
    const rows = await buildSlaReport(db, command, new Date());
    const title = `SLA report: tickets created ${command.fromDate} to ${command.toDate} (${timeZone})`;
    console.log(formatReportTable(rows, title));
    console.log(`\n${formatMovedDeadlines(await listMovedDeadlines(db, command), timeZone)}`);
    console.log(await incidentReportLine(db, command));
    if (command.csv) {
      writeFileSync(command.csv, formatReportCsv(rows));
      console.log(`\nCSV written to ${command.csv}`);
    }
  } finally {
    await db.$disconnect();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error("report cannot run:");
    for (const problem of error.problems) console.error(`  - ${problem}`);
  } else if (error instanceof ReportUsageError) {
    console.error(error.message);
  } else {
    console.error("report stopped on an unexpected error:", error);
  }
  process.exit(1);
});
