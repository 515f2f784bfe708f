// Publishes every XSS payload wherever a user can write (through real signed transactions on a demo chain), opens every page that shows them in Chromium with the Content-Security-Policy bypassed (so only the rendering stands between a payload and the page) and again with it on, provokes handlers, clicks and hovers, and asserts nothing ran, loaded from elsewhere, left the page or is left in the DOM that could.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium, saveScreenshot, viewports } from "../helpers/browser.ts";
import {
  type Findings, type XssContent, communityNames, emptyFindings, instrumentContext, plainCategory, provokeHandlers, publishXssContent, scanDom, searchWord,
  separateCspReports, victimName, victimPassword, watchNavigations, writerNames,
} from "../helpers/xss-content.ts";
import { type DemoSite, startDemoSite } from "../helpers/web-node.ts";
import { xssPayloads, xssTextPayloads } from "../xss/payloads.ts";

let site: DemoSite;
let browser: Browser;
let content: XssContent;
/** Payload names by place, including the URL parameters and previews the browser part adds. */
const checked = new Map<string, Set<string>>();

function check(place: string, name: string): void {
  let names = checked.get(place);
  if (names === undefined) checked.set(place, (names = new Set()));
  names.add(name);
}

before(async () => {
  site = await startDemoSite();
  content = await publishXssContent(site);
  for (const [place, names] of content.placed) for (const name of names) check(place, name);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

/** The text payloads used as URL parameters (search, community search, list paths, log-in `next`). */
const urlPayloads = xssTextPayloads.filter((_, index) => index % 40 === 0);

/** A browsing session: one page whose every visit is checked, with its findings. */
class Visitor {
  readonly findings: Findings = emptyFindings();
  /** Paths with their queries, each counted once. */
  readonly pages = new Set<string>();
  readonly origin: string;
  page!: Page;
  private navigation!: ReturnType<typeof watchNavigations>;
  constructor(readonly context: BrowserContext, readonly label: string) {
    this.origin = new URL(site.url).origin;
  }

  async start(): Promise<void> {
    await instrumentContext(this.context, this.origin, this.findings);
    this.page = await this.context.newPage();
    this.navigation = watchNavigations(this.page, this.findings);
    // The instruments themselves: a marker call and an alert made on purpose must both be reported.
    this.navigation.expect(`${this.origin}/`);
    await this.page.goto(`${this.origin}/`, { waitUntil: "domcontentloaded" });
    await this.page.evaluate(() => {
      (window as unknown as { __xss(name: string): void }).__xss("instrument-check");
      window.alert("instrument-check");
    });
    await this.page.waitForTimeout(50);
    assert.deepEqual(this.findings.executed.map((line) => line.split(" (on ")[0]), ["__xss(instrument-check)", "alert(instrument-check)"], `${this.label}: the marker reports`);
    this.findings.executed.length = 0;
  }

  /** Opens a path (its DOM settled), provokes every handler, clicks the video placeholders, then scans the DOM. */
  async visit(path: string): Promise<Page> {
    const url = `${this.origin}${path}`;
    this.navigation.expect(url);
    const response = await this.page.goto(url, { waitUntil: "domcontentloaded" });
    assert.ok(response !== null && response.status() < 500, `${path} answered ${response?.status()}`);
    this.pages.add(path);
    await this.inspect(path);
    return this.page;
  }

  /** Checks the page as it is now (after a visit, or after typing into a preview). */
  async inspect(where: string): Promise<void> {
    const page = this.page;
    await page.evaluate(() => {
      for (const details of document.querySelectorAll("details")) details.open = true;
    });
    await provokeHandlers(page);
    // A real pointer over a sample of the user content too (hover styles, :hover-driven tricks).
    const targets = await page.locator(".markdown a, .markdown img, .card-title a, .card-summary, .profile-header a, .community-sidebar p, .wallet-memo, .notification a").all();
    for (const target of targets.slice(0, 6)) {
      const box = await target.boundingBox().catch(() => null);
      if (box !== null && box.width > 0) await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 10));
    }
    // Video placeholders load their player only on a click: do it, and check the player is the only thing loaded.
    for (const wrapper of (await page.locator(".videoWrapper[data-embed-provider]").all()).slice(0, 2)) {
      await wrapper.click({ timeout: 1000 }).catch(() => undefined);
    }
    // Time for timers, animations, lazy images and autofocus to fire.
    await page.waitForTimeout(120);
    const flag = await page.evaluate(() => (window as unknown as { __xssFlag?: unknown }).__xssFlag);
    if (flag !== undefined) this.findings.executed.push(`window.__xssFlag set on ${where}`);
    for (const problem of await scanDom(page)) this.findings.dangerousMarkup.push(`${where}: ${problem}`);
  }

  /** Logs in through the log-in page, whose `next` is a javascript: URL (it must lead back to the site). */
  async logIn(name: string, password: string): Promise<void> {
    const next = "javascript:__xss('login-next')";
    check("log-in next", "login-next");
    await this.visit(`/login.html?next=${encodeURIComponent(next)}`);
    await this.page.fill("#login-name", name);
    await this.page.fill("#login-secret", password);
    await this.page.check("#login-remember");
    this.navigation.expect(`${this.origin}/`);
    const back = this.page.waitForURL(`${this.origin}/`, { timeout: 10_000 }).then(() => true, () => false);
    await this.page.click("[data-login-form] button[type=submit]");
    if (!(await back)) this.findings.navigations.push(`after logging in with next=${next} the page stayed at ${this.page.url()} instead of the front page`);
    await this.inspect("after log-in");
  }

  /** Types a body into a preview textarea and waits until the preview shows the server's rendering of it. */
  async preview(textarea: string, body: string, where: string): Promise<void> {
    const rendered = this.page.waitForResponse((response) => response.url().endsWith("/api/render") && response.request().postData()?.includes(JSON.stringify(body).slice(1, 60)) === true, { timeout: 10_000 });
    await this.page.fill(textarea, body);
    await rendered;
    await this.page.waitForTimeout(50);
    await this.inspect(where);
  }

  async close(): Promise<void> {
    separateCspReports(this.findings);
    await this.context.close();
  }
}

