// Records every request Chromium makes while a new user signs up, logs in with the master password and with a posting key, publishes a post with an image, votes, transfers and powers up (giving the active key as the master password and as a WIF) and logs out, and asserts no private key or password ever leaves the browser, lands in the data directory or the node's output, or is stored beyond the posting key the session store allows.
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import sharp from "sharp";
import { derivePrivateKeyFromLogin, encodeWif, keyRoles } from "../../src/core/crypto/keys.ts";
import { sessionStorageKey, userCookieName } from "../../src/web/client/lib/session-store.ts";
import { launchChromium, saveScreenshot, viewports } from "../helpers/browser.ts";
import { createUnsignedTransaction, initMinerAccount, signWith } from "../helpers/test-chain.ts";
import { type DemoSite, startDemoSite } from "../helpers/web-node.ts";

const accountName = "keepsecrets";

let site: DemoSite;
let browser: Browser;
/** Everything the node process printed while the test ran. */
let printed = "";
const restoreOutput: (() => void)[] = [];

/** One request as it left the browser. */
interface Recorded {
  readonly what: string;
  readonly url: string;
  readonly headers: Promise<Record<string, string>>;
  readonly body: Buffer | null;
}

const recorded: Recorded[] = [];

before(async () => {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      printed += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restoreOutput.push(() => {
      stream.write = write as typeof stream.write;
    });
  }
  site = await startDemoSite();
  browser = await launchChromium();
});

after(async () => {
  for (const restore of restoreOutput) restore();
  await browser?.close();
  await site?.close();
});

/** A secret and the forms it could travel in. */
interface SecretForm {
  readonly label: string;
  readonly text: string;
}

/** The private material of the account: the master password and each role's key as WIF, hex and base64, with their URL-encoded and JSON-escaped forms. */
function secretForms(password: string): { forms: SecretForm[]; raw: { label: string; bytes: Buffer }[]; postingWif: string } {
  const forms: SecretForm[] = [{ label: "master password", text: password }];
  const raw: { label: string; bytes: Buffer }[] = [];
  let postingWif = "";
  for (const role of keyRoles) {
    for (const normalize of [false, true]) {
      const secret = derivePrivateKeyFromLogin(accountName, password, role, normalize);
      const bytes = Buffer.from(secret);
      const wif = encodeWif(secret);
      if (role === "posting") postingWif = wif;
      raw.push({ label: `${role} key bytes`, bytes });
      forms.push(
        { label: `${role} WIF`, text: wif },
        { label: `${role} key hex`, text: bytes.toString("hex") },
        { label: `${role} key HEX`, text: bytes.toString("hex").toUpperCase() },
        { label: `${role} key base64`, text: bytes.toString("base64") },
        { label: `${role} key base64url`, text: bytes.toString("base64url") },
      );
    }
  }
  const encoded: SecretForm[] = [];
  for (const form of forms) {
    encoded.push({ label: `${form.label} (URL-encoded)`, text: encodeURIComponent(form.text) });
    encoded.push({ label: `${form.label} (form-encoded)`, text: new URLSearchParams({ x: form.text }).toString().slice(2) });
    encoded.push({ label: `${form.label} (JSON)`, text: JSON.stringify(form.text).slice(1, -1) });
  }
  const unique = new Map<string, SecretForm>();
  for (const form of [...forms, ...encoded]) if (!unique.has(form.text)) unique.set(form.text, form);
  const rawUnique = [...new Map(raw.map((secret) => [secret.bytes.toString("hex"), secret])).values()];
  return { forms: [...unique.values()], raw: rawUnique, postingWif };
}

/** Which secret forms a text or buffer holds (case-sensitive, except hex which is checked both ways). */
function findSecrets(haystack: string | Buffer, forms: readonly SecretForm[], raw: readonly { label: string; bytes: Buffer }[] = []): string[] {
  const found: string[] = [];
  const text = typeof haystack === "string" ? haystack : haystack.toString("latin1");
  const utf8 = typeof haystack === "string" ? haystack : haystack.toString("utf8");
  for (const form of forms) if (text.includes(form.text) || utf8.includes(form.text)) found.push(form.label);
  if (typeof haystack !== "string") for (const secret of raw) if (haystack.includes(secret.bytes)) found.push(secret.label);
  return found;
}

