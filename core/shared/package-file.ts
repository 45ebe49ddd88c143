import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

let root: string | undefined;

/**
 * A file shipped beside the code (SQL migrations, locales, seed data), resolved from the
 * package root: the nearest folder above this module with a package.json. The same call
 * works from the TypeScript sources (core/shared/) and from the compiled output
 * (dist/core/shared/), so nothing has to be copied into dist/.
 */
export function packageFile(...segments: string[]): string {
  root ??= findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));
  return path.join(root, ...segments);
}

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir)
      throw new Error(`No package.json above ${from}: run the service from its installed folder`);
  }
}
