import type { Db, TicketCategory } from "../db/index.js";

/** An open incident as every parent message needs it: which line, what to tell. */
export interface OpenIncident {
  id: number;
  /** null: the incident concerns every line. */
  line: TicketCategory | null;
  notice: string;
}

/**
 * The open incidents, kept in this process so a parent's message learns of them without
 * a query. `refresh()` reads them again (one small statement: there are a handful at most,
 * so the list itself is as cheap as a digest of it); the service calls it every few
 * seconds and right after this process opens or resolves one, so other processes see a
 * change within one refresh interval.
 */
export interface IncidentBoard {
  /** Whether any incident is open (no query). */
  anyOpen(): boolean;
  /** The incident a message on `line` belongs to: that line's own first, then an all-lines one. */
  openFor(line: TicketCategory | undefined): OpenIncident | undefined;
  list(): readonly OpenIncident[];
  refresh(): Promise<void>;
}

export function createIncidentBoard(db: Db): IncidentBoard {
  let open: OpenIncident[] = [];
  let generation = 0;
  return {
    anyOpen: () => open.length > 0,
    openFor(line) {
      return (
        (line === undefined ? undefined : open.find((i) => i.line === line)) ??
        open.find((i) => i.line === null)
      );
    },
    list: () => open,
    async refresh() {
      // A slow read must not overwrite a newer one that finished first.
      const mine = ++generation;
      const rows = await db.incident.findMany({
        where: { status: "open" },
        select: { id: true, line: true, notice: true },
        orderBy: { id: "asc" },
      });
      if (mine === generation) open = rows;
    },
  };
}