function record(context: BrowserContext): void {
  context.on("request", (request) => {
    let body: Buffer | null = null;
    try {
      body = request.postDataBuffer();
    } catch {
      body = null;
    }
    recorded.push({ what: `${request.method()} ${request.url()}`, url: request.url(), headers: request.allHeaders(), body });
  });
  context.on("page", (page) => {
    page.on("websocket", (socket) => {
      socket.on("framesent", (frame) => {
        const payload = typeof frame.payload === "string" ? Buffer.from(frame.payload) : frame.payload;
        recorded.push({ what: `websocket frame to ${socket.url()}`, url: socket.url(), headers: Promise.resolve({}), body: payload });
      });
    });
  });
}

/** Storage and cookies as the page and the browser hold them. */
async function storageOf(page: Page): Promise<{ local: Record<string, string>; session: Record<string, string>; cookies: { name: string; value: string }[] }> {
  const { local, session } = await page.evaluate(() => ({ local: { ...localStorage }, session: { ...sessionStorage } }));
  const cookies = (await page.context().cookies()).map(({ name, value }) => ({ name, value }));
  return { local, session, cookies };
}

/**
 * Storage holds at most the session entry with the posting key (sessionStorage, or localStorage when
 * remembered), never the password or another key; the name cookie holds the name.
 */
async function assertStorage(page: Page, step: string, secrets: ReturnType<typeof secretForms>, expect: { session: "none" | "tab" | "remembered"; postingKey: boolean }): Promise<void> {
  const { local, session, cookies } = await storageOf(page);
  const notPosting = secrets.forms.filter((form) => !form.text.includes(secrets.postingWif) && form.text !== secrets.postingWif);
  for (const [where, entries] of [["localStorage", local], ["sessionStorage", session]] as const) {
    for (const [key, value] of Object.entries(entries)) {
      assert.deepEqual(findSecrets(`${key}=${value}`, notPosting), [], `${step}: ${where}.${key} holds a secret`);
      if (key !== sessionStorageKey) assert.ok(!value.includes(secrets.postingWif), `${step}: ${where}.${key} holds the posting key`);
    }
  }
  const stored = expect.session === "tab" ? session[sessionStorageKey] : expect.session === "remembered" ? local[sessionStorageKey] : undefined;
  const other = expect.session === "tab" ? local[sessionStorageKey] : session[sessionStorageKey];
  assert.equal(other, undefined, `${step}: the session is only in the storage it belongs to`);
  if (expect.session === "none") {
    assert.equal(local[sessionStorageKey] ?? session[sessionStorageKey], undefined, `${step}: logged out, no session is stored`);
  } else {
    assert.ok(stored !== undefined, `${step}: the session is stored`);
    assert.deepEqual(JSON.parse(stored), { name: accountName, method: "key", postingKey: expect.postingKey ? secrets.postingWif : null }, `${step}: the stored session`);
  }
  for (const cookie of cookies) {
    assert.deepEqual(findSecrets(`${cookie.name}=${cookie.value}`, secrets.forms), [], `${step}: cookie ${cookie.name} holds a secret`);
    if (cookie.name === userCookieName) assert.equal(cookie.value, expect.session === "none" ? "" : accountName, `${step}: the name cookie`);
  }
  const names = cookies.filter((c) => c.value !== "").map((c) => c.name);
  assert.ok(names.every((name) => name === userCookieName), `${step}: only the name cookie is set (${names.join(", ")})`);
}

/** Answers the wallet's dialogs (a confirmation, then the key prompt) until the operation is done. */
async function answerWalletDialogs(page: Page, key: string, step: string): Promise<void> {
  const done = page.locator(".toast", { hasText: ": done." });
  const prompt = page.locator("dialog[open] #dialog-input");
  const confirm = page.locator('dialog[open]:not(.wallet-dialog) button[value="ok"]');
  const problem = page.locator('dialog[open] [data-form-error]:not([hidden]), .toast.error');
  const deadline = Date.now() + 20_000;
  let asked = false;
  while (!(await done.count())) {
    assert.ok(Date.now() < deadline, `${step}: the wallet did not finish`);
    if (await problem.count()) assert.fail(`${step}: ${await problem.first().textContent()}`);
    if (await prompt.count()) {
      await prompt.fill(key);
      asked = true;
      await page.locator('dialog[open]:has(#dialog-input) button[value="ok"]').click();
    } else if (await confirm.count()) {
      await confirm.first().click();
    }
    await page.waitForTimeout(100);
  }
  assert.ok(asked, `${step}: the active key was asked for`);
}

