// Checks the wallet and settings pages through real HTTP on a demo node: balances, rewards, delegations, power down, savings, conversions and the history (escaped memos, paging), and who may open the settings.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { parseAsset } from "../../src/api/format/json-asset.ts";
import { demoAccounts } from "../../src/cli/demo.ts";
import { seedPost } from "../../src/cli/seed-post.ts";
import type { AssetSymbol } from "../../src/core/asset.ts";
import { type KeyRole, derivePrivateKeyFromLogin } from "../../src/core/crypto/keys.ts";
import type { Operation } from "../../src/core/protocol/operation-schemas.ts";
import { createProfileMetadata } from "../../src/web/client/lib/profile-fields.ts";
import { type DemoSite, startDemoSite } from "../helpers/web-node.ts";
import { createUnsignedTransaction, signWith } from "../helpers/test-chain.ts";

let site: DemoSite;
before(async () => {
  site = await startDemoSite();
});
after(() => site.close());

const alicePassword = demoAccounts.find((a) => a.name === "alice")!.password;
const aliceKey = (role: KeyRole) => derivePrivateKeyFromLogin("alice", alicePassword, role);
const xssMemo = `<script>alert("memo")</script>`;

async function rpc<T>(method: string, params: unknown): Promise<T> {
  const response = await fetch(site.url, { method: "POST", body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
  const answer = (await response.json()) as { result?: T; error?: { message: string } };
  if (answer.error !== undefined) throw new Error(answer.error.message);
  return answer.result as T;
}

/** Signs `operations` as alice with the key of `role` and waits until the block and the index have them. */
async function submitAsAlice(operations: Operation[], role: KeyRole): Promise<void> {
  const { node } = site.running;
  await node.submit(signWith(createUnsignedTransaction(node.state, operations), node.options.chainId, [aliceKey(role)]));
  await site.settle();
}

const units = (amount: bigint, symbol: AssetSymbol) => ({ amount, symbol });

/** The first number of a `pattern` match (with thousands separators), as a float for "about" checks. */
function numberIn(text: string, pattern: RegExp): number {
  const match = pattern.exec(text);
  assert.ok(match !== null, `no ${pattern} in the page`);
  return Number(match[1].replace(/,/g, ""));
}

async function aliceWallet(path = "/@alice/wallet"): Promise<string> {
  const page = await site.fetchPage(path);
  assert.equal(page.status, 200, path);
  return page.text;
}

test("alice's wallet shows her demo balances, hidden owner actions and the history of her funding", async () => {
  const text = await aliceWallet();
  assert.match(text, /<title>@alice&#39;s wallet — Kettle<\/title>/);
  assert.match(text, /<p class="amount">100\.000 STEEM<\/p>/);
  assert.ok(Math.abs(numberIn(text, /<p class="amount">([\d,.]+) SP<\/p>/) - 5000) < 1, "about 5,000 SP");
  assert.match(text, /<p class="amount">0\.000 SBD<\/p>/);
  assert.match(text, /SAVINGS<\/h3>\s*<p class="amount">0\.000 STEEM<\/p>\s*<p class="amount">0\.000 SBD<\/p>/);
  assert.match(text, /Interest: 10\.00% a year/);
  assert.match(text, /ESTIMATED ACCOUNT VALUE<\/h3>\s*<p class="amount">\$1,2\d\d\.\d\d<\/p>/, "5,100 STEEM at $0.25");
  assert.match(text, /<p class="wallet-actions" data-owner="alice" hidden><button type="button" class="button button-quiet" data-wallet-open="transfer" data-symbol="STEEM">Transfer<\/button>/);
  assert.match(text, /Received 100\.000 STEEM from <a href="\/@initminer">@initminer<\/a><\/td>\s*<td class="wallet-memo">Welcome to Kettle<\/td>/);
  assert.match(text, /Received 5,000\.000 STEEM as Steem Power from <a href="\/@initminer">@initminer<\/a>/);
  assert.match(text, /Account created by <a href="\/@initminer">@initminer<\/a>/);
  assert.doesNotMatch(text, /effective_comment_vote|>vote</, "votes and posts stay out of the wallet");
  assert.doesNotMatch(text, /<dialog|data-wallet-state|\/assets\/wallet-/, "visitors get no forms and no wallet script");
});

test("the owner's wallet carries the forms and the figures its script checks against, and no inline script", async () => {
  const page = await site.fetchPage("/@alice/wallet", "alice");
  const text = page.text;
  for (const form of ["transfer", "power-up", "to-savings", "from-savings", "convert", "power-down", "delegate"]) {
    assert.match(text, new RegExp(`<dialog class="panel dialog wallet-dialog" data-wallet-dialog="${form}"`), form);
  }
  assert.match(text, /<label for="wallet-transfer-to">To<\/label>/);
  assert.match(text, /<script type="application\/json" data-wallet-state>\{"account":"alice","balance":"100\.000 STEEM"/);
  const withoutScripts = text.replace(/<script type="application\/json" data-wallet-state>[^<]*<\/script>/, "").replace(/<script type="module" src="[^"]+"><\/script>/g, "");
  assert.doesNotMatch(withoutScripts, /<script|\sstyle=|\son[a-z]+=/i, "no inline script or style: the page's CSP forbids them");
  assert.match(text, /<a href="\/@alice\/settings">Settings<\/a>/);
  assert.match(text, /<script type="module" src="\/assets\/wallet-[^"]+\.js"><\/script>/);
});

test("/@user/transfers is the wallet; unknown accounts are 404s", async () => {
  const transfers = await site.fetchPage("/@alice/transfers");
  assert.equal(transfers.status, 200);
  assert.match(transfers.text, /<link rel="canonical" href="[^"]+\/@alice\/wallet">/);
  const missing = await site.fetchPage("/@nobody/wallet");
  assert.equal(missing.status, 404);
  assert.match(missing.text, /There is no account @nobody/);
});

test("a week later the post's rewards wait to be claimed, then are claimed with the posting key", async () => {
  const content = await rpc<{ cashout_time: string }>("condenser_api.get_content", ["alice", seedPost.permlink]);
  const after = new Date(Date.parse(`${content.cashout_time}Z`) + 6000).toISOString().slice(0, 19);
  await rpc("debug_node_api.debug_generate_blocks_until", { head_block_time: after, generate_sparsely: true });
  await site.settle();
  const text = await aliceWallet();
  assert.match(text, /<h2 id="rewards-heading">Unclaimed rewards<\/h2>/);
  assert.match(text, /data-owner="alice" hidden><button type="button" class="button" data-wallet-action="claim-rewards">Claim rewards<\/button>/);
  assert.match(text, new RegExp(`Author reward: \\d+\\.\\d{3} SBD, \\d+\\.\\d{3} STEEM and [\\d,]+\\.\\d{3} SP for <a href="/@alice/${seedPost.permlink}">`));
  const [alice] = await rpc<Record<string, string>[]>("condenser_api.get_accounts", [["alice"]]);
  await submitAsAlice([{ type: "claim_reward_balance", value: {
    account: "alice", reward_steem: parseAsset(alice.reward_steem_balance), reward_sbd: parseAsset(alice.reward_sbd_balance), reward_vests: parseAsset(alice.reward_vesting_balance),
  } }], "posting");
  const claimed = await aliceWallet();
  assert.doesNotMatch(claimed, /Unclaimed rewards/);
  assert.match(claimed, /Claim rewards: 0\.000 STEEM, \d+\.\d{3} SBD and [\d,]+\.\d{3} SP/);
  assert.ok(parseAsset(alice.reward_sbd_balance).amount >= 10n, "enough SBD for the conversion below");
});

test("delegation, power down, savings, a conversion and a transfer each show with their amounts", async () => {
  const props = await rpc<{ total_vesting_fund_steem: string; total_vesting_shares: string }>("condenser_api.get_dynamic_global_properties", []);
  const vestsPerSteem = (steem: bigint) => (steem * parseAsset(props.total_vesting_shares).amount) / parseAsset(props.total_vesting_fund_steem).amount;
  await submitAsAlice([
    { type: "delegate_vesting_shares", value: { delegator: "alice", delegatee: "bob", vesting_shares: units(vestsPerSteem(1_000_000n), "VESTS") } },
    { type: "withdraw_vesting", value: { account: "alice", vesting_shares: units(vestsPerSteem(400_000n), "VESTS") } },
    { type: "transfer_to_savings", value: { from: "alice", to: "alice", amount: units(10_000n, "STEEM"), memo: "rainy day" } },
    { type: "transfer_from_savings", value: { from: "alice", request_id: 77, to: "alice", amount: units(4_000n, "STEEM"), memo: "" } },
    { type: "convert", value: { owner: "alice", requestid: 5, amount: units(10n, "SBD") } },
    { type: "transfer", value: { from: "alice", to: "bob", amount: units(1_000n, "STEEM"), memo: xssMemo } },
  ], "active");
  const text = await aliceWallet();
  assert.ok(Math.abs(numberIn(text, /Delegated to others: −([\d,.]+) SP/) - 1000) < 1);
  assert.match(text, /<td><a href="\/@bob">@bob<\/a><\/td>\s*<td class="number">[\d,.]+ SP<\/td>/);
  assert.match(text, /data-wallet-action="undelegate" data-delegatee="bob">Undelegate<\/button>/);
  assert.ok(Math.abs(numberIn(text, /Powering down ([\d,.]+) SP a week/) - 100) < 1, "400 SP over 4 weeks");
  assert.match(text, /next payment <time [^>]+>in 7 days<\/time>/);
  assert.match(text, /data-wallet-action="cancel-power-down">Cancel power down<\/button>/);
  assert.match(text, /SAVINGS<\/h3>\s*<p class="amount">6\.000 STEEM<\/p>/);
  assert.match(text, /<td class="number">4\.000 STEEM<\/td>\s*<td>you<\/td>\s*<td><time [^>]+>in 3 days<\/time><\/td>/);
  assert.match(text, /data-wallet-action="cancel-withdrawal" data-request-id="77">Cancel<\/button>/);
  assert.match(text, /<td class="number">0\.010 SBD<\/td><td><time [^>]+>in [34] days<\/time><\/td><td>5<\/td>/);
  assert.match(text, /<p class="amount">89\.000 STEEM<\/p>/, "100 − 10 to savings − 1 sent; the claim paid no STEEM");
  assert.ok(Math.abs(numberIn(text, /Delegate ([\d,.]+) SP to <a href="\/@bob">/) - 1000) < 1);
  assert.ok(Math.abs(numberIn(text, /Start power down of ([\d,.]+) SP/) - 400) < 1);
  assert.match(text, /Transfer 10\.000 STEEM to savings<\/td>\s*<td class="wallet-memo">rainy day<\/td>/);
  assert.match(text, /Withdraw 4\.000 STEEM from savings \(request 77\)/);
  assert.match(text, /Convert 0\.010 SBD to STEEM \(request 5\)/);
  assert.match(text, /Transfer 1\.000 STEEM to <a href="\/@bob">@bob<\/a><\/td>\s*<td class="wallet-memo">&lt;script&gt;alert\(&quot;memo&quot;\)&lt;\/script&gt;<\/td>/);
  assert.ok(!text.includes(xssMemo), "the memo never appears unescaped");
  const bob = await site.fetchPage("/@bob/wallet");
  assert.ok(Math.abs(numberIn(bob.text, /Received from others: \+([\d,.]+) SP/) - 1000) < 1);
  assert.match(bob.text, /Received 1\.000 STEEM from <a href="\/@alice">@alice<\/a><\/td>\s*<td class="wallet-memo">&lt;script&gt;/);
  assert.match(bob.text, /<a href="\/@alice">@alice<\/a> delegated [\d,.]+ SP to you/);
});

test("history pages go back by index: ?start= shows that entry and older ones", async () => {
  const text = await aliceWallet("/@alice/wallet?start=2");
  assert.match(text, /Received 100\.000 STEEM from/);
  assert.match(text, /Account created by/);
  assert.doesNotMatch(text, /Convert 0\.010 SBD/);
  assert.match(text, /<a class="button button-quiet" href="\/@alice\/wallet#history">Newest<\/a>/);
  assert.doesNotMatch(text, /Older<\/a>/);
  assert.match(text, /<meta name="robots" content="noindex">/);
  assert.match(await aliceWallet("/@alice/wallet?start=oops"), /Convert 0\.010 SBD/, "a malformed start is the newest page");
});

test("settings: log in first, the owner gets the prefilled form, anyone else is refused", async () => {
  const anonymous = await site.fetchPage("/@alice/settings");
  assert.equal(anonymous.status, 302);
  assert.equal(anonymous.headers.get("location"), "/login.html?next=%2F%40alice%2Fsettings");
  const owner = await site.fetchPage("/@alice/settings", "alice");
  assert.equal(owner.status, 200);
  assert.match(owner.text, /<input id="profile-name" name="name" type="text" maxlength="20" value="Alice"/);
  assert.match(owner.text, /<input id="profile-about" name="about" type="text" maxlength="160" value="Writes about the Middle East\."/);
  assert.match(owner.text, /data-upload-for="profile_image">Upload<\/button>/);
  assert.match(owner.text, /<input type="radio" id="nsfw-warn" name="nsfw" value="warn">/);
  assert.match(owner.text, /<script type="module" src="\/assets\/settings-[^"]+\.js"><\/script>/);
  const other = await site.fetchPage("/@alice/settings", "bob");
  assert.equal(other.status, 403);
  assert.match(other.text, /You can only change your own settings/);
  assert.doesNotMatch(other.text, /data-profile-form/);
});

test("the profile the settings save (account_update2, posting key only) is what the form shows next", async () => {
  const [alice] = await rpc<{ posting_json_metadata: string; json_metadata: string }[]>("condenser_api.get_accounts", [["alice"]]);
  const fields = { name: "Alice <b>A.</b>", about: "Writes.", location: "Beirut", website: "https://alice.example", profile_image: "https://img.example/a.png", cover_image: "" };
  const metadata = createProfileMetadata(alice.posting_json_metadata, alice.json_metadata, fields, site.url);
  // The optional authorities and memo key are absent, as the page's script sends them (the type has no way to say so).
  const update = { type: "account_update2", value: { account: "alice", json_metadata: "", posting_json_metadata: metadata, extensions: [] } };
  await submitAsAlice([update as unknown as Operation], "posting");
  const page = await site.fetchPage("/@alice/settings", "alice");
  assert.match(page.text, /value="Alice &lt;b&gt;A\.&lt;\/b&gt;"/);
  assert.match(page.text, /name="location" type="text" maxlength="30" value="Beirut"/);
  assert.match(page.text, /name="profile_image" type="url" maxlength="1024" value="https:\/\/img\.example\/a\.png"/);
});
