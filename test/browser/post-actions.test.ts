// Checks in real Chromium on a demo node what a reader does to posts beyond upvoting and replying: downvote with the slider, flag for a community's moderators, edit in the editor (sent as a patch), delete a reply and a post, change the profile and the browser's preferences in the settings, and log in and vote through a Keychain extension — each outcome on the page and on chain through the public JSON-RPC.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { seedCommunity, seedPost } from "../../src/cli/seed-post.ts";
import { sha256 } from "../../src/core/crypto/hash.ts";
import { derivePrivateKeyFromLogin, type KeyRole } from "../../src/core/crypto/keys.ts";
import { signDigest } from "../../src/core/protocol/signature.ts";
import { nativeSecp256k1 } from "../../src/node/native-secp256k1.ts";
import { bytesToHex, utf8Encode } from "../../src/stdx/bytes.ts";
import { createSignedTransaction, type ReferenceBlock, type WireOperation } from "../../src/web/client/lib/transaction.ts";
import { launchChromium, newReader } from "../helpers/browser.ts";
import { confirmDialog, demoPassword, PageErrors, rpc, submitAs, waitUntil } from "../helpers/browser-journey.ts";
import { type DemoSite, startDemoSite } from "../helpers/web-node.ts";

const community = seedCommunity.name;
const seedPath = `/${community}/@alice/${seedPost.permlink}`;

/** carol's post, which she edits and bob votes on through Keychain. */
const carolPost = {
  permlink: "the-souk-at-dawn",
  title: "The souk at dawn",
  body: [
    "Before the shutters go up, the covered market belongs to the bakers and the cats.",
    "",
    "I walked the length of it at six in the morning with one camera and one lens. The light comes in through the holes in the vaulted roof, thin as wires, and the stone keeps the night's cold until nine.",
    "",
    "By seven the first coffee sellers are out, and the smell of cardamom follows you from one end to the other. These are the pictures from that hour.",
  ].join("\n"),
};
const editedBody = carolPost.body.replace("one camera and one lens", "one camera and two lenses");
/** carol's reply to the seed post, and dave's post, both deleted by their authors. */
const carolReply = { permlink: "re-the-battle-for-aleppo-carol-typo", body: "Posted twice by mistake, sorry." };
const davePost = { permlink: "test-please-ignore", title: "Test, please ignore", body: "Checking how posting works here." };

let site: DemoSite;
let browser: Browser;
const errors = new PageErrors();
let davePage: Page;
let carolPage: Page;

interface Content {
  readonly author: string;
  readonly body: string;
  readonly title: string;
  readonly json_metadata: string;
  readonly percent_steem_dollars: number;
  readonly active_votes: { voter: string; percent: number }[];
}

const getContent = (author: string, permlink: string) => rpc<Content>(site, "condenser_api.get_content", [author, permlink]);
const votesOf = async (author: string, permlink: string) => (await getContent(author, permlink)).active_votes.map((v) => [v.voter, v.percent]);
const squeeze = (text: string | null) => (text ?? "").replace(/\s+/g, " ").trim();

/** A comment operation for submitAs. */
function comment(author: string, permlink: string, parent: { author: string; permlink: string }, title: string, body: string) {
  return {
    type: "comment" as const,
    value: { parent_author: parent.author, parent_permlink: parent.permlink, author, permlink, title, body, json_metadata: JSON.stringify({ tags: [community, "photography"] }) },
  };
}

/** Logs `name` in on the login page with the master password, coming back to `next`. */
async function logIn(page: Page, name: string, next: string): Promise<void> {
  await page.goto(`${site.url}/login.html?next=${encodeURIComponent(next)}`);
  await page.locator("#login-name").fill(name);
  await page.locator("#login-secret").fill(demoPassword(name));
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  await page.waitForURL(`${site.url}${next}`);
}

/** Moves the dev chain `seconds` forward in one sparse block, and lets the index catch up. */
async function jumpSeconds(seconds: number): Promise<void> {
  const { time } = await rpc<{ time: string }>(site, "condenser_api.get_dynamic_global_properties", []);
  const later = new Date(Date.parse(`${time}Z`) + seconds * 1000).toISOString().slice(0, 19);
  await rpc(site, "debug_node_api.debug_generate_blocks_until", { head_block_time: later, generate_sparsely: true });
  await site.settle();
}

