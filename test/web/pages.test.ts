// Checks the server-rendered pages a reader opens first — front page, lists, the seed post, log in, sign-up, 404s — through real HTTP on a demo node.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { seedPost } from "../../src/cli/seed-post.ts";
import { type DemoSite, startDemoSite } from "../helpers/web-node.ts";

let site: DemoSite;
before(async () => {
  site = await startDemoSite();
});
after(() => site.close());

const seedPath = `/${seedPost.category}/@alice/${seedPost.permlink}`;

test("the front page lists the seed post as a card with its payout, votes and replies", async () => {
  const page = await site.fetchPage("/");
  assert.equal(page.status, 200);
  assert.match(page.headers.get("content-type") ?? "", /text\/html/);
  assert.match(page.headers.get("content-security-policy") ?? "", /script-src 'self'/);
  assert.match(page.text, /<title>Kettle<\/title>/);
  assert.ok(page.text.includes(`href="${seedPath}"`), "the card links to the post");
  assert.match(page.text, /The Battle for Aleppo: A New Chapter in Syria&#39;s Enduring Conflict/);
  assert.match(page.text, /3 votes/);
  assert.match(page.text, /3 replies/);
  assert.match(page.text, /Pending payout amount: \$\d+\.\d\d/);
});

test("the seed post's page carries everything the Steemit page showed", async () => {
  const page = await site.fetchPage(seedPath);
  assert.equal(page.status, 200);
  const text = page.text;
  assert.match(text, /<h1 class="post-title">The Battle for Aleppo: A New Chapter in Syria&#39;s Enduring Conflict<\/h1>/);
  assert.match(text, /in <a href="\/trending\/[a-z0-9-]+">#?syria<\/a>/);
  assert.match(text, /<time datetime="[^"]+" title="\d+ \w+ \d{4}, \d\d:\d\d:\d\d UTC">/);
  for (const heading of ["Current Developments", "Context of the Conflict", "Implications", "Looking Ahead", "Conclusion"]) assert.ok(text.includes(`>${heading}</h2>`), heading);
  assert.match(text, /<li>\s*(?:<p>)?<strong>Rapid Advance:<\/strong>/);
  assert.match(text, /<img [^>]*src="\/p\/[1-9A-Za-z]+\?width=640"/);
  assert.match(text, /Authors get paid when people like you upvote their post\./);
  assert.match(text, /If you enjoyed what you read here, <a href="\/signup">create your account today and start earning FREE STEEM!<\/a>/);
  assert.match(text, /<meta property="og:title" content="The Battle for Aleppo/);
  assert.match(text, /id="@bob\/re-the-battle-for-aleppo-bob"/, "the reply tree holds bob's reply");
  assert.match(text, /id="@alice\/re-bob-re-the-battle-for-aleppo"/, "and alice's answer under it");
});

test("a logged-in reader gets no sign-up call and sees their own menu", async () => {
  const page = await site.fetchPage(seedPath, "bob");
  assert.doesNotMatch(page.text, /create your account today/);
  assert.match(page.text, /data-reader="bob"/);
});

test("old links resolve: /@author/permlink redirects to the post's canonical path", async () => {
  const page = await site.fetchPage(`/@alice/${seedPost.permlink}`);
  assert.equal(page.status, 301);
  assert.equal(page.headers.get("location"), seedPath);
});

test("lists by sort and tag, log in and sign-up pages answer", async () => {
  for (const path of ["/hot", "/created", "/trending/syria", "/payout", "/login.html", "/signup", "/submit.html"]) {
    const page = await site.fetchPage(path);
    assert.ok(page.status === 200 || (path === "/submit.html" && page.status === 302), `${path}: ${page.status}`);
  }
});

test("unknown pages and posts are helpful 404s", async () => {
  for (const path of ["/no/such/page/here", "/syria/@alice/no-such-post", "/trending/hive-199999"]) {
    const page = await site.fetchPage(path);
    assert.equal(page.status, 404, path);
    assert.match(page.text, /Not found/);
    assert.match(page.text, /action="\/search"/);
  }
});
