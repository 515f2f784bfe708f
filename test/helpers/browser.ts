/**
 * Real Chromium for browser tests: Debian's `chromium` package (installed by .ci/run) driven by
 * playwright-core, never a downloaded browser. Screenshots go to `artifacts/screenshots/` (CI keeps them).
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContext, type Page, chromium } from "playwright-core";

/** Where Debian's package puts the browser; KETTLE_CHROMIUM overrides it. */
export function chromiumPath(): string {
  for (const path of [process.env.KETTLE_CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (path !== undefined && existsSync(path)) return path;
  }
  throw new Error("Chromium is not installed: run `apt-get install chromium` (Debian's package), as .ci/run does");
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
}

/** Viewports of the screenshots: a desktop and a phone. */
export const viewports = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;

export const screenshotDir = join(process.cwd(), "artifacts", "screenshots");

/** Saves a full-page screenshot as artifacts/screenshots/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** A fresh browser context (its own storage and cookies) at a viewport. */
export function newReader(browser: Browser, viewport: keyof typeof viewports = "desktop"): Promise<BrowserContext> {
  return browser.newContext({ viewport: viewports[viewport], locale: "en-US" });
}