before(async () => {
  [site, browser] = await Promise.all([startDemoSite(), launchChromium()]);
  await submitAs(site, "carol", "posting", [comment("carol", carolPost.permlink, { author: "", permlink: community }, carolPost.title, carolPost.body)]);
  await submitAs(site, "dave", "posting", [comment("dave", davePost.permlink, { author: "", permlink: community }, davePost.title, davePost.body)]);
  // Past the 5 minutes between one author's posts, so carol may publish again from the editor later.
  await jumpSeconds(6 * 60);
  await submitAs(site, "carol", "posting", [comment("carol", carolReply.permlink, { author: "alice", permlink: seedPost.permlink }, "", carolReply.body)]);
  const [daveContext, carolContext] = await Promise.all([newReader(browser, "desktop"), newReader(browser, "desktop")]);
  davePage = await errors.watch(daveContext).newPage();
  carolPage = await errors.watch(carolContext).newPage();
  await Promise.all([logIn(davePage, "dave", seedPath), logIn(carolPage, "carol", seedPath)]);
});

after(async () => {
  await browser?.close();
  await site?.close();
});

test("dave turns his upvote of the seed post into a 40% downvote with the slider: the panel warns what a downvote is for, and the chain records −40%", async () => {
  const page = davePage;
  assert.deepEqual((await votesOf("alice", seedPost.permlink)).find(([voter]) => voter === "dave"), ["dave", 5000]);
  const votes = page.locator(".post-footer [data-vote]");
  assert.equal(await votes.locator("button[data-direction=up]").getAttribute("aria-pressed"), "true", "his upvote shows");
  await votes.locator("button[data-direction=down]").click();
  const panel = page.locator(".vote-panel[aria-label=Downvote]");
  await panel.waitFor();
  assert.match(squeeze(await panel.textContent()), /A downvote lowers this post's rewards and visibility\. Use it for spam, plagiarism or abuse, not for disagreement\./);
  await panel.locator("[data-vote-power]").filter({ hasText: /^Downvoting power \d+\.\d% · this vote ≈ \$\d/ }).waitFor();
  const slider = panel.locator("#vote-weight");
  for (let i = 0; i < 60; i++) await slider.press("ArrowLeft");
  assert.equal((await panel.locator("[data-weight-out]").textContent())?.trim(), "40%");
  await panel.getByRole("button", { name: "Downvote", exact: true }).click();
  await page.locator(".toast", { hasText: "Downvoted at 40%." }).waitFor({ timeout: 10_000 });
  assert.equal(await votes.locator("button[data-direction=down]").getAttribute("aria-pressed"), "true");
  assert.equal(await votes.locator("button[data-direction=up]").getAttribute("aria-pressed"), "false");
  assert.deepEqual((await votesOf("alice", seedPost.permlink)).find(([voter]) => voter === "dave"), ["dave", -4000]);
  const rshares = await rpc<{ voter: string; rshares: number | string }[]>(site, "condenser_api.get_active_votes", ["alice", seedPost.permlink]);
  assert.ok(BigInt(rshares.find((v) => v.voter === "dave")?.rshares ?? 0) < 0n, "a downvote's rshares are negative");
  assert.equal(await page.evaluate(() => localStorage.getItem("kettle.vote-weight.dave.down")), "40", "the weight is remembered for his next downvote");
  errors.assertNone("downvote");
});

test("dave, a plain member, flags the seed post with a reason: the community's admin and moderator are notified with it", async () => {
  const page = davePage;
  assert.equal(await page.locator(".moderator-actions").isHidden(), true, "no moderator tools for dave");
  await page.locator(".post-footer [data-action=flag]").click();
  await confirmDialog(page, "Flag", "Off-topic: this belongs in a news community");
  await page.locator(".toast", { hasText: "Flagged for the moderators." }).waitFor({ timeout: 10_000 });
  await site.settle();
  for (const moderator of ["alice", "bob"]) {
    const notifications = await rpc<{ type: string; msg: string; url: string }[]>(site, "bridge.account_notifications", { account: moderator, limit: 20 });
    const flag = notifications.find((n) => n.type === "flag_post");
    assert.ok(flag !== undefined, `${moderator} is told: ${JSON.stringify(notifications.map((n) => n.msg))}`);
    assert.equal(flag.msg, `@dave flag @alice/${seedPost.permlink} - Off-topic: this belongs in a news community`);
  }
  const alicePage = await site.fetchPage("/@alice/notifications?type=community", "alice");
  assert.match(alicePage.text, /@dave flag @alice\/the-battle-for-aleppo[^<]* - Off-topic: this belongs in a news community/);
  errors.assertNone("flag");
});

test("carol edits her post in the editor, which opens filled in: the small change goes on chain as a diff-match-patch patch, and the page shows the new text", async () => {
  const page = carolPage;
  const path = `/${community}/@carol/${carolPost.permlink}`;
  await page.goto(`${site.url}${path}`);
  await page.locator(".post-footer .owner-actions a", { hasText: "Edit" }).click();
  await page.waitForURL(`${site.url}/submit.html?edit=carol/${carolPost.permlink}`);
  await page.locator("#editor-heading", { hasText: "Edit your post" }).waitFor();
  const body = page.locator("#editor-body");
  await waitUntil("the editor is filled with the post", async () => (await body.inputValue()) === carolPost.body);
  assert.equal(await page.locator("#editor-title").inputValue(), carolPost.title);
  assert.equal(await page.locator("#editor-tags").inputValue(), "photography", "the tags without the community");
  assert.equal(await page.locator("#editor-community").isDisabled(), true, "a post stays in its community");
  assert.equal(await page.locator("[data-advanced]").isHidden(), true, "rewards cannot change after posting");
  await page.locator("[data-preview]").filter({ hasText: "one camera and one lens" }).waitFor();

  await body.fill(editedBody);
  await page.locator("[data-preview]").filter({ hasText: "one camera and two lenses" }).waitFor();
  await page.getByRole("button", { name: "Update post" }).click();
  await page.waitForURL(`${site.url}${path}`, { timeout: 15_000 });
  assert.match(squeeze(await page.locator(".post-body").textContent()), /with one camera and two lenses\./);
  await page.locator(".post-meta .edited").waitFor();

  const content = await getContent("carol", carolPost.permlink);
  assert.equal(content.body, editedBody, "the chain applied the patch to the old body");
  assert.equal(content.title, carolPost.title);
  assert.deepEqual(JSON.parse(content.json_metadata).tags, [community, "photography"]);
  const history = await rpc<[number, { op: [string, { permlink: string; body: string }] }][]>(site, "condenser_api.get_account_history", ["carol", -1, 10]);
  const sent = history.map(([, entry]) => entry.op).filter(([name, op]) => name === "comment" && op.permlink === carolPost.permlink).at(-1)?.[1].body ?? "";
  assert.match(sent, /^@@ -\d+,\d+ \+\d+,\d+ @@\n/, "the edit was sent as a patch");
  assert.ok(sent.length < editedBody.length, "smaller than the new body");
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), `kettle.draft.carol.carol/${carolPost.permlink}`), null, "the edit's draft is cleared");
  errors.assertNone("edit");
});

