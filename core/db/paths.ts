import { fileURLToPath } from "node:url";

/** The SQL migrations shipped with the code (Prisma's layout). */
export const migrationsDir = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));
