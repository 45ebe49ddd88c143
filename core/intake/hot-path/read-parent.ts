import { localeFromLanguageCode } from "../../contacts/contact-locale.js";
import { sql, type SqlRunner, sqlTime } from "../../db/index.js";
import type { TicketCategory, TicketStatus } from "../../db/index.js";
import { HOUR } from "../../shared/index.js";
import { openStatuses } from "../../tickets/ticket-state.js";
import { MUNICIPALITIES_PER_PAGE, MUNICIPALITY_ANSWER_WINDOW } from "../municipality-prompt.js";
import type { ParsedInboundMessage } from "../../tickets/inbound-message.js";

/** The open ticket's fields a follow-up needs (its clock, and `updatedAt` as the version seen). */
export interface SeenTicket {
  id: number;
  number: number;
  status: TicketStatus;
  category: TicketCategory;
  updatedAt: Date;
  responseDueAt: Date | null;
  firstResponseAt: Date | null;
  firstResponseDueAt: Date;
}

/** The parent's latest solved ticket inside the reopen window (as recentlyResolved picks it). */
export type ResolvedTicket = SeenTicket & { resolvedAt: Date };

/** Everything the hot path decides on, read with the contact's upsert in one statement. */
export interface ParentState {
  contact: {
    id: number;
    channel: "telegram" | "vk";
    externalId: string;
    locale: string;
    municipalityId: number | null;
    municipalityAskedAt: Date | null;
    lastAckAt: Date | null;
    /** The zone deadlines are shown in: the contact's, its municipality's, or null (default). */
    timeZone: string | null;
  };
  openTicket: SeenTicket | null;
  recentlyResolved: ResolvedTicket | null;
  /** Municipalities, and the first page of them, when the contact was never asked. */
  municipalityCount: number | null;
  municipalityPage: { id: number; name: string }[] | null;
  /**
   * Every municipality, when the contact was asked for theirs inside the answer window
   * (`municipalityAskedSince`): a typed name is then the answer, any other text is not.
   */
  municipalityNames: { id: number; name: string }[] | null;
  /** Ids taken from the sequences now, so the writes need not wait for one another. */
  ids: { ticket: number; message: number; lookup: number };
}

/**
 * The contact's columns, then the open ticket's as `t_…` and the recently solved one's as
 * `r_…` (flat, as SQL returns them).
 */
type Row = ParentState["contact"] & {
  t_id: number | null;
  t_number: number;
  t_status: TicketStatus;
  t_category: TicketCategory;
  t_updatedAt: Date;
  t_responseDueAt: Date | null;
  t_firstResponseAt: Date | null;
  t_firstResponseDueAt: Date;
  r_id: number | null;
  r_number: number;
  r_status: TicketStatus;
  r_category: TicketCategory;
  r_updatedAt: Date;
  r_responseDueAt: Date | null;
  r_firstResponseAt: Date | null;
  r_firstResponseDueAt: Date;
  r_resolvedAt: Date;
  municipalityCount: number | null;
  municipalityPage: { id: number; name: string }[] | null;
  municipalityNames: { id: number; name: string }[] | null;
  ticketId: number;
  messageId: number;
  lookupId: number;
};

/**
 * Creates or refreshes the contact (as upsertContact does) and reads, in the same
 * statement, the open ticket, the ticket solved most recently inside the reopen window
 * (so a reopen needs no read of its own), the municipality
 * page and fresh ids. It commits on its own: the upsert is harmless if nothing follows.
 * A known contact whose name and username are unchanged (and who is not marked blocked)
 * is only read: no new row version, no WAL, no row lock, for nearly every message.
 * Only a contact not found is inserted, and an insert that meets one created meanwhile
 * updates it, so the statement always returns the row.
 */