test("carol deletes her reply, which has no votes or replies, after confirming: it leaves the discussion and the chain", async () => {
  const page = carolPage;
  await page.goto(`${site.url}${seedPath}`);
  const reply = page.locator(`.reply[data-post="carol/${carolReply.permlink}"]`);
  assert.match(squeeze(await reply.locator(".reply-body").textContent()), /Posted twice by mistake/);
  // Only the author is offered Delete.
  assert.equal(await page.locator('.reply[data-post="alice/re-bob-re-the-battle-for-aleppo"] [data-action=delete]').isHidden(), true);
  const reloaded = page.waitForEvent("load", { timeout: 15_000 });
  reloaded.catch(() => undefined);
  await reply.locator(".reply-footer [data-action=delete]").click();
  await confirmDialog(page, "Delete");
  await page.locator(".toast", { hasText: "Deleted." }).waitFor({ timeout: 10_000 });
  await reloaded;
  assert.equal(await reply.count(), 0, "the reloaded page has no such reply");
  const gone = await getContent("carol", carolReply.permlink);
  assert.equal(gone.author, "", "get_content finds nothing");
  assert.equal(squeeze(await page.locator("#replies-heading").textContent()), "3 replies");
  errors.assertNone("delete reply");
});

test("dave deletes his post, which has no votes or replies: he lands on his blog, which no longer lists it, its address is Not found, and the chain no longer has it", async () => {
  const page = davePage;
  const path = `/${community}/@dave/${davePost.permlink}`;
  await page.goto(`${site.url}${path}`);
  await page.locator(".post-footer .owner-actions [data-action=delete]").click();
  await confirmDialog(page, "Delete");
  await page.locator(".toast", { hasText: "Deleted." }).waitFor({ timeout: 10_000 });
  await page.waitForURL(`${site.url}/@dave`, { timeout: 15_000 });
  await page.locator(".profile-header").waitFor();
  assert.equal(await page.locator(`.post-card[data-post="dave/${davePost.permlink}"]`).count(), 0, "not on the blog page");
  assert.equal((await getContent("dave", davePost.permlink)).author, "");
  assert.equal((await site.fetchPage(path)).status, 404);
  const blog = await rpc<{ permlink: string }[]>(site, "condenser_api.get_discussions_by_blog", [{ tag: "dave", limit: 10 }]);
  assert.ok(!blog.some((p) => p.permlink === davePost.permlink), "gone from his blog");
  errors.assertNone("delete post");
});

