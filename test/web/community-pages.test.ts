// Checks the community, tag, rewards, search and explanation pages on a demo node through real HTTP: the directory, roles and moderator tools by role, subscribers, settings for admins only, trending tags, payout stats, search with escaping, and 404s.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { seedPost } from "../../src/cli/seed-post.ts";
import { createDemoCommunity } from "../helpers/demo-community.ts";
import { type DemoSite, startDemoSite } from "../helpers/web-node.ts";

let site: DemoSite;
const brewers = "hive-177777";

before(async () => {
  site = await startDemoSite();
  await createDemoCommunity(site, {
    name: brewers, title: "<b>Brewers</b>", about: "Tea <script>alert(1)</script> and kettles", rules: "Be kind.\nNo spam.",
    owner: "carol", mods: ["dave"], subscribers: ["alice", "bob"], titles: { dave: "Head brewer" },
  });
});
after(() => site.close());

test("the directory lists communities with stats, subscribe buttons for the reader, search and sorts", async () => {
  const page = await site.fetchPage("/communities", "bob");
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1 id="communities-heading" class="list-heading">Communities<\/h1>/);
  assert.match(page.text, /<a href="\/trending\/hive-196037">syria<\/a>/);
  assert.match(page.text, /data-action="subscribe" data-community="hive-196037" data-subscribed="true"/);
  assert.match(page.text, /<a href="\/trending\/hive-177777">&lt;b&gt;Brewers&lt;\/b&gt;<\/a>/);
  assert.doesNotMatch(page.text, /<script>alert/);
  assert.match(page.text, /<label for="community-search">Search communities<\/label>/);
  const found = await site.fetchPage("/communities?q=kettles");
  assert.match(found.text, /hive-177777/);
  assert.doesNotMatch(found.text, /href="\/trending\/hive-196037"/);
  assert.match(found.text, /value="kettles"/);
  const none = await site.fetchPage("/communities?q=%3Cnothing%3E");
  assert.match(none.text, /No community matches “&lt;nothing&gt;”/);
  const newest = await site.fetchPage("/communities?sort=new");
  assert.match(newest.text, /<a href="\/communities\?sort=new" aria-current="page">Newest<\/a>/);
});

test("an account's communities show its roles and titles", async () => {
  const page = await site.fetchPage("/@alice/communities", "alice");
  assert.equal(page.status, 200);
  assert.match(page.text, /Your communities/);
  assert.match(page.text, /<a href="\/trending\/hive-196037">syria<\/a>/);
  assert.match(page.text, /<span class="role-badge">admin<\/span> <span class="author-title">Correspondent<\/span>/);
  const dave = await site.fetchPage("/@dave/communities");
  assert.match(dave.text, /Communities of/);
});

test("the roles page lists the team, and moderators get tools for roles below their own", async () => {
  const asAdmin = await site.fetchPage("/roles/hive-196037", "alice");
  assert.equal(asAdmin.status, 200);
  assert.match(asAdmin.text, /<h1 id="page-heading">Roles in syria<\/h1>/);
  assert.match(asAdmin.text, /<th scope="row"><a href="\/@bob">@bob<\/a><\/th><td><span class="role-badge">mod<\/span>/);
  assert.match(asAdmin.text, /data-community-form="setRole" data-community="hive-196037"/);
  assert.match(asAdmin.text, /<option value="mod">/);
  assert.doesNotMatch(asAdmin.text, /<option value="admin">/);
  assert.match(asAdmin.text, /data-community-form="setUserTitle"/);
  assert.match(asAdmin.text, /data-community-form="mute"/);
  assert.match(asAdmin.text, /<label for="role-account">Account<\/label>/);
  const asMod = await site.fetchPage("/roles/hive-196037", "bob");
  assert.doesNotMatch(asMod.text, /<option value="mod">/);
  assert.match(asMod.text, /<option value="muted">/);
  for (const observer of ["carol", undefined]) {
    const page = await site.fetchPage("/roles/hive-196037", observer);
    assert.doesNotMatch(page.text, /data-community-form/, `no tools for ${observer ?? "a logged-out reader"}`);
  }
  const brewersRoles = await site.fetchPage(`/roles/${brewers}`);
  assert.match(brewersRoles.text, /@carol<\/a><\/th><td><span class="role-badge">admin/);
  assert.match(brewersRoles.text, /@dave<\/a><\/th><td><span class="role-badge">mod<\/span><\/td><td><span class="author-title">Head brewer<\/span>/);
});