function assertClean(visitor: Visitor): void {
  const { executed, offsiteRequests, navigations, dangerousMarkup, cspViolations } = visitor.findings;
  // Every kind at once, each without repeats and cut to 25 lines, so one failure shows everything that went wrong.
  const shown = (list: readonly string[]) => [...new Set(list)].slice(0, 25);
  const found = {
    executed: shown(executed),
    navigations: shown(navigations),
    offsiteRequests: shown(offsiteRequests),
    dangerousMarkup: shown(dangerousMarkup),
    cspViolations: shown(cspViolations),
  };
  const nothing = { executed: [], navigations: [], offsiteRequests: [], dangerousMarkup: [], cspViolations: [] };
  assert.deepEqual(found, nothing, `${visitor.label}: ${Object.entries(found).filter(([, list]) => list.length > 0).map(([kind, list]) => `${kind} ${list.length}`).join(", ")}`);
}

/** Pages every payload shows on, for a reader who is not logged in. */
async function publicPages(visitor: Visitor): Promise<void> {
  for (const path of ["/", "/created", "/payout", "/tags", "/communities", `/trending/${plainCategory}`]) await visitor.visit(path);
  for (const path of content.postPaths) await visitor.visit(path);
  for (const community of communityNames) {
    await visitor.visit(`/trending/${community}`);
    await visitor.visit(`/roles/${community}`);
    await visitor.visit(`/subscribers/${community}`);
  }
  for (const writer of writerNames) {
    await visitor.visit(`/@${writer}`);
    // Reply titles show on the comments tab, 20 a page: follow its pages to the end.
    let path: string | null = `/@${writer}/comments`;
    for (let pages = 0; path !== null && pages < 5; pages++) {
      const next = (await visitor.visit(path)).locator('.pager a[rel="next"]');
      path = (await next.count()) > 0 ? await next.first().getAttribute("href") : null;
    }
  }
  for (const tab of ["posts", "replies", "communities", "wallet", "notifications"]) await visitor.visit(`/@${victimName}/${tab}`);
  await visitor.visit("/@alice/notifications");
  await visitor.visit(`/search?q=${searchWord}`);
  await visitor.visit(`/search?q=${victimName}`);
  await visitor.visit(`/search?q=%40${writerNames[1]}`);
  for (const { name, payload } of urlPayloads) {
    check("search query", name);
    await visitor.visit(`/search?q=${encodeURIComponent(payload)}`);
    check("community search query", name);
    await visitor.visit(`/communities?q=${encodeURIComponent(payload)}`);
    check("list path", name);
    await visitor.visit(`/trending/${encodeURIComponent(payload)}`);
  }
  for (const next of ["//evil.example/", "/\\evil.example/", "https://evil.example/", "data:text/html,<script>__xss('next-data')</script>", " javascript:__xss('next-space')"]) {
    check("log-in next", next);
    await visitor.visit(`/login.html?next=${encodeURIComponent(next)}`);
    const kept = await visitor.page.getAttribute("[data-login-form]", "data-next");
    if (kept !== "/") visitor.findings.dangerousMarkup.push(`the log-in page keeps next=${next} as ${kept}, not "/"`);
  }
}