test("carol saves a new display name, about, location and website on chain, and picks NSFW and payout preferences that the site then applies", async () => {
  const page = carolPage;
  await page.goto(`${site.url}/@carol/settings`);
  assert.equal(await page.locator("#profile-name").inputValue(), "Carol", "the form starts from the profile on chain");
  assert.equal(await page.locator("#profile-about").inputValue(), "Photographer and traveller.");
  const profile = { name: "Carol M.", about: "Markets, mornings and old stone.", location: "Aleppo", website: "https://carol.example.org" };
  await page.locator("#profile-name").fill(profile.name);
  await page.locator("#profile-about").fill(profile.about);
  await page.locator("#profile-location").fill(profile.location);
  await page.locator("#profile-website").fill("carol.example.org");
  await page.getByRole("button", { name: "Save profile" }).click();
  await page.locator("[data-field-error=website]", { hasText: "Enter a web address starting with https:// or http://." }).waitFor();
  await page.locator("#profile-website").fill(profile.website);
  await page.getByRole("button", { name: "Save profile" }).click();
  await page.locator(".toast", { hasText: "Your profile is saved." }).waitFor({ timeout: 10_000 });
  const [account] = await rpc<{ posting_json_metadata: string }[]>(site, "condenser_api.get_accounts", [["carol"]]);
  const saved = JSON.parse(account.posting_json_metadata) as { profile: Record<string, string> };
  assert.deepEqual({ name: saved.profile.name, about: saved.profile.about, location: saved.profile.location, website: saved.profile.website }, profile);

  // The preferences: kept in this browser as they are chosen.
  await page.locator("#nsfw-hide").check();
  await page.locator("#payout-100").check();
  await page.locator("[data-preferences-status]", { hasText: "Saved in this browser." }).waitFor();
  assert.deepEqual(await page.evaluate(() => [localStorage.getItem("kettle.nsfw"), localStorage.getItem("kettle.default-payout")]), ["hide", "100"]);

  await site.settle();
  await page.goto(`${site.url}/@carol`);
  assert.equal(squeeze(await page.locator("#profile-name").textContent()).replace(/ \(\d+\)$/, ""), profile.name);
  assert.equal(squeeze(await page.locator(".profile-about").textContent()), profile.about);
  const facts = page.locator(".profile-facts");
  assert.match(squeeze(await facts.textContent()), /📍 Aleppo/);
  assert.equal(await facts.locator("a", { hasText: "carol.example.org" }).getAttribute("href"), profile.website);

  // The editor starts from 100% Steem Power; an NSFW post published with it is hidden from carol's lists, not from others'.
  await page.goto(`${site.url}/submit.html`);
  await waitUntil("the editor preselects the default payout", () => page.locator("#payout-100").isChecked());
  assert.equal(await page.locator("#payout-50").isChecked(), false);
  await page.locator("#editor-title").fill("Night market, after hours");
  await page.locator("#editor-body").fill("The stalls that open only after ten, and who keeps them.");
  await page.locator("#editor-tags").fill("nsfw photography");
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await page.waitForURL(/\/nsfw\/@carol\/night-market-after-hours/, { timeout: 15_000 });
  const permlink = page.url().split("/").at(-1) ?? "";
  const published = await getContent("carol", permlink);
  assert.equal(published.percent_steem_dollars, 0, "100% Steem Power on chain");
  await site.settle();
  const othersView = await site.fetchPage("/created");
  assert.match(othersView.text, new RegExp(`data-post="carol/${permlink}" data-nsfw`), "the list has it, behind a warning");
  await page.goto(`${site.url}/created`);
  await page.locator(".post-list .post-card").first().waitFor();
  await page.locator(`[data-post="carol/${permlink}"]`).waitFor({ state: "detached" });
  errors.assertNone("settings");
});

