// Checks the main user journey in real Chromium on a demo node: sign up, log in, post with an image in a community, be voted, replied to, followed and reblogged, read the notifications, get paid a week later, use the wallet, be pinned by a moderator, be found by search.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium, newReader, saveScreenshot } from "../helpers/browser.ts";
import {
  PageErrors, type StorageState, answerKeyPrompt, confirmDialog, demoPassword, rpc, screenshotBothWidths, submitAs, waitUntil, writeTestImage,
} from "../helpers/browser-journey.ts";
import { type DemoSite, startDemoSite } from "../helpers/web-node.ts";

const community = "hive-196037";
const writer = "writer1";
const title = "Lanterns over the citadel of Aleppo";
const searchWord = "lanterns";

let site: DemoSite;
let browser: Browser;
const errors = new PageErrors();
/** The writer's browser (desktop) and the second user's, bob, a moderator of the community. */
let writerContext: BrowserContext;
let writerPage: Page;
let bobContext: BrowserContext;
let bobPage: Page;
/** Learnt on the way. */
let writerPassword = "";
let permlink = "";
let writerStorage: StorageState;

before(async () => {
  [site, browser] = await Promise.all([startDemoSite(), launchChromium()]);
  writerContext = errors.watch(await newReader(browser, "desktop"));
  writerPage = await writerContext.newPage();
  bobContext = errors.watch(await newReader(browser, "desktop"));
  bobPage = await bobContext.newPage();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

interface Content {
  readonly author: string;
  readonly title: string;
  readonly body: string;
  readonly category: string;
  readonly json_metadata: string;
  readonly cashout_time: string;
  readonly last_payout: string;
  readonly total_payout_value: string;
  readonly curator_payout_value: string;
  readonly active_votes: { voter: string; percent: number }[];
  readonly children: number;
}

const getContent = (author: string, link: string) => rpc<Content>(site, "condenser_api.get_content", [author, link]);
const postPath = () => `/${community}/@${writer}/${permlink}`;

/** Reads the header's unread badge once the page script has filled it ("" while hidden). */
async function unreadBadge(page: Page): Promise<string> {
  const badge = page.locator("[data-unread-count]");
  return (await badge.isVisible()) ? ((await badge.textContent()) ?? "") : "";
}

test("a new reader signs up, saves the generated password and lands logged in on their profile", async () => {
  const page = writerPage;
  await page.goto(`${site.url}/signup`);
  await page.locator("#signup-name").fill(writer);
  await page.locator("[data-name-status]").filter({ hasText: `${writer} is available.` }).waitFor();
  await page.getByRole("button", { name: "Continue" }).click();
  const passwordBox = page.locator("[data-password]");
  await passwordBox.waitFor();
  writerPassword = (await passwordBox.textContent())?.trim() ?? "";
  assert.match(writerPassword, /^P5[1-9A-HJ-NP-Za-km-z]{40,60}$/, "a Steem-style master password");
  assert.equal(await page.locator("#signup-name").getAttribute("readonly"), "", "the name is locked once the password is made");
  // The form refuses to go on until the password is typed back and the box ticked.
  await page.getByRole("button", { name: "Create account" }).click();
  await page.locator("[data-signup-error]").filter({ hasText: "does not match" }).waitFor();
  await page.locator("#signup-confirm").fill(writerPassword);
  await page.locator("#signup-saved").check();
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(`${site.url}/@${writer}?welcome=1`, { timeout: 15_000 });
  await page.locator(".reader summary").filter({ hasText: `@${writer}` }).waitFor();
  const [account] = await rpc<{ name: string }[]>(site, "condenser_api.get_accounts", [[writer]]);
  assert.equal(account?.name, writer, "the account is on chain");
  errors.assertNone("sign up");
});

test("after logging out, a wrong password is refused clearly; the master password with 'remember me' logs in, also in a new browser session", async () => {
  const page = writerPage;
  await page.locator(".reader summary").click();
  await page.getByRole("button", { name: "Log out" }).click();
  await page.waitForURL(`${site.url}/`);
  await page.locator(".reader a", { hasText: "Log in" }).waitFor();
  await page.locator(".reader a", { hasText: "Log in" }).click();
  await page.waitForURL(/\/login\.html/);
  await page.locator("#login-name").fill(writer);
  await page.locator("#login-secret").fill(`${writerPassword}x`);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  const error = page.locator("[data-login-error]");
  await error.waitFor();
  assert.equal((await error.textContent())?.trim(), `That password is not ${writer}'s master password, nor one of its keys.`);
  assert.equal(await page.locator("#login-secret").getAttribute("aria-invalid"), "true");
  await page.locator("#login-secret").fill(writerPassword);
  await page.locator("#login-remember").check();
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  await page.waitForURL(`${site.url}/`);
  await page.locator(".reader summary").filter({ hasText: `@${writer}` }).waitFor();
  const remembered = await page.evaluate(() => localStorage.getItem("kettle.session"));
  assert.ok(remembered !== null && JSON.parse(remembered).name === writer, "remembered in localStorage");
  assert.doesNotMatch(remembered, /P5/, "the master password is never stored");
  writerStorage = await writerContext.storageState();
  const returning = errors.watch(await browser.newContext({ storageState: writerStorage }));
  try {
    const page2 = await returning.newPage();
    await page2.goto(`${site.url}/`);
    await page2.locator(".reader summary").filter({ hasText: `@${writer}` }).waitFor();
  } finally {
    await returning.close();
  }
  errors.assertNone("log in");
});

test("the writer joins the community, then publishes a post with an uploaded image in it", async () => {
  const page = writerPage;
  await page.goto(`${site.url}/trending/${community}`);
  const join = page.locator(`[data-action=subscribe][data-community="${community}"]`).first();
  await join.click();
  await page.locator(`[data-action=subscribe][data-subscribed="true"]`).first().waitFor({ timeout: 10_000 });
  await page.getByRole("link", { name: "Write" }).click();
  await page.waitForURL(/\/submit\.html/);
  await page.locator(`#editor-community option[value="${community}"]`).waitFor({ state: "attached" });
  await page.locator("#editor-community").selectOption(community);
  await page.locator("#editor-title").fill(title);
  await page.locator("#editor-body").fill("The old city was dark for years. Last night the citadel's walls were lit again, one lantern at a time.\n\n");
  await page.locator("#editor-image").setInputFiles(await writeTestImage("citadel.jpg"));
  const body = page.locator("#editor-body");
  await waitUntil("the uploaded image's markdown is in the body", async () => /!\[citadel\.jpg\]\([^)]+\)/.test(await body.inputValue()), 15_000);
  await body.press("Control+End");
  await body.pressSequentially("\nFamilies walked the souk until midnight.");
  await page.locator("[data-preview] img").waitFor({ timeout: 10_000 });
  assert.match((await page.locator("[data-preview]").textContent()) ?? "", /Families walked the souk/);
  await page.locator("#editor-tags").fill("aleppo photography");
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await page.waitForURL(new RegExp(`/${community}/@${writer}/[a-z0-9-]+$`), { timeout: 15_000 });
  permlink = page.url().split("/").at(-1) ?? "";
  assert.match(permlink, /^lanterns-over-the-citadel-of-aleppo-/);
  assert.equal((await page.locator("h1.post-title").textContent())?.trim(), title);
  await page.locator(".post-body img").first().waitFor();
  assert.equal(await page.locator(".post-body img").first().evaluate((img) => (img as HTMLImageElement).naturalWidth > 0), true, "the uploaded image loads");
  const content = await getContent(writer, permlink);
  assert.equal(content.category, community);
  const metadata = JSON.parse(content.json_metadata) as { tags: string[]; image: string[] };
  assert.deepEqual(metadata.tags, [community, "aleppo", "photography"]);
  assert.equal(metadata.image.length, 1, "the image is in the metadata");
  errors.assertNone("publish");
});

test("a reader on a phone who is not logged in and clicks upvote is sent to log in, and comes back", async () => {
  const context = errors.watch(await newReader(browser, "phone"));
  try {
    const page = await context.newPage();
    await page.goto(`${site.url}${postPath()}`);
    await page.locator(".post-footer [data-vote] button[data-direction=up]").click();
    await page.waitForURL(`${site.url}/login.html?next=${encodeURIComponent(postPath())}`);
    await page.locator("#login-name").fill("carol");
    await page.locator("#login-secret").fill(demoPassword("carol"));
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await page.waitForURL(`${site.url}${postPath()}`);
  } finally {
    await context.close();
  }
  errors.assertNone("logged-out upvote");
});

test("bob comes by later, logs in, upvotes with the slider, replies, follows the writer and reblogs the post", async () => {
  // Six minutes on (one sparse block): a vote in a post's first five minutes earns its voter almost no curation.
  const { time } = await rpc<{ time: string }>(site, "condenser_api.get_dynamic_global_properties", []);
  const later = new Date(Date.parse(`${time}Z`) + 6 * 60_000).toISOString().slice(0, 19);
  await rpc(site, "debug_node_api.debug_generate_blocks_until", { head_block_time: later, generate_sparsely: true });
  await site.settle();
  const page = bobPage;
  await page.goto(`${site.url}/login.html?next=${encodeURIComponent(postPath())}`);
  await page.locator("#login-name").fill("bob");
  await page.locator("#login-secret").fill(demoPassword("bob"));
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  await page.waitForURL(`${site.url}${postPath()}`);

  // Upvote at 75 %.
  const votes = page.locator(".post-footer [data-vote]");
  await votes.locator("button[data-direction=up]").click();
  const slider = page.locator("#vote-weight");
  await slider.waitFor();
  await page.locator("[data-vote-power]").filter({ hasText: /this vote ≈ \$\d/ }).waitFor();
  for (let i = 0; i < 25; i++) await slider.press("ArrowLeft");
  assert.equal((await page.locator("[data-weight-out]").textContent())?.trim(), "75%");
  await page.locator("[data-cast]").click();
  await page.locator(".toast", { hasText: "Upvoted at 75%." }).waitFor({ timeout: 10_000 });
  assert.equal(await votes.locator("button[data-direction=up]").getAttribute("aria-pressed"), "true");
  const voted = await getContent(writer, permlink);
  assert.deepEqual(voted.active_votes.map((v) => [v.voter, v.percent]), [["bob", 7500]]);

  // Reply.
  await page.locator(".post-footer [data-action=reply]").click();
  const reply = page.locator(".reply-form textarea");
  await reply.fill("Beautiful. I walked there in 2009 — glad the lights are back.");
  await page.getByRole("button", { name: "Post reply" }).click();
  await page.locator(".discussion").filter({ hasText: "glad the lights are back" }).waitFor({ timeout: 15_000 });
  assert.equal((await getContent(writer, permlink)).children, 1);

  // Follow, from the writer's profile.
  await page.goto(`${site.url}/@${writer}`);
  const follow = page.locator(`[data-action=follow][data-account="${writer}"]`);
  await follow.click();
  await page.locator(`[data-action=follow][data-account="${writer}"][data-state="follow"]`).waitFor({ timeout: 10_000 });
  assert.equal((await follow.textContent())?.trim(), "Unfollow");
  const followers = await rpc<{ follower: string }[]>(site, "condenser_api.get_followers", [writer, "", "blog", 10]);
  assert.deepEqual(followers.map((f) => f.follower), ["bob"]);

  // Reblog, after confirming.
  await page.goto(`${site.url}${postPath()}`);
  await page.locator(".post-footer [data-action=reblog]").click();
  await confirmDialog(page, "Reblog");
  await page.locator(".post-footer [data-action=reblog]", { hasText: "Reblogged" }).waitFor({ timeout: 10_000 });
  const blog = await rpc<{ author: string; permlink: string }[]>(site, "condenser_api.get_blog_entries", ["bob", 0, 10]);
  assert.ok(blog.some((entry) => entry.author === writer && entry.permlink === permlink), "the post is on bob's blog");
  errors.assertNone("bob's actions");
});

test("the writer sees the reply, the follow, the vote and the reblog in the notifications, and marks them read", async () => {
  await site.settle();
  const page = writerPage;
  await page.goto(`${site.url}/@${writer}/notifications`);
  const badge = await waitUntil("the unread badge shows", async () => (await unreadBadge(page)) || undefined);
  const items = page.locator(".notifications .notification");
  const texts = (await items.allTextContents()).map((text) => text.replace(/\s+/g, " ").trim());
  const expected = [/@bob replied to your post/, /@bob followed you/, /@bob resteemed your post/, /@bob voted on your post/];
  for (const pattern of expected) assert.ok(texts.some((text) => pattern.test(text)), `${pattern} among ${JSON.stringify(texts)}`);
  assert.equal(badge, String(texts.length), "the badge counts every unread notification");
  assert.equal(await page.locator(".notification.unread").count(), texts.length);
  await screenshotBothWidths(browser, errors, site, `/@${writer}/notifications`, "notifications", { storage: writerStorage });
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await page.locator(".toast", { hasText: "All notifications are marked read." }).waitFor({ timeout: 10_000 });
  assert.equal(await page.locator(".notification.unread").count(), 0);
  assert.equal(await unreadBadge(page), "");
  const status = await rpc<{ unread: number }>(site, "bridge.unread_notifications", { account: writer });
  assert.equal(status.unread, 0);
  await page.reload();
  await page.waitForLoadState("networkidle");
  assert.equal(await unreadBadge(page), "", "still read after a reload");
  errors.assertNone("notifications");
});

test("the main pages at desktop and phone widths, while the post earns", async () => {
  const pages: [string, string, StorageState | undefined][] = [
    ["front", "/", undefined],
    ["post", postPath(), writerStorage],
    ["profile", `/@${writer}`, writerStorage],
    ["community", `/trending/${community}`, undefined],
    ["editor", "/submit.html", writerStorage],
    ["signup", "/signup", undefined],
    ["login", "/login.html", undefined],
    ["search", `/search?q=${searchWord}`, undefined],
  ];
  for (const [name, path, storage] of pages) await screenshotBothWidths(browser, errors, site, path, name, storage === undefined ? {} : { storage });
  errors.assertNone("screenshots");
});

test("a week later the post is paid: the payout popover shows the author's and curators' shares, the wallet the reward", async () => {
  const unpaid = await getContent(writer, permlink);
  const due = new Date(Date.parse(`${unpaid.cashout_time}Z`) + 6000).toISOString().slice(0, 19);
  await rpc(site, "debug_node_api.debug_generate_blocks_until", { head_block_time: due, generate_sparsely: true });
  await site.settle();
  const paid = await getContent(writer, permlink);
  assert.notEqual(paid.last_payout, "1970-01-01T00:00:00", "the post is paid out");
  const authorPaid = Number.parseFloat(paid.total_payout_value);
  const curatorsPaid = Number.parseFloat(paid.curator_payout_value);
  assert.ok(authorPaid > 0 && curatorsPaid > 0, `author ${paid.total_payout_value}, curators ${paid.curator_payout_value}`);

  const page = writerPage;
  await page.goto(`${site.url}${postPath()}`);
  const payout = page.locator(".post-footer details.payout");
  await payout.locator("summary").click();
  const details = (await payout.locator(".payout-details").textContent())?.replace(/\s+/g, " ") ?? "";
  assert.match(details, /Past payouts \$\d+\.\d\d/);
  assert.match(details, new RegExp(`- Author \\$${authorPaid.toFixed(2).replace(".", "\\.")}`));
  assert.match(details, new RegExp(`- Curators \\$${curatorsPaid.toFixed(2).replace(".", "\\.")}`));
  assert.equal(await page.locator(".post-footer [data-vote] button[data-direction=up]").isDisabled(), true, "voting is closed");
  await saveScreenshot(page, "post-paid-out-desktop");

  await page.goto(`${site.url}/@${writer}/wallet`);
  await page.locator("#rewards-heading", { hasText: "Unclaimed rewards" }).waitFor();
  const wallet = (await page.locator(".wallet").textContent())?.replace(/\s+/g, " ") ?? "";
  const [account] = await rpc<Record<string, string>[]>(site, "condenser_api.get_accounts", [[writer]]);
  const reward = new RegExp(`Author reward: (\\d+\\.\\d{3}) SBD, \\d+\\.\\d{3} STEEM and [\\d,]+\\.\\d{3} SP for @${writer}/${permlink}`).exec(wallet);
  assert.ok(reward !== null, `the author reward is in the history: ${wallet}`);
  assert.equal(`${reward[1]} SBD`, account.reward_sbd_balance, "the reward waits to be claimed");
  assert.match(wallet, new RegExp(`Unclaimed rewards.*${account.reward_sbd_balance.replace(".", "\\.")}`));
  errors.assertNone("payout");
});

test("the writer claims the rewards, sends SBD to bob with a memo and powers up STEEM", async () => {
  // bob tips the writer 5 STEEM (signed by the test), so there is liquid STEEM to power up.
  await submitAs(site, "bob", "active", [{ type: "transfer", value: { from: "bob", to: writer, amount: { amount: 5000n, symbol: "STEEM" }, memo: "for the lanterns" } }]);
  const page = writerPage;
  await page.goto(`${site.url}/@${writer}/wallet`);
  const [rewarded] = await rpc<Record<string, string>[]>(site, "condenser_api.get_accounts", [[writer]]);
  assert.notEqual(rewarded.reward_sbd_balance, "0.000 SBD");

  await page.getByRole("button", { name: "Claim rewards" }).click();
  await page.locator(".toast", { hasText: "Claim rewards: done." }).waitFor({ timeout: 10_000 });
  await page.waitForURL(`${site.url}/@${writer}/wallet`);
  await page.locator("#rewards-heading").waitFor({ state: "detached", timeout: 10_000 });
  const [claimed] = await rpc<Record<string, string>[]>(site, "condenser_api.get_accounts", [[writer]]);
  assert.equal(claimed.reward_sbd_balance, "0.000 SBD");
  assert.equal(claimed.sbd_balance, rewarded.reward_sbd_balance, "the SBD reward is now liquid");

  // Transfer 0.010 SBD to bob with a memo: confirm, then the active key is asked for.
  await page.locator('[data-wallet-open="transfer"][data-symbol="SBD"]').click();
  const transfer = page.locator('dialog[data-wallet-dialog="transfer"]');
  assert.equal(await transfer.locator("#wallet-transfer-symbol").inputValue(), "SBD", "the SBD box's Transfer chooses SBD");
  assert.equal((await transfer.locator("[data-available]").textContent())?.trim(), `Available: ${claimed.sbd_balance.replace(" SBD", "")} SBD`);
  await transfer.locator("#wallet-transfer-to").fill("bob");
  await transfer.locator("#wallet-transfer-amount").fill("0.010");
  await transfer.locator("#wallet-transfer-memo").fill("Thanks for the upvote!");
  await transfer.getByRole("button", { name: "Next" }).click();
  await confirmDialog(page, "Confirm");
  await answerKeyPrompt(page, writerPassword);
  await page.locator(".toast", { hasText: "Transfer 0.010 SBD to @bob: done." }).waitFor({ timeout: 10_000 });
  await waitUntil("the wallet reloads with the transfer in its history", async () => /Transfer 0\.010 SBD to @bob/.test((await page.locator(".wallet").textContent().catch(() => "")) ?? ""), 10_000);
  assert.equal(await page.locator(".wallet-memo", { hasText: "Thanks for the upvote!" }).count(), 1);
  const [bob] = await rpc<Record<string, string>[]>(site, "condenser_api.get_accounts", [["bob"]]);
  const history = await rpc<[number, { op: [string, Record<string, string>] }][]>(site, "condenser_api.get_account_history", ["bob", -1, 5]);
  assert.ok(history.some(([, entry]) => entry.op[0] === "transfer" && entry.op[1].from === writer && entry.op[1].amount === "0.010 SBD" && entry.op[1].memo === "Thanks for the upvote!"), `bob received it (${bob.sbd_balance})`);

  // Power up 5 STEEM.
  await page.locator('[data-wallet-open="power-up"]').click();
  const powerUp = page.locator('dialog[data-wallet-dialog="power-up"]');
  await powerUp.locator("[data-fill-max]").click();
  assert.equal(await powerUp.locator("#wallet-power-up-amount").inputValue(), "5.000");
  await powerUp.getByRole("button", { name: "Power up" }).click();
  await confirmDialog(page, "Confirm");
  await answerKeyPrompt(page, writerPassword);
  await page.locator(".toast", { hasText: /Power up .*done\./ }).waitFor({ timeout: 10_000 });
  const [poweredUp] = await rpc<Record<string, string>[]>(site, "condenser_api.get_accounts", [[writer]]);
  assert.equal(poweredUp.balance, "0.000 STEEM");
  assert.ok(Number.parseFloat(poweredUp.vesting_shares) > Number.parseFloat(claimed.vesting_shares), "more Steem Power");
  await waitUntil("the wallet reloads with STEEM at zero", async () => /0\.000 STEEM/.test((await page.locator(".balance").first().textContent().catch(() => "")) ?? ""), 10_000);
  await screenshotBothWidths(browser, errors, site, `/@${writer}/wallet`, "wallet", { storage: writerStorage });
  errors.assertNone("wallet");
});

test("bob, a moderator of the community, pins the post and mutes a spam post", async () => {
  // carol posts spam in the community (signed by the test).
  const spam = "buy-followers-cheap";
  await submitAs(site, "carol", "posting", [{ type: "comment", value: {
    parent_author: "", parent_permlink: community, author: "carol", permlink: spam, title: "Buy followers cheap!!!", body: "Cheap followers, visit my site.",
    json_metadata: JSON.stringify({ tags: [community, "spam"] }),
  } }]);
  const page = bobPage;
  await page.goto(`${site.url}${postPath()}`);
  const pin = page.locator(".moderator-actions [data-action=pin]");
  await pin.waitFor({ timeout: 10_000 });
  await pin.click();
  await page.locator(".toast", { hasText: "Pinned to the top of the community." }).waitFor({ timeout: 10_000 });
  assert.equal((await pin.textContent())?.trim(), "Unpin");

  await page.goto(`${site.url}/${community}/@carol/${spam}`);
  const mute = page.locator(".moderator-actions [data-action=mute-post]");
  await mute.waitFor({ timeout: 10_000 });
  await mute.click();
  await confirmDialog(page, "Mute", "Spam");
  await page.locator(".toast", { hasText: "Muted in the community." }).waitFor({ timeout: 10_000 });
  await site.settle();

  const [pinned, muted] = await Promise.all([
    rpc<{ stats: { is_pinned?: boolean } }>(site, "bridge.get_post", { author: writer, permlink }),
    rpc<{ stats: { gray?: boolean } }>(site, "bridge.get_post", { author: "carol", permlink: spam }),
  ]);
  assert.equal(pinned.stats.is_pinned, true);
  assert.equal(muted.stats.gray, true);
  await page.goto(`${site.url}/created/${community}`);
  const first = page.locator(".post-list .post-card").first();
  assert.equal(await first.getAttribute("data-post"), `${writer}/${permlink}`, "the pinned post leads the community's list");
  assert.equal((await first.locator(".pin-badge").textContent())?.trim(), "Pinned");
  assert.match((await page.locator(`.post-card[data-post="carol/${spam}"]`).getAttribute("class")) ?? "", /\bgray\b/, "the muted post is dimmed");
  await page.goto(`${site.url}/${community}/@carol/${spam}`);
  await page.locator(".post-header .notice", { hasText: "This post is muted" }).waitFor();
  errors.assertNone("moderation");
});

test("search finds the post by a word of its title", async () => {
  const page = writerPage;
  await page.goto(`${site.url}/`);
  await page.locator("#site-search").fill(searchWord);
  await page.locator("#site-search").press("Enter");
  await page.waitForURL(`${site.url}/search?q=${searchWord}`);
  await page.locator(`a[href="${postPath()}"]`).first().waitFor();
  errors.assertNone("search");
});
