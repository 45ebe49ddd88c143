import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";

/** Where browser tests leave their screenshots (git-ignored). */
export const screenshotDir = path.resolve("test-output/screenshots");

/** Debian's Chromium (scripts/ensure-chromium.sh installs it): `which chromium`. */
export function chromiumPath(): string {
  try {
    return execFileSync("which", ["chromium"], { encoding: "utf8" }).trim();
  } catch (error) {
    throw new Error(
      "Chromium is not installed: run scripts/ensure-chromium.sh (apt-get install chromium).",
      { cause: error },
    );
  }
}

export interface TestBrowser {
  page: Page;
  context: BrowserContext;
  /** Saves what the window shows as test-output/screenshots/<name>.png. */
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Headless Chromium with a new empty profile, quiet (no network of its own, no sync).
 * `javaScript: false` browses as someone whose browser runs no scripts.
 */
export async function startBrowser(options: { javaScript?: boolean } = {}): Promise<TestBrowser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), "console-browser-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    javaScriptEnabled: options.javaScript ?? true,
    viewport: { width: 1200, height: 800 },
    locale: "ru-RU",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  mkdirSync(screenshotDir, { recursive: true });
  return {
    page,
    context,
    async screenshot(name) {
      await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