test("carol edits her reply in place: the box opens with its text, and Save puts the new text on chain and on the page", async () => {
  const page = carolPage;
  const permlink = "re-the-battle-for-aleppo-carol";
  const original = (await getContent("carol", permlink)).body;
  const changed = original.replace("Thank you for the context", "Thank you for the careful context");
  await page.goto(`${site.url}${seedPath}`);
  const reply = page.locator(`.reply[data-post="carol/${permlink}"]`);
  await reply.locator(".reply-footer [data-action=edit]").click();
  const box = reply.getByLabel("Edit your reply");
  await waitUntil("the box holds the reply's text", async () => (await box.inputValue()) === original);
  await box.fill(changed);
  const reloaded = page.waitForEvent("load", { timeout: 15_000 });
  reloaded.catch(() => undefined);
  await reply.getByRole("button", { name: "Save" }).click();
  await reloaded;
  assert.equal((await getContent("carol", permlink)).body, changed);
  assert.match(squeeze(await reply.locator(".reply-body").textContent()), /Thank you for the careful context/);
  await reply.locator(".reply-head .edited").waitFor();
  errors.assertNone("edit reply");
});

/** What the fake Keychain was asked, in order. */
interface KeychainRequest {
  readonly call: "requestSignBuffer" | "requestBroadcast";
  readonly account: string;
  readonly keyType: string;
  readonly message?: string;
  readonly operations?: unknown;
}

/**
 * A stand-in for the Steem Keychain extension: `window.steem_keychain` with the two calls the site makes,
 * answered by this test, which signs with the keys it holds (the project's own signing code) as the extension
 * would with the keys it stores. `signer` is the account whose keys it signs with.
 */
