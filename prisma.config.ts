import { defineConfig } from "prisma/config";

// The app applies migrations itself (`npm run db:migrate`); this file lets `prisma
// generate` and, where the schema engine can be downloaded, `prisma migrate deploy` work.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test" },
});
