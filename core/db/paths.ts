import { packageFile } from "../shared/index.js";

/** The SQL migrations shipped with the code (Prisma's layout). */
export const migrationsDir = packageFile("prisma", "migrations");
