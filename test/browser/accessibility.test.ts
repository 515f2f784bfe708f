// Checks the main pages with axe-core in Chromium (WCAG 2.1 A and AA: labels, contrast, names, landmarks, lists) at desktop and phone widths, and that the keyboard reaches the skip link first and the main content from it.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { seedPost } from "../../src/cli/seed-post.ts";
import { launchChromium, viewports } from "../helpers/browser.ts";
import { type DemoSite, startDemoSite } from "../helpers/web-node.ts";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let site: DemoSite;
let browser: Browser;
before(async () => {
  [site, browser] = await Promise.all([startDemoSite(), launchChromium()]);
});
after(async () => {
  await browser?.close();
  await site?.close();
});

/** Pages a reader meets, as a visitor and as alice (the name cookie). */
const pages: readonly { path: string; as?: string }[] = [
  { path: "/" }, { path: `/${seedPost.category}/@alice/${seedPost.permlink}` }, { path: "/@alice" }, { path: "/@alice/followers" },
  { path: `/trending/${seedPost.category}` }, { path: "/communities" }, { path: "/tags" }, { path: "/rewards" }, { path: "/search?q=aleppo" },
  { path: "/login.html" }, { path: "/signup" }, { path: "/no/such/page" }, { path: "/@alice/wallet", as: "alice" },
  { path: "/@alice/notifications", as: "alice" }, { path: "/submit.html", as: "alice" }, { path: "/@alice/settings", as: "alice" },
  { path: `/roles/${seedPost.category}`, as: "alice" },
];

interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

async function audit(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(options: unknown): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run({ runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

for (const viewport of ["desktop", "phone"] as const) {
  test(`no serious or critical WCAG 2.1 AA violations on the main pages (${viewport})`, async () => {
    // axe is injected as a script, which the site's Content-Security-Policy would (rightly) refuse.
    const context = await browser.newContext({ viewport: viewports[viewport], bypassCSP: true });
    const problems: string[] = [];
    for (const { path, as } of pages) {
      await context.clearCookies();
      if (as !== undefined) await context.addCookies([{ name: "kettle_user", value: as, url: site.url }]);
      const page = await context.newPage();
      await page.goto(`${site.url}${path}`);
      for (const v of await audit(page)) {
        if (v.impact === "serious" || v.impact === "critical") problems.push(`${path}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
      }
      await page.close();
    }
    await context.close();
    assert.deepEqual(problems, []);
  });
}

test("the keyboard reaches the skip link first, and it moves focus to the main content", async () => {
  const context = await browser.newContext({ viewport: viewports.desktop });
  const page = await context.newPage();
  await page.goto(`${site.url}/`);
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Skip to content");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "main");
  await context.close();
});
