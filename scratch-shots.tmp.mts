import { startDemoSite } from "./test/helpers/web-node.ts";
import { launchChromium, newReader, saveScreenshot } from "./test/helpers/browser.ts";
const site = await startDemoSite();
const browser = await launchChromium();
for (const vp of ["desktop", "phone"] as const) {
  const ctx = await newReader(browser, vp);
  const page = await ctx.newPage();
  page.on("console", (m) => { if (m.type() === "error") console.log("console:", m.text()); });
  for (const [name, path] of [["front", "/"], ["post", "/hive-196037/@alice/the-battle-for-aleppo-a-new-chapter-in-syrias-enduring-conflict"], ["profile", "/@alice"], ["community", "/trending/hive-196037"], ["wallet", "/@alice/wallet"], ["signup", "/signup"]]) {
    await page.goto(site.url + path);
    await saveScreenshot(page, `${name}-${vp}`);
  }
  await ctx.close();
}
await browser.close();
await site.close();
