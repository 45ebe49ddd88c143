export { createIncidentBoard, type IncidentBoard, type OpenIncident } from "./incident-board.js";
export { incidentIntake } from "./incident-intake.js";
export { parseIncidentArgs, type IncidentCommand } from "./incident-args.js";
export type { IncidentActor, IncidentDeps, IncidentResult } from "./incident-action.js";
export { openIncident, showIncidents } from "./open-incident.js";
export { resolveIncident } from "./resolve-incident.js";
export { linkToIncident, openIncidentTopic } from "./link-commands.js";
export { SUMMARY_EVERY_MS } from "./link-ticket.js";
export {
  loadIncidentSummary,
  recordSummaryPost,
  type IncidentSummary,
} from "./incident-records.js";
export { incidentReportLine } from "./incident-report.js";
