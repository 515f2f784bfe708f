// Checks the profile pages on a demo node through real HTTP: the header and post tabs, follow lists, notifications with their owner-only controls, escaping of profile text, and 404s for unknown accounts.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { demoAccounts } from "../../src/cli/demo.ts";
import { seedPost } from "../../src/cli/seed-post.ts";
import { derivePrivateKeyFromLogin } from "../../src/core/crypto/keys.ts";
import type { Operation } from "../../src/core/protocol/operation-schemas.ts";
import { createUnsignedTransaction, signWith } from "../helpers/test-chain.ts";
import { type DemoSite, startDemoSite } from "../helpers/web-node.ts";

let site: DemoSite;

/** Signs `operations` with a demo account's posting key and submits them. */
async function sendAs(name: string, operations: Operation[]): Promise<void> {
  const account = demoAccounts.find((a) => a.name === name)!;
  const node = site.running.node;
  const secret = derivePrivateKeyFromLogin(account.name, account.password, "posting");
  await node.submit(signWith(createUnsignedTransaction(node.state, operations), node.options.chainId, [secret]));
}

before(async () => {
  site = await startDemoSite();
  const follow = (follower: string, following: string): Operation => ({
    type: "custom_json", value: { required_auths: [], required_posting_auths: [follower], id: "follow", json: JSON.stringify(["follow", { follower, following, what: ["blog"] }]) },
  });
  await sendAs("carol", [follow("carol", "bob")]);
  await sendAs("bob", [{ type: "custom_json", value: { required_auths: [], required_posting_auths: ["bob"], id: "follow", json: JSON.stringify(["follow", { follower: "bob", following: "dave", what: ["ignore"] }]) } }]);
  const profile = { profile: { name: "<b>Dave</b>", about: "<script>alert(1)</script> & news", location: "Aleppo", website: "https://example.com/dave" } };
  await sendAs("dave", [{ type: "account_update2", value: { account: "dave", json_metadata: "", posting_json_metadata: JSON.stringify(profile), extensions: [] } } as unknown as Operation]);
  await site.settle();
});
after(() => site.close());

const seedPath = `/${seedPost.category}/@alice/${seedPost.permlink}`;

test("/@alice shows the header, tabs and her posts, and offers another reader Follow and Mute", async () => {
  const page = await site.fetchPage("/@alice", "bob");
  assert.equal(page.status, 200);
  assert.match(page.text, /<title>Alice \(@alice\) — Kettle<\/title>/);
  assert.match(page.text, /<h1 id="profile-name">Alice <span class="reputation" title="Reputation">\(\d+\)<\/span><\/h1>/);
  assert.match(page.text, /Writes about the Middle East\./);
  assert.match(page.text, /src="\/u\/alice\/avatar\/large"/);
  assert.match(page.text, /src="\/u\/alice\/cover"/);
  assert.ok(page.text.includes(`href="${seedPath}"`), "the seed post's card");
  assert.match(page.text, /data-action="follow" data-account="alice" data-state="none">Follow</);
  assert.match(page.text, /data-action="mute" data-account="alice" data-state="none">Mute</);
  assert.match(page.text, /<a href="\/@alice" aria-current="page">Blog<\/a>/);
  assert.doesNotMatch(page.text, /href="\/@alice\/notifications"/, "notifications are the owner's tab");
  assert.match(page.text, /<link rel="canonical" href="[^"]+\/@alice">/);
});

test("the owner sees Edit profile and their own tabs instead of Follow", async () => {
  const page = await site.fetchPage("/@alice", "alice");
  assert.match(page.text, /href="\/@alice\/settings">Edit profile</);
  assert.doesNotMatch(page.text, /data-action="follow"/);
  assert.match(page.text, /href="\/@alice\/notifications">Notifications</);
});