export const readParentSql = `
WITH found AS (
  SELECT * FROM "Contact" WHERE "channel" = $1::"Channel" AND "externalId" = $2
),
changed AS (
  UPDATE "Contact" k
    SET "displayName" = $3, "username" = $4, "blockedAt" = NULL, "blockedReason" = NULL,
        "updatedAt" = $6::timestamp
  FROM found f
  WHERE k."id" = f."id"
    AND (f."displayName" IS DISTINCT FROM $3 OR f."username" IS DISTINCT FROM $4
         OR f."blockedAt" IS NOT NULL OR f."blockedReason" IS NOT NULL)
  RETURNING k.*
),
created AS (
  INSERT INTO "Contact" ("channel", "externalId", "displayName", "username", "locale", "updatedAt")
  SELECT $1::"Channel", $2, $3, $4, $5, $6::timestamp WHERE NOT EXISTS (SELECT 1 FROM found)
  ON CONFLICT ("channel", "externalId") DO UPDATE
    SET "displayName" = EXCLUDED."displayName",
        "username" = EXCLUDED."username",
        "blockedAt" = NULL,
        "blockedReason" = NULL,
        "updatedAt" = EXCLUDED."updatedAt"
  RETURNING *
),
c AS (
  SELECT * FROM changed
  UNION ALL SELECT * FROM created
  UNION ALL SELECT * FROM found WHERE NOT EXISTS (SELECT 1 FROM changed)
)
SELECT c."id", c."channel", c."externalId", c."locale", c."municipalityId",
       c."municipalityAskedAt", c."lastAckAt",
       COALESCE(c."timeZone", (SELECT m."timeZone" FROM "Municipality" m WHERE m."id" = c."municipalityId")) AS "timeZone",
       t."id" AS "t_id", t."number" AS "t_number", t."status" AS "t_status", t."category" AS "t_category",
       t."updatedAt" AS "t_updatedAt", t."responseDueAt" AS "t_responseDueAt",
       t."firstResponseAt" AS "t_firstResponseAt",
       t."firstResponseDueAt" AS "t_firstResponseDueAt",
       r."id" AS "r_id", r."number" AS "r_number", r."status" AS "r_status", r."category" AS "r_category",
       r."updatedAt" AS "r_updatedAt", r."responseDueAt" AS "r_responseDueAt",
       r."firstResponseAt" AS "r_firstResponseAt",
       r."firstResponseDueAt" AS "r_firstResponseDueAt", r."resolvedAt" AS "r_resolvedAt",
       CASE WHEN c."municipalityId" IS NULL AND c."municipalityAskedAt" IS NULL
            THEN (SELECT count(*) FROM "Municipality") END AS "municipalityCount",
       CASE WHEN c."municipalityId" IS NULL AND c."municipalityAskedAt" IS NULL
            THEN (SELECT json_agg(json_build_object('id', p."id", 'name', p."name"))
                    FROM (SELECT "id", "name" FROM "Municipality" ORDER BY "name" ASC LIMIT $9) p) END
         AS "municipalityPage",
       CASE WHEN c."municipalityId" IS NULL AND c."municipalityAskedAt" >= $10::timestamp
            THEN (SELECT COALESCE(json_agg(json_build_object('id', a."id", 'name', a."name")), '[]'::json)
                    FROM "Municipality" a) END
         AS "municipalityNames",
       nextval(pg_get_serial_sequence('"Ticket"', 'id')) AS "ticketId",
       nextval(pg_get_serial_sequence('"Message"', 'id')) AS "messageId",
       nextval(pg_get_serial_sequence('"FaqLookup"', 'id')) AS "lookupId"
FROM c
LEFT JOIN LATERAL (
  SELECT * FROM "Ticket" o
  WHERE o."contactId" = c."id" AND o."status" = ANY($8::"TicketStatus"[])
  ORDER BY o."updatedAt" DESC LIMIT 1
) t ON true
LEFT JOIN LATERAL (
  SELECT * FROM "Ticket" r
  WHERE r."contactId" = c."id" AND r."status" = 'resolved' AND r."resolvedAt" >= $7::timestamp
  ORDER BY r."resolvedAt" DESC LIMIT 1
) r ON true`;

export async function readParent(
  runner: SqlRunner,
  message: ParsedInboundMessage,
  now: Date,
  reopenWindowHours: number,
  /** Asked for a municipality since then: its typed name would be the answer. */
  municipalityAskedSince = new Date(now.getTime() - MUNICIPALITY_ANSWER_WINDOW),
): Promise<ParentState> {
  const [row] = await sql<Row>(runner, { name: "hot-read-parent", text: readParentSql }, [
    message.channel,
    message.externalUserId,
    message.profile.displayName.slice(0, 200),
    message.profile.username ?? null,
    localeFromLanguageCode(message.profile.languageCode),
    sqlTime(new Date()),
    sqlTime(new Date(now.getTime() - reopenWindowHours * HOUR)),
    openStatuses,
    MUNICIPALITIES_PER_PAGE,
    sqlTime(municipalityAskedSince),
  ]);
  if (!row)
    throw new Error(
      `Contact upsert returned no row for ${message.channel}:${message.externalUserId}`,
    );
  return {
    contact: {
      id: row.id,
      channel: row.channel,
      externalId: row.externalId,
      locale: row.locale,
      municipalityId: row.municipalityId,
      municipalityAskedAt: row.municipalityAskedAt,
      lastAckAt: row.lastAckAt,
      timeZone: row.timeZone,
    },
    openTicket:
      row.t_id === null
        ? null
        : {
            id: row.t_id,
            number: row.t_number,
            status: row.t_status,
            category: row.t_category,
            updatedAt: row.t_updatedAt,
            responseDueAt: row.t_responseDueAt,
            firstResponseAt: row.t_firstResponseAt,
            firstResponseDueAt: row.t_firstResponseDueAt,
          },
    recentlyResolved:
      row.r_id === null
        ? null
        : {
            id: row.r_id,
            number: row.r_number,
            status: row.r_status,
            category: row.r_category,
            updatedAt: row.r_updatedAt,
            responseDueAt: row.r_responseDueAt,
            firstResponseAt: row.r_firstResponseAt,
            firstResponseDueAt: row.r_firstResponseDueAt,
            resolvedAt: row.r_resolvedAt,
          },
    municipalityCount: row.municipalityCount,
    municipalityPage: row.municipalityPage,
    municipalityNames: row.municipalityNames,
    ids: { ticket: row.ticketId, message: row.messageId, lookup: row.lookupId },
  };
}
