import type { OutboxRow } from "./bench-db.js";
import type { SendRecord } from "./reply-tracker.js";

/** A send the outbox cannot account for: the same row delivered twice, or no row at all. */
export interface ExtraSend {
  chatId: number;
  at: number;
  signature: string;
}

export interface SendAccounting {
  /** Successful sends to parents' chats the fake executed. */
  sends: number;
  /** Outbox rows with status 'sent'. */
  sentRows: number;
  /** Rows still marked 'sending' (send made, outcome not yet recorded, or a crash in between). */
  sendingRows: number;
  /** Sends with no 'sent' row left to pair with (the duplicates). */
  extra: ExtraSend[];
  /** 'sent'/'sending' rows no send paired with (e.g. UNCONFIRMED rows whose send never ran). */
  rowsWithoutSend: number;
  /** 'sent' rows closed as UNCONFIRMED (the worker stopped between send and record). */
  unconfirmedRows: number;
  /** UNCONFIRMED rows whose send never reached the Bot API: the parent never got that message. */
  unconfirmedNeverSent: OutboxRow[];
  /** Rows still pending, and failed for good, when the run ended. */
  unsentRows: number;
  failedRows: number;
}

/**
 * Pairs each chat's successful sends with its 'sent' outbox rows by content (text, or the
 * message id a reaction is on): a row pairs with at most one send, so a send left over is
 * a message the parent saw more often than the system meant to send it.
 * This is the per-chat count comparison made precise enough to say which send was extra.
 */
export function accountSends(sends: Map<number, SendRecord[]>, rows: OutboxRow[]): SendAccounting {
  const rowsByChat = new Map<number, OutboxRow[]>();
  let sentRows = 0;
  let sendingRows = 0;
  let unconfirmedRows = 0;
  let unsentRows = 0;
  let failedRows = 0;
  for (const row of rows) {
    if (row.status === "failed") failedRows += 1;
    if (row.status === "pending") unsentRows += 1;
    if (row.status === "sending") sendingRows += 1;
    // A 'sending' row may have been sent a moment ago and not recorded yet: it pairs too.
    if (row.status !== "sent" && row.status !== "sending") continue;
    if (row.status === "sent") sentRows += 1;
    if (row.errorCode === "UNCONFIRMED") unconfirmedRows += 1;
    const list = rowsByChat.get(row.chatId) ?? [];
    list.push(row);
    rowsByChat.set(row.chatId, list);
  }
  const unconfirmedNeverSent = rows.filter(
    (row) =>
      row.errorCode === "UNCONFIRMED" &&
      !(sends.get(row.chatId) ?? []).some((send) => send.signature === row.signature),
  );
  const extra: ExtraSend[] = [];
  let sendCount = 0;
  let paired = 0;
  for (const [chatId, list] of sends) {
    const open = new Map<string, number>();
    for (const row of rowsByChat.get(chatId) ?? [])
      open.set(row.signature, (open.get(row.signature) ?? 0) + 1);
    for (const send of list) {
      sendCount += 1;
      const left = open.get(send.signature) ?? 0;
      if (left > 0) {
        open.set(send.signature, left - 1);
        paired += 1;
      } else extra.push({ chatId, at: send.at, signature: send.signature });
    }
  }
  return {
    sends: sendCount,
    sentRows,
    sendingRows,
    extra,
    rowsWithoutSend: sentRows + sendingRows - paired,
    unconfirmedRows,
    unconfirmedNeverSent,
    unsentRows,
    failedRows,
  };
}