test("the comments and replies tabs list comments as cards", async () => {
  const comments = await site.fetchPage("/@alice/comments");
  assert.equal(comments.status, 200);
  assert.match(comments.text, /RE: The Battle for Aleppo/);
  assert.match(comments.text, /href="\/hive-196037\/@alice\/re-bob-re-the-battle-for-aleppo"/);
  const replies = await site.fetchPage("/@alice/replies");
  assert.match(replies.text, /data-post="bob\/re-the-battle-for-aleppo-bob"/);
  assert.match(replies.text, /data-post="carol\/re-the-battle-for-aleppo-carol"/);
  const feed = await site.fetchPage("/@dave/feed");
  assert.match(feed.text, /class="empty-state"/);
});

test("follow state, followers, following and the mute list", async () => {
  const bob = await site.fetchPage("/@bob", "carol");
  assert.match(bob.text, /data-action="follow" data-account="bob" data-state="follow">Unfollow</);
  assert.match(bob.text, />1 follower</);
  const followers = await site.fetchPage("/@bob/followers");
  assert.equal(followers.status, 200);
  assert.match(followers.text, /<h2 id="list-heading" class="list-heading">Followers of Bob \(@bob\)/);
  assert.match(followers.text, /<li><a href="\/@carol">/);
  const following = await site.fetchPage("/@carol/followed");
  assert.match(following.text, /<li><a href="\/@bob">/);
  assert.match(following.text, /<link rel="canonical" href="[^"]+\/@carol\/following">/);
  const none = await site.fetchPage("/@alice/followers");
  assert.match(none.text, /@alice has no followers yet\./);
  const muted = await site.fetchPage("/@bob/lists/muted");
  assert.match(muted.text, /<li><a href="\/@dave">/);
  assert.match(muted.text, /<meta name="robots" content="noindex">/);
});

test("notifications list replies and votes, unread ones marked, with Mark all as read for the owner alone", async () => {
  const own = await site.fetchPage("/@alice/notifications", "alice");
  assert.equal(own.status, 200);
  assert.match(own.text, /<a href="\/@bob\/re-the-battle-for-aleppo-bob">@bob replied to your post<\/a>/);
  assert.match(own.text, /@bob voted on your post/);
  assert.match(own.text, /class="notification unread"/);
  assert.match(own.text, /data-action="mark-read" data-account="alice"/);
  const other = await site.fetchPage("/@alice/notifications", "bob");
  assert.doesNotMatch(other.text, /data-action="mark-read"/);
  assert.match(other.text, /only @alice can mark them read/);
  const votes = await site.fetchPage("/@alice/notifications?type=upvotes", "alice");
  assert.match(votes.text, /voted on your post/);
  assert.doesNotMatch(votes.text, /replied to your post/);
  assert.match(votes.text, /<a href="\/@alice\/notifications\?type=upvotes" aria-current="page">Upvotes<\/a>/);
});

test("profile text is escaped and only an http(s) website becomes a link", async () => {
  const page = await site.fetchPage("/@dave");
  assert.doesNotMatch(page.text, /<script>alert/);
  assert.match(page.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; news/);
  assert.match(page.text, /&lt;b&gt;Dave&lt;\/b&gt;/);
  assert.match(page.text, /<a href="https:\/\/example.com\/dave" rel="nofollow noopener ugc" target="_blank">example.com\/dave<\/a>/);
  assert.match(page.text, /Aleppo/);
});

test("a brand-new account's welcome, and helpful 404s for unknown accounts", async () => {
  const welcome = await site.fetchPage("/@bob?welcome=1", "bob");
  assert.match(welcome.text, /Welcome, @bob!/);
  assert.match(welcome.text, /href="\/submit.html">Write your first post/);
  for (const path of ["/@nosuchuser", "/@nosuchuser/comments", "/@nosuchuser/followers", "/@nosuchuser/notifications", "/@nosuchuser/communities", "/@alice/nosuchtab/extra"]) {
    const page = await site.fetchPage(path);
    assert.equal(page.status, 404, path);
  }
  const missing = await site.fetchPage("/@nosuchuser");
  assert.match(missing.text, /There is no account @nosuchuser/);
  assert.match(missing.text, /Account names are 3 to 16 lowercase letters/);
});
