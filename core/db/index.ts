export { createDb, type Db } from "./create-db.js";
export { runMigrations, MigrationError, type MigrationResult } from "./migrate.js";
export { migrationsDir } from "./paths.js";
export { isUniqueViolation, type Tx } from "./errors.js";
export { inTransaction } from "./transaction.js";
export { asJson } from "./json.js";
export { Prisma } from "./generated/client.js";
export type {
  Agent,
  AuditLog,
  Contact,
  FaqEntry,
  FaqLookup,
  Inbox,
  Incident,
  IncidentLink,
  Macro,
  Message,
  Municipality,
  Outbox,
  SlaEvent,
  Ticket,
} from "./generated/client.js";
export {
  AgentRole,
  Channel,
  IncidentStatus,
  MessageDirection,
  OutboxStatus,
  TicketCategory,
  TicketStatus,
} from "./generated/enums.js";
export { isSqlUniqueViolation, poolOf, sql, sqlTime, type SqlRunner } from "./sql-pool.js";
export { sqlOnDb } from "./sql-on-db.js";
