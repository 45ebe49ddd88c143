import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { z } from "zod";

/**
 * What PostgreSQL must contain according to prisma/schema.prisma, following Prisma's
 * own naming and type conventions, as comparable one-line facts.
 */
export interface SchemaFacts {
  tables: string[];
  columns: string[];
  indexes: { name: string; table: string; fact: string; where?: string }[];
  foreignKeys: string[];
  enums: string[];
}

const fieldSchema = z.object({
  name: z.string(),
  dbName: z.string().nullish(),
  kind: z.enum(["scalar", "enum", "object", "unsupported"]),
  isList: z.boolean(),
  isRequired: z.boolean(),
  isUpdatedAt: z.boolean().optional(),
  hasDefaultValue: z.boolean(),
  default: z.unknown().optional(),
  type: z.string(),
  nativeType: z.unknown().nullish(),
  relationFromFields: z.array(z.string()).optional(),
  relationToFields: z.array(z.string()).optional(),
  relationOnDelete: z.string().optional(),
  relationOnUpdate: z.string().optional(),
});

const dmmfSchema = z.object({
  datamodel: z.object({
    models: z.array(
      z.object({ name: z.string(), dbName: z.string().nullish(), fields: z.array(fieldSchema) }),
    ),
    enums: z.array(
      z.object({
        name: z.string(),
        dbName: z.string().nullish(),
        values: z.array(z.object({ name: z.string() })),
      }),
    ),
    indexes: z.array(
      z.object({
        model: z.string(),
        type: z.enum(["id", "normal", "unique", "fulltext"]),
        dbName: z.string().nullish(),
        fields: z.array(z.object({ name: z.string() })),
      }),
    ),
  }),
});

const scalarTypes: Record<string, string> = {
  Int: "integer",
  BigInt: "bigint",
  String: "text",
  Boolean: "boolean",
  DateTime: "timestamp(3) without time zone",
  Float: "double precision",
  Json: "jsonb",
  Decimal: "numeric(65,30)",
  Bytes: "bytea",
};

/** A native type as format_type() prints it (only the ones schema.prisma uses). */
function nativeTypeOf(nativeType: unknown): string | undefined {
  const parsed = z.tuple([z.string(), z.array(z.string())]).safeParse(nativeType);
  if (!parsed.success) return undefined;
  const [name, args] = parsed.data;
  if (name === "Timestamptz") return `timestamp(${args[0] ?? "3"}) with time zone`;
  return undefined;
}

export function expectedSchema(schemaPath: string): SchemaFacts {
  const source = readFileSync(schemaPath, "utf8");
  const wasm = createRequire(import.meta.url)("@prisma/prisma-schema-wasm") as {
    get_dmmf(params: string): string;
  };
  const dmmf = dmmfSchema.parse(
    JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: source }))),
  );
  const { models, enums, indexes } = dmmf.datamodel;
  const tableOf = new Map(models.map((m) => [m.name, m.dbName ?? m.name]));
  const columnOf = (model: string, field: string) => {
    const f = models.find((m) => m.name === model)?.fields.find((x) => x.name === field);
    return f?.dbName ?? field;
  };
  const facts: SchemaFacts = { tables: [], columns: [], indexes: [], foreignKeys: [], enums: [] };
  for (const e of enums)
    facts.enums.push(`enum ${e.dbName ?? e.name} (${e.values.map((v) => v.name).join(", ")})`);
  for (const model of models) {
    const table = tableOf.get(model.name) ?? model.name;
    facts.tables.push(table);
    for (const field of model.fields) {
      if (field.kind === "object") {
        if (field.relationFromFields?.length)
          facts.foreignKeys.push(foreignKeyFact(model.name, table, field, tableOf, columnOf));
        continue;
      }
      const native = field.nativeType ? nativeTypeOf(field.nativeType) : undefined;
      if (field.nativeType && !native)
        throw new Error(
          `${model.name}.${field.name}: native type ${JSON.stringify(field.nativeType)} is not covered by this test yet; extend nativeTypeOf in schema-expectations.ts`,
        );
      const base = native ?? (field.kind === "enum" ? `"${field.type}"` : scalarTypes[field.type]);
      if (!base) throw new Error(`${model.name}.${field.name}: unknown type ${field.type}`);
      const type = field.isList ? `${base}[]` : base;
      const nullable = !field.isRequired || field.isList;
      facts.columns.push(
        `${table}.${field.dbName ?? field.name} ${type} ${nullable ? "null" : "not null"} default=${defaultFact(field)}`,
      );
    }
    facts.columns.push(...unsupportedColumns(source, model.name, table));
  }
  for (const index of indexes) {
    const table = tableOf.get(index.model) ?? index.model;
    const columns = index.fields.map((f) => columnOf(index.model, f.name));
    const suffix = index.type === "id" ? "pkey" : index.type === "unique" ? "key" : "idx";
    const name =
      index.dbName ??
      (index.type === "id" ? `${table}_pkey` : `${table}_${columns.join("_")}_${suffix}`);
    const kind = index.type === "id" ? "primary" : index.type === "unique" ? "unique" : "index";
    facts.indexes.push({
      name,
      table,
      fact: `${kind} ${name} on ${table}(${columns.join(", ")})`,
      where: partialWhere(source, name),
    });
  }
  return facts;
}

