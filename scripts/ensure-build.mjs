// Runs before `npm start`, `npm run db:migrate`, `faq` and `report`, which run the compiled
// JavaScript in dist/. A fresh checkout has no dist/ yet: build it once when TypeScript is
// installed (a development install), otherwise say how to get it. After editing the
// sources run `npm run build` again (or `npm run dev`, which runs them through tsx).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

if (!existsSync("dist/app/main.js")) {
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  } catch {
    console.error(
      "dist/ is missing: run `npm ci && npm run build` (TypeScript is a dev dependency).",
    );
    process.exit(1);
  }
  console.error("dist/ is missing: building it once (npm run build)…");
  const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], {
    stdio: "inherit",
  });
  process.exit(result.status ?? 1);
}
