/**
 * What the browser journeys share: a watch on every page's errors (uncaught exceptions and console errors),
 * JSON-RPC to the demo site, polling for a real condition, answering the pages' own dialogs, a test image,
 * signing a transaction for a demo account from the test, and screenshots of a page at desktop and phone widths.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import sharp from "sharp";
import { demoAccounts } from "../../src/cli/demo.ts";
import { type KeyRole, derivePrivateKeyFromLogin } from "../../src/core/crypto/keys.ts";
import type { Operation } from "../../src/core/protocol/operation-schemas.ts";
import { newReader, saveScreenshot, viewports } from "./browser.ts";
import { createUnsignedTransaction, signWith } from "./test-chain.ts";
import type { DemoSite } from "./web-node.ts";

/** Errors the pages of the watched contexts reported, each with the page's address; drained by `assertNoPageErrors`. */
export class PageErrors {
  readonly seen: string[] = [];

  /** Watches every page the context has or opens. */
  watch(context: BrowserContext): BrowserContext {
    for (const page of context.pages()) this.watchPage(page);
    context.on("page", (page) => this.watchPage(page));
    return context;
  }

  private watchPage(page: Page): void {
    page.on("pageerror", (error) => this.seen.push(`uncaught on ${page.url()}: ${error.stack ?? error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") this.seen.push(`console error on ${page.url()}: ${message.text()} (${message.location().url})`);
    });
  }

  /** Fails with every error seen since the last check (and forgets them, so one failure does not fail every later step). */
  assertNone(step: string): void {
    const errors = this.seen.splice(0);
    assert.deepEqual(errors, [], `${step}: the pages reported errors`);
  }
}

/** A JSON-RPC call to the site's API; an error answer throws. */
export async function rpc<T>(site: DemoSite, method: string, params: unknown): Promise<T> {
  const response = await fetch(site.url, { method: "POST", body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
  const answer = (await response.json()) as { result?: T; error?: { message: string } };
  if (answer.error !== undefined) throw new Error(`${method}: ${answer.error.message}`);
  return answer.result as T;
}

/** Polls `check` until it returns something other than undefined/false, or fails after `timeoutMs` with `what`. */
export async function waitUntil<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10_000, intervalMs = 150): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}${last === null ? "" : ` (last error: ${String(last)})`}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The master password of a demo account (alice, bob, carol, dave). */
export function demoPassword(name: string): string {
  const account = demoAccounts.find((a) => a.name === name);
  if (account === undefined) throw new Error(`${name} is not a demo account`);
  return account.password;
}

/** Signs `operations` for a demo account in the test (not through a page) and waits for the block and the index. */
export async function submitAs(site: DemoSite, name: string, role: KeyRole, operations: Operation[]): Promise<void> {
  const { node } = site.running;
  const secret = derivePrivateKeyFromLogin(name, demoPassword(name), role);
  await node.submit(signWith(createUnsignedTransaction(node.state, operations), node.options.chainId, [secret]));
  await site.settle();
}

/** The open dialog of ui.ts (openDialog, askForKey), not a wallet form's dialog it may sit on top of. */
function pageDialog(page: Page) {
  return page.locator("dialog[open]:not([data-wallet-dialog])");
}

/** Answers the page's key prompt (ui.ts askForKey: a <dialog> with #dialog-input) with `secret`. */
export async function answerKeyPrompt(page: Page, secret: string): Promise<void> {
  const dialog = pageDialog(page).filter({ has: page.locator("#dialog-input") });
  await dialog.waitFor({ timeout: 10_000 });
  await dialog.locator("#dialog-input").fill(secret);
  await dialog.locator('button[value="ok"]').click();
  await dialog.waitFor({ state: "detached", timeout: 5_000 });
}

/** Confirms the page's open dialog (ui.ts openDialog), typing `text` into its field when it has one. */
export async function confirmDialog(page: Page, confirmLabel: string, text?: string): Promise<void> {
  const dialog = pageDialog(page);
  await dialog.waitFor({ timeout: 10_000 });
  if (text !== undefined) await dialog.locator("#dialog-input").fill(text);
  await dialog.getByRole("button", { name: confirmLabel, exact: true }).click();
}

/** An 800×500 JPEG written to a temporary file, for the editor's file input. */
export async function writeTestImage(name = "harbour.jpg"): Promise<string> {
  const bytes = await sharp({ create: { width: 800, height: 500, channels: 3, background: "#48a" } }).jpeg().toBuffer();
  const path = join(mkdtempSync(join(tmpdir(), "kettle-journey-")), name);
  writeFileSync(path, bytes);
  return path;
}

/** The storage a logged-in context carries (a "remember me" login lives in localStorage and a cookie, both kept). */
export type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

/**
 * Opens `path` in a fresh desktop and a fresh phone context (with `storage`, to be logged in), lets `prepare`
 * bring the page to the state worth showing, and saves `<name>-desktop.png` and `<name>-phone.png`. The pages'
 * errors go to `errors`. Also checks that nothing sticks out sideways on the phone.
 */
export async function screenshotBothWidths(
  browser: Browser, errors: PageErrors, site: DemoSite, path: string, name: string,
  options: { storage?: StorageState; prepare?: (page: Page) => Promise<void> } = {},
): Promise<void> {
  for (const viewport of ["desktop", "phone"] as (keyof typeof viewports)[]) {
    const context = errors.watch(options.storage === undefined ? await newReader(browser, viewport) : await browser.newContext({ ...contextOptions(viewport), storageState: options.storage }));
    try {
      const page = await context.newPage();
      await page.goto(`${site.url}${path}`, { waitUntil: "load" });
      await page.waitForLoadState("networkidle");
      await options.prepare?.(page);
      await saveScreenshot(page, `${name}-${viewport}`);
      if (viewport === "phone") {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${name} on a phone is ${overflow}px wider than the screen`);
      }
    } finally {
      await context.close();
    }
  }
}

function contextOptions(viewport: keyof typeof viewports) {
  return { viewport: viewports[viewport], locale: "en-US" };
}