type Field = z.infer<typeof fieldSchema>;

function defaultFact(field: Field): string {
  if (!field.hasDefaultValue) return "none";
  const value = field.default;
  if (value && typeof value === "object" && !Array.isArray(value) && "name" in value) {
    const name = String(value.name);
    if (name === "autoincrement") return "autoincrement";
    if (name === "now") return "now";
    return `fn:${name}`;
  }
  return JSON.stringify(value);
}

function foreignKeyFact(
  model: string,
  table: string,
  field: Field,
  tableOf: Map<string, string>,
  columnOf: (model: string, field: string) => string,
): string {
  const from = (field.relationFromFields ?? []).map((f) => columnOf(model, f));
  const to = (field.relationToFields ?? []).map((f) => columnOf(field.type, f));
  const onDelete = field.relationOnDelete ?? (field.isRequired ? "Restrict" : "SetNull");
  const onUpdate = field.relationOnUpdate ?? "Cascade";
  return `fk ${table}_${from.join("_")}_fkey ${table}(${from.join(", ")}) -> ${tableOf.get(field.type)}(${to.join(", ")}) on delete ${onDelete} on update ${onUpdate}`;
}

/**
 * Prisma keeps `Unsupported("…")` fields out of the DMMF, so they are read from the source:
 * the type is PostgreSQL's own name, and `dbgenerated("…")` is PostgreSQL's rendering of the
 * default (or, for a generated column, the generation expression).
 */
function unsupportedColumns(source: string, model: string, table: string): string[] {
  const body = new RegExp(`^model ${model} \\{\\n([\\s\\S]*?)^\\}`, "m").exec(source)?.[1] ?? "";
  const facts: string[] = [];
  for (const line of body.split("\n")) {
    const field = /^\s+(\w+)\s+Unsupported\("([^"]+)"\)(\??)(.*)$/.exec(line);
    if (!field) continue;
    const [, name, type, optional, rest] = field;
    const generated = /@default\(dbgenerated\("((?:[^"\\]|\\.)*)"\)\)/.exec(rest ?? "")?.[1];
    facts.push(
      `${table}.${name} ${type} ${optional ? "null" : "not null"} default=${generated ? `sql:${generated}` : "none"}`,
    );
  }
  return facts;
}

/** Prisma keeps `where: raw("…")` out of the DMMF, so the predicate is read from the source. */
function partialWhere(source: string, indexName: string): string | undefined {
  const pattern = new RegExp(
    `map:\\s*"${indexName}"\\s*,\\s*where:\\s*raw\\("((?:[^"\\\\]|\\\\.)*)"\\)`,
  );
  // A quoted column name is written \"doneAt\" inside the Prisma string.
  return pattern.exec(source)?.[1]?.replace(/\\(.)/g, "$1");
}