async function openWalletForm(page: Page, form: "transfer" | "power-up", values: Record<string, string>): Promise<void> {
  await page.goto(`${site.url}/@${accountName}/wallet`);
  await page.locator(`[data-wallet-open="${form}"]`).first().click();
  const dialog = page.locator(`form[data-wallet-form="${form}"]`);
  for (const [name, value] of Object.entries(values)) await dialog.locator(`[name="${name}"]:not([type="hidden"])`).fill(value);
  await dialog.locator('button[type="submit"]').click();
}

async function logOut(page: Page): Promise<void> {
  await page.locator("details.menu summary").click();
  await Promise.all([page.waitForURL(`${site.url}/`), page.locator('[data-action="logout"]').first().click()]);
}

async function logIn(page: Page, secret: string, remember: boolean): Promise<void> {
  await page.goto(`${site.url}/login.html`);
  await page.fill("#login-name", accountName);
  await page.fill("#login-secret", secret);
  if (remember) await page.check("#login-remember");
  await Promise.all([page.waitForURL(`${site.url}/`, { timeout: 15_000 }), page.click('[data-login-form] button[type="submit"]')]);
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

test("no password or private key leaves the browser, reaches the server's files or output, or is stored beyond the posting key", async () => {
  const started = Date.now();
  const context = await browser.newContext({ viewport: viewports.desktop, locale: "en-US" });
  record(context);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  let secrets: ReturnType<typeof secretForms> | null = null;
  const steps: string[] = [];
  try {
    // Sign up: the page generates the master password, which is read from it.
    await page.goto(`${site.url}/signup`);
    await page.fill("#signup-name", accountName);
    await page.click("[data-generate]");
    const box = page.locator("[data-password]");
    await box.waitFor({ state: "visible" });
    const password = (await box.textContent())?.trim() ?? "";
    assert.ok(password.length >= 32, `a generated master password (${password.length} characters)`);
    secrets = secretForms(password);
    const activeWif = encodeWif(derivePrivateKeyFromLogin(accountName, password, "active"));
    await page.fill("#signup-confirm", password);
    await page.check("#signup-saved");
    await Promise.all([page.waitForURL(new RegExp(`/@${accountName}\\?welcome=1$`), { timeout: 20_000 }), page.click('[data-signup-form] button[type="submit"]')]);
    steps.push("sign-up");
    await assertStorage(page, "after sign-up", secrets, { session: "tab", postingKey: true });

    // Some liquid STEEM to move (sign-up gives Steem Power only).
    const node = site.running.node;
    await node.submit(signWith(createUnsignedTransaction(node.state, [{ type: "transfer", value: { from: "initminer", to: accountName, amount: { amount: 50_000n, symbol: "STEEM" }, memo: "" } }]), node.options.chainId, [initMinerAccount.secrets.active]));
    await site.settle();

    // Publish a post with an uploaded image, then upvote it.
    await page.goto(`${site.url}/submit.html`);
    await page.fill("#editor-title", "A post with a picture");
    await page.fill("#editor-body", "Tea time.\n\n");
    await page.fill("#editor-tags", "kettle tea");
    const png = await sharp({ create: { width: 48, height: 32, channels: 3, background: { r: 200, g: 80, b: 20 } } }).png().toBuffer();
    await page.setInputFiles("#editor-image", { name: "teapot.png", mimeType: "image/png", buffer: png });
    await page.waitForFunction(() => /!\[teapot\.png\]\(\S+\)/.test((document.querySelector("#editor-body") as HTMLTextAreaElement).value), undefined, { timeout: 15_000 });
    steps.push("image upload");
    await Promise.all([page.waitForURL(new RegExp(`/@${accountName}/`), { timeout: 20_000 }), page.click('[data-editor] button[type="submit"]')]);
    steps.push("publish");
    await page.locator(".post-footer .vote-up").click();
    await page.locator("[data-cast]").click();
    await page.locator('.post-footer [data-vote][data-voted="up"]').waitFor({ timeout: 15_000 });
    steps.push("vote");
    await assertStorage(page, "after publishing and voting", secrets, { session: "tab", postingKey: true });

    // A transfer asks for the active key: given as the master password.
    await openWalletForm(page, "transfer", { to: "alice", amount: "1.000", memo: "for the tea" });
    await answerWalletDialogs(page, password, "transfer with the master password");
    steps.push("transfer (master password)");
    await assertStorage(page, "after a transfer signed with the master password", secrets, { session: "tab", postingKey: true });
    await logOut(page);
    steps.push("log-out");
    await assertStorage(page, "after logging out", secrets, { session: "none", postingKey: false });

    // Log in with the master password, remembered; transfer and power up with the active WIF.
    await logIn(page, password, true);
    steps.push("log-in (master password)");
    await assertStorage(page, "after a remembered master-password log-in", secrets, { session: "remembered", postingKey: true });
    await openWalletForm(page, "transfer", { to: "bob", amount: "1.000", memo: "" });
    await answerWalletDialogs(page, activeWif, "transfer with the active WIF");
    steps.push("transfer (active WIF)");
    await openWalletForm(page, "power-up", { amount: "2.000" });
    await answerWalletDialogs(page, activeWif, "power up with the active WIF");
    steps.push("power up (active WIF)");
    await assertStorage(page, "after transfers with the active key", secrets, { session: "remembered", postingKey: true });
    await logOut(page);
    await assertStorage(page, "after logging out again", secrets, { session: "none", postingKey: false });

    // Log in with the posting WIF for this tab only, then log out.
    await logIn(page, secrets.postingWif, false);
    steps.push("log-in (posting WIF)");
    await assertStorage(page, "after a posting-key log-in", secrets, { session: "tab", postingKey: true });
    await logOut(page);
    steps.push("log-out");
    await assertStorage(page, "after the last log-out", secrets, { session: "none", postingKey: false });
  } catch (error) {
    await saveScreenshot(page, "no-secrets-failure").catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
  assert.ok(secrets !== null);
  assert.deepEqual(pageErrors, [], "the pages ran without errors");

  // Nothing secret in any request: URL (as sent and decoded), headers (cookies included), body, WebSocket frames.
  const leaks: string[] = [];
  let bodies = 0;
  for (const request of recorded) {
    const headers = await request.headers.catch(() => ({}) as Record<string, string>);
    let decodedUrl = request.url;
    try {
      decodedUrl = decodeURIComponent(request.url);
    } catch {
      // a URL that does not decode is checked as sent
    }
    const found = [
      ...findSecrets(`${request.url}\n${decodedUrl}`, secrets.forms),
      ...findSecrets(Object.entries(headers).map(([name, value]) => `${name}: ${value}`).join("\n"), secrets.forms),
      ...(request.body === null ? [] : findSecrets(request.body, secrets.forms, secrets.raw)),
    ];
    if (request.body !== null) bodies++;
    if (found.length > 0) leaks.push(`${request.what.slice(0, 160)}: ${[...new Set(found)].join(", ")}`);
  }
  const posts = recorded.filter((r) => r.what.startsWith("POST "));
  assert.ok(posts.some((r) => r.url.endsWith("/api/signup")), "the sign-up request was recorded");
  assert.ok(posts.some((r) => r.body?.includes("broadcast_transaction") === true), "broadcasts were recorded");
  assert.ok(posts.some((r) => /\/keepsecrets\/[0-9a-f]{130}$/.test(r.url)), "the image upload was recorded");

  // Nothing secret on the server: every file of the data directory (block log, index, images, state) and its output.
  const stored: string[] = [];
  const files = filesUnder(site.dataDir);
  for (const file of files) {
    const found = findSecrets(readFileSync(file), secrets.forms, secrets.raw);
    if (found.length > 0) stored.push(`${file.slice(site.dataDir.length)}: ${found.join(", ")}`);
  }
  const output = findSecrets(printed, secrets.forms);
  assert.deepEqual({ requests: leaks, dataFiles: stored, nodeOutput: output }, { requests: [], dataFiles: [], nodeOutput: [] }, "secrets found outside the browser");
  console.log(
    `recorded ${recorded.length} requests (${bodies} with bodies) over ${steps.join(", ")}; scanned ${files.length} data files and ${printed.length} characters of output ` +
      `for ${secrets.forms.length} text forms and ${secrets.raw.length} raw keys: no secret found (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
});
