import type pg from "pg";

/** What the database actually contains, in the same one-line facts as schema-expectations.ts. */
export async function introspect(client: pg.Client) {
  const tables = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
  );
  const columns = await client.query<{ fact: string }>(`
    SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
           || CASE WHEN a.attnotnull THEN ' not null' ELSE ' null' END AS fact,
           pg_get_expr(d.adbin, d.adrelid) AS def
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid AND c.relkind = 'r'
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relname <> '_prisma_migrations'`);
  const indexes = await client.query<{
    name: string;
    tbl: string;
    is_primary: boolean;
    is_unique: boolean;
    cols: string;
    predicate: string | null;
  }>(`
    SELECT i.relname AS name, t.relname AS tbl, x.indisprimary AS is_primary, x.indisunique AS is_unique,
           (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(x.indkey) WITH ORDINALITY k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) AS cols,
           pg_get_expr(x.indpred, x.indrelid) AS predicate
      FROM pg_index x
      JOIN pg_class i ON i.oid = x.indexrelid
      JOIN pg_class t ON t.oid = x.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
     WHERE t.relname <> '_prisma_migrations'
       -- Expression indexes (full-text and trigram search) have no Prisma notation.
       AND x.indexprs IS NULL`);
  const foreignKeys = await client.query<{ fact: string }>(`
    SELECT 'fk ' || con.conname || ' ' || t.relname || '(' ||
           (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) || ') -> ' || r.relname || '(' ||
           (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) || ')' ||
           ' on delete ' || CASE con.confdeltype WHEN 'c' THEN 'Cascade' WHEN 'n' THEN 'SetNull' WHEN 'r' THEN 'Restrict' WHEN 'd' THEN 'SetDefault' ELSE 'NoAction' END ||
           ' on update ' || CASE con.confupdtype WHEN 'c' THEN 'Cascade' WHEN 'n' THEN 'SetNull' WHEN 'r' THEN 'Restrict' WHEN 'd' THEN 'SetDefault' ELSE 'NoAction' END AS fact
      FROM pg_constraint con
      JOIN pg_class t ON t.oid = con.conrelid
      JOIN pg_class r ON r.oid = con.confrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
     WHERE con.contype = 'f'`);
  const enums = await client.query<{ fact: string }>(`
    SELECT 'enum ' || t.typname || ' (' || string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) || ')' AS fact
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
      JOIN pg_namespace n ON n.oid = t.typnamespace AND n.nspname = 'public'
     GROUP BY t.typname`);
  return {
    tables: tables.rows.map((r) => r.table_name),
    columns: columns.rows.map(
      (r) => `${r.fact} default=${normalizeDefault((r as unknown as { def: string | null }).def)}`,
    ),
    indexes: indexes.rows.map((r) => ({
      name: r.name,
      fact: `${r.is_primary ? "primary" : r.is_unique ? "unique" : "index"} ${r.name} on ${r.tbl}(${r.cols})`,
      predicate: r.predicate,
    })),
    foreignKeys: foreignKeys.rows.map((r) => r.fact),
    enums: enums.rows.map((r) => r.fact),
  };
}

/** Puts a PostgreSQL default expression into the schema's notation. */
export function normalizeDefault(def: string | null): string {
  if (def === null) return "none";
  if (def.startsWith("nextval(")) return "autoincrement";
  if (def === "CURRENT_TIMESTAMP" || def === "now()") return "now";
  if (/^ARRAY\[\]::/.test(def)) return "[]";
  const literal = /^'((?:[^']|'')*)'::[\w"]+$/.exec(def);
  if (literal) {
    const text = (literal[1] ?? "").replace(/''/g, "'");
    if (def.endsWith("::jsonb")) return JSON.stringify(text);
    return JSON.stringify(text);
  }
  if (def === "true" || def === "false") return def;
  if (/^-?\d+(\.\d+)?$/.test(def)) return String(Number(def));
  return `sql:${def}`;
}