/** Pages and previews for the victim, logged in: owner views, settings, the wallet, the editor and inline replies. */
async function ownerPages(visitor: Visitor, previews: "all" | "some"): Promise<void> {
  await visitor.logIn(victimName, victimPassword);
  for (const path of [`/@${victimName}`, `/@${victimName}/notifications`, `/@${victimName}/wallet`, `/@${victimName}/settings`, `/@${victimName}/communities`, `/community-settings/${communityNames[0]}`, `/roles/${communityNames[0]}`, content.postPaths[0]]) {
    await visitor.visit(path);
  }
  const bodies = previews === "all" ? content.previewBodies : content.previewBodies.slice(0, 2);
  // The editor's live preview, with a title payload typed too.
  await visitor.visit("/submit.html");
  for (const [index, group] of bodies.entries()) {
    await visitor.page.fill("#editor-title", xssTextPayloads[index % xssTextPayloads.length].payload);
    await visitor.preview("#editor-body", group.body, `editor preview ${index}`);
    for (const name of group.names) check("editor preview", name);
  }
  // The inline reply box's preview under a post.
  await visitor.visit(content.postPaths[1]);
  await visitor.page.click('.post-footer [data-action="reply"]');
  await visitor.page.waitForSelector(".reply-form textarea");
  for (const [index, group] of bodies.slice(0, previews === "all" ? 4 : 1).entries()) {
    await visitor.preview(".reply-form textarea", group.body, `reply preview ${index}`);
    for (const name of group.names) check("reply preview", name);
  }
}

test("with the CSP bypassed, no payload runs, loads from another host, leaves the page or leaves dangerous markup", async () => {
  const started = Date.now();
  const visitor = new Visitor(await browser.newContext({ bypassCSP: true, viewport: viewports.desktop, locale: "en-US" }), "CSP bypassed");
  await visitor.start();
  try {
    await publicPages(visitor);
    await ownerPages(visitor, "all");
  } catch (error) {
    await saveScreenshot(visitor.page, "xss-failure").catch(() => undefined);
    throw error;
  } finally {
    await visitor.close();
  }
  assertClean(visitor);
  assert.ok(visitor.findings.embedsLoaded.length > 0, "a click on a video placeholder loaded its player (and only it)");
  const names = new Set([...checked.values()].flatMap((set) => [...set]).filter((name) => xssPayloads.some((p) => p.name === name)));
  assert.ok(names.size >= 100, `only ${names.size} payloads were placed`);
  assert.ok((checked.get("post body")?.size ?? 0) >= 250 && (checked.get("reply body")?.size ?? 0) >= 250, "nearly every payload is in a body");
  const placements = [...checked.values()].reduce((sum, set) => sum + set.size, 0);
  console.log(
    `checked ${names.size} of ${xssPayloads.length} payloads in ${checked.size} places (${placements} placements) on ${visitor.pages.size} pages with the CSP bypassed: none executed ` +
      `(${((Date.now() - started) / 1000).toFixed(1)} s; ${visitor.findings.embedsLoaded.length} video players loaded on click; not placed: ${content.notPlaced.join(", ") || "none"})`,
  );
  for (const [place, set] of checked) console.log(`  ${place}: ${set.size}`);
});

test("with the site's own CSP on, the same pages run nothing and violate nothing", async () => {
  const visitor = new Visitor(await browser.newContext({ viewport: viewports.desktop, locale: "en-US" }), "CSP on");
  await visitor.start();
  try {
    for (const path of ["/", `/created/${plainCategory}`, ...content.postPaths, `/trending/${communityNames[0]}`, `/roles/${communityNames[0]}`, `/@${writerNames[2]}`, `/@${writerNames[3]}/comments`, `/search?q=${encodeURIComponent(urlPayloads[0].payload)}`]) {
      await visitor.visit(path);
    }
    await ownerPages(visitor, "some");
  } finally {
    await visitor.close();
  }
  assertClean(visitor);
  console.log(`with the CSP on: ${visitor.pages.size} pages, none executed, no policy violation`);
});