async function installFakeKeychain(context: BrowserContext, requests: KeychainRequest[], keychain: { signer: string }): Promise<void> {
  const secretOf = (keyType: string) => derivePrivateKeyFromLogin(keychain.signer, demoPassword(keychain.signer), keyType.toLowerCase() as KeyRole);
  await context.exposeFunction("kettleTestKeychainSignBuffer", (account: string, message: string, keyType: string) => {
    requests.push({ call: "requestSignBuffer", account, keyType, message });
    // As the extension does: a JSON-serialized Buffer is signed as its bytes, any other message as UTF-8 text.
    const buffer = /^\{"type":"Buffer"/.test(message) ? (JSON.parse(message) as { data: number[] }).data : null;
    const bytes = buffer === null ? utf8Encode(message) : Uint8Array.from(buffer);
    return bytesToHex(signDigest(nativeSecp256k1, sha256(bytes), secretOf(keyType)));
  });
  await context.exposeFunction("kettleTestKeychainBroadcast", async (account: string, operations: WireOperation[], keyType: string) => {
    requests.push({ call: "requestBroadcast", account, keyType, operations });
    const [reference, version] = await Promise.all([
      rpc<ReferenceBlock>(site, "condenser_api.get_dynamic_global_properties", []),
      rpc<{ chain_id: string }>(site, "condenser_api.get_version", []),
    ]);
    const signed = createSignedTransaction({ operations, reference, chainId: version.chain_id, secrets: [secretOf(keyType)] });
    return rpc(site, "condenser_api.broadcast_transaction_synchronous", [signed.transaction]);
  });
  // A string, not a function: the test's TypeScript is compiled with helpers the page does not have.
  await context.addInitScript(`(() => {
    const reply = (work, callback) => work.then(
      (result) => callback({ success: true, result }),
      (error) => callback({ success: false, error: "failed", message: error.message }));
    window.steem_keychain = {
      requestHandshake: (callback) => callback(),
      requestSignBuffer: (account, message, keyType, callback) => reply(window.kettleTestKeychainSignBuffer(account, message, keyType), callback),
      requestBroadcast: (account, operations, keyType, callback) => reply(window.kettleTestKeychainBroadcast(account, operations, keyType), callback),
    };
  })();`);
}

test("with a Keychain extension, bob logs in through it (a signature by another account's key is refused) and upvotes through it: no key is asked for or stored, and the vote reaches the chain", async () => {
  const requests: KeychainRequest[] = [];
  const keychain = { signer: "carol" };
  const context = errors.watch(await newReader(browser, "desktop"));
  await installFakeKeychain(context, requests, keychain);
  const path = `/${community}/@carol/${carolPost.permlink}`;
  try {
    const page = await context.newPage();
    await page.goto(`${site.url}/login.html?next=${encodeURIComponent(path)}`);
    const useKeychain = page.getByRole("button", { name: "Log in with Keychain" });
    await useKeychain.waitFor();
    await page.locator("#login-name").fill("bob");
    await useKeychain.click();
    await page.locator("[data-login-error]", { hasText: "Keychain signed with a key that is not bob's posting key." }).waitFor({ timeout: 10_000 });
    assert.equal(await page.evaluate(() => sessionStorage.getItem("kettle.session") ?? localStorage.getItem("kettle.session")), null, "not logged in");

    keychain.signer = "bob";
    await useKeychain.click();
    await page.waitForURL(`${site.url}${path}`);
    await page.locator(".reader summary").filter({ hasText: "@bob" }).waitFor();
    const session = JSON.parse((await page.evaluate(() => sessionStorage.getItem("kettle.session"))) ?? "null");
    assert.deepEqual(session, { name: "bob", method: "keychain", postingKey: null }, "nothing secret is stored");
    assert.equal(requests.length, 2);
    for (const request of requests) {
      assert.deepEqual([request.call, request.account, request.keyType], ["requestSignBuffer", "bob", "Posting"]);
      assert.match(request.message ?? "", /^kettle-login-[0-9a-f]{32}$/);
    }
    assert.notEqual(requests[0].message, requests[1].message, "each login signs a fresh challenge");

    await page.locator(".post-footer [data-vote] button[data-direction=up]").click();
    const panel = page.locator(".vote-panel[aria-label=Upvote]");
    await panel.locator("[data-vote-power]").filter({ hasText: /this vote ≈ \$\d/ }).waitFor();
    await panel.getByRole("button", { name: "Upvote", exact: true }).click();
    await page.locator(".toast", { hasText: "Upvoted at 100%." }).waitFor({ timeout: 10_000 });
    assert.equal(await page.locator("dialog[open]").count(), 0, "no key was asked for");
    assert.deepEqual(requests.slice(2), [{
      call: "requestBroadcast", account: "bob", keyType: "Posting", operations: [["vote", { voter: "bob", author: "carol", permlink: carolPost.permlink, weight: 10000 }]],
    }]);
    assert.deepEqual(await votesOf("carol", carolPost.permlink), [["bob", 10000]]);
  } finally {
    await context.close();
  }
  errors.assertNone("keychain");
});
