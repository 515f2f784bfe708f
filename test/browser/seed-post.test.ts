// Checks in Chromium that the demo's seed post shows every element of the Steemit page Kettle started from (shared/seed/): title, community, age with the exact time on hover, the image, the section headings and bullet lists, the closing note, and the call to sign up — on a desktop and a phone, without JavaScript errors.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { seedCommunity, seedPost } from "../../src/cli/seed-post.ts";
import { launchChromium, newReader, saveScreenshot } from "../helpers/browser.ts";
import { type DemoSite, startDemoSite } from "../helpers/web-node.ts";

let site: DemoSite;
let browser: Browser;
before(async () => {
  [site, browser] = await Promise.all([startDemoSite(), launchChromium()]);
});
after(async () => {
  await browser?.close();
  await site?.close();
});

const sections = ["Current Developments", "Context of the Conflict", "Implications", "Looking Ahead", "Conclusion"];

for (const viewport of ["desktop", "phone"] as const) {
  test(`the seed post carries the seed page's elements (${viewport})`, async () => {
    const context = await newReader(browser, viewport);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await page.goto(`${site.url}/`);
    // The seed post is on the front page; its card leads to the post.
    await page.getByRole("link", { name: seedPost.title }).first().click();
    await page.waitForURL(`**/${seedPost.category}/@alice/${seedPost.permlink}`);
    assert.equal(await page.locator("h1.post-title").innerText(), seedPost.title);
    const meta = page.locator(".post-meta");
    assert.match(await meta.innerText(), new RegExp(`in ${seedCommunity.title} · (just now|\\d+ \\w+ ago|an? \\w+ ago)`));
    assert.equal(await meta.getByRole("link", { name: seedCommunity.title }).getAttribute("href"), `/trending/${seedCommunity.name}`);
    assert.match((await meta.locator("time").getAttribute("title")) ?? "", /^\d{1,2} \w+ \d{4}, \d\d:\d\d:\d\d UTC$/);
    const image = page.locator(".post-body img").first();
    await image.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>(".post-body img");
      return img?.complete === true && img.naturalWidth > 0;
    });
    assert.equal(await image.getAttribute("alt"), "GdfiV5jWMAA9dOQ.jpeg");
    const headings = await page.locator(".post-body h2").allInnerTexts();
    assert.deepEqual(headings, sections);
    const bullets = await page.locator(".post-body ul > li").allInnerTexts();
    assert.equal(bullets.length, 12, "the seed page's twelve bullets");
    assert.match(bullets[0], /^Rapid Advance: Syrian rebels have captured dozens of villages/);
    assert.equal(await page.locator(".post-body ul > li strong").count(), 12, "each bullet leads with a bold phrase");
    assert.match(await page.locator(".post-body").innerText(), /\[Note: This article was crafted using the latest available data up to November 28, 2024/);
    const call = page.locator(".signup-call");
    assert.match(await call.innerText(), /Authors get paid when people like you upvote their post\.\s+If you enjoyed what you read here, create your account today and start earning FREE STEEM!/);
    assert.equal(await call.getByRole("link").getAttribute("href"), "/signup");
    assert.deepEqual(await page.locator(".post .tags a").allInnerTexts(), ["syria", "aleppo", "war", "news"]);
    assert.match(await page.locator(".post-footer").innerText(), /3 votes/);
    await saveScreenshot(page, `seed-post-${viewport}`);
    // Nothing spills sideways on a phone.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), "no horizontal scrolling");
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test("with JavaScript off the post still reads whole, with its replies", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${site.url}/${seedPost.category}/@alice/${seedPost.permlink}`);
  assert.deepEqual(await page.locator(".post-body h2").allInnerTexts(), sections);
  assert.equal(await page.locator("#comments .reply").count(), 3);
  // The payout breakdown opens without scripts (a details element).
  await page.locator(".post-footer .payout summary").click();
  assert.match(await page.locator(".post-footer .payout-details").innerText(), /Pending payout amount: \$\d+\.\d\d/);
  await context.close();
});