test("subscribers are listed with role and title", async () => {
  const page = await site.fetchPage(`/subscribers/${brewers}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /2 subscribers/);
  assert.match(page.text, /<th scope="row"><a href="\/@alice">@alice<\/a><\/th>/);
  assert.match(page.text, /<th scope="row"><a href="\/@bob">@bob<\/a><\/th>/);
});

test("settings are a form for admins, a refusal for others, and log in first for nobody", async () => {
  const admin = await site.fetchPage(`/community-settings/${brewers}`, "carol");
  assert.equal(admin.status, 200);
  assert.match(admin.text, /data-community-form="updateProps" data-community="hive-177777"/);
  assert.match(admin.text, /<input id="props-title" name="title" type="text" required minlength="3" maxlength="20" value="&lt;b&gt;Brewers&lt;\/b&gt;"/);
  assert.match(admin.text, /<textarea id="props-rules" name="flag_text"[^>]*>Be kind.\nNo spam.<\/textarea>/);
  assert.match(admin.text, /<option value="en" selected>English \(en\)<\/option>/);
  const mod = await site.fetchPage(`/community-settings/${brewers}`, "dave");
  assert.equal(mod.status, 403);
  assert.match(mod.text, /Only the community's admins and owner can change its settings/);
  const anonymous = await site.fetchPage(`/community-settings/${brewers}`);
  assert.equal(anonymous.status, 302);
  assert.match(anonymous.headers.get("location") ?? "", /^\/login\.html\?next=/);
});

test("tags and rewards show where the pending payouts are", async () => {
  const tags = await site.fetchPage("/tags");
  assert.equal(tags.status, 200);
  assert.match(tags.text, /<th scope="row"><a href="\/trending\/hive-196037">syria<\/a>/);
  assert.match(tags.text, /<th scope="col" class="number">Pending payouts<\/th>/);
  const rewards = await site.fetchPage("/rewards");
  assert.equal(rewards.status, 200);
  assert.match(rewards.text, /<a href="\/trending\/hive-196037">syria<\/a><\/th>\s*<td class="number">\$\d+\.\d\d<\/td>/);
  assert.match(rewards.text, /How rewards work/);
  assert.match(rewards.text, /pays out 7 days after/);
});

test("search finds the seed post, shows an account, escapes the query and explains itself", async () => {
  const found = await site.fetchPage("/search?q=aleppo");
  assert.equal(found.status, 200);
  assert.ok(found.text.includes(`href="/${seedPost.category}/@alice/${seedPost.permlink}"`));
  assert.match(found.text, /<input id="search-query" name="q" type="search" value="aleppo"/);
  const script = await site.fetchPage("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
  assert.doesNotMatch(script.text, /<script>alert/);
  assert.match(script.text, /value="&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
  assert.match(script.text, /Search tips/);
  const account = await site.fetchPage("/search?q=%40alice");
  assert.match(account.text, /<a class="author-name" href="\/@alice">Alice<\/a>/);
  const excluded = await site.fetchPage("/search?q=-aleppo");
  assert.match(excluded.text, /This search could not run/);
  const empty = await site.fetchPage("/search");
  assert.match(empty.text, /<h1 class="list-heading">Search<\/h1>/);
  assert.match(empty.text, /title:aleppo/);
});

test("the welcome and FAQ pages answer, and unknown communities are helpful 404s", async () => {
  const welcome = await site.fetchPage("/welcome");
  assert.match(welcome.text, /<h1 id="welcome-heading">Welcome to Kettle<\/h1>/);
  assert.match(welcome.text, /Nobody can reset your password/);
  const faq = await site.fetchPage("/faq.html");
  assert.match(faq.text, /<h2 id="voting-power">What is voting power\?<\/h2>/);
  assert.match(faq.text, /A full-strength upvote spends 2% of what is left/);
  for (const path of ["/roles/hive-199999", "/roles/not-a-community", "/subscribers/hive-199999", "/community-settings/hive-199999"]) {
    const page = await site.fetchPage(path, "alice");
    assert.equal(page.status, 404, path);
    assert.match(page.text, /Community names look like/);
  }
});
