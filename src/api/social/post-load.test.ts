// Loading a page of posts from a real (SQLite) index: the biggest votes first within the cap, the
// observer's own vote always, muted voters marked, blacklist labels, and community titles and roles; and
// the same posts through the head cache (bridge-post-cache.ts), for every observer.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { SqliteIndexDatabase } from "../../index/db/sqlite.ts";
import { schemaStatements } from "../../index/schema.ts";
import { bridgePostTexts, observedBridgePosts } from "./bridge-post-cache.ts";
import { loadBridgePosts, loadCondenserPosts } from "./post-load.ts";
import { bridgePostObject } from "./post-objects.ts";

const dir = mkdtempSync(join(tmpdir(), "kettle-post-load-"));
const db = new SqliteIndexDatabase({ path: join(dir, "index.sqlite") });
after(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

before(async () => {
  await db.transaction(async (tx) => {
    for (const statement of schemaStatements("sqlite")) await tx.run(statement);
    const account = (id: number, name: string, reputation: bigint) =>
      tx.run("INSERT INTO accounts (id, name, created_at, json_metadata, posting_json_metadata, reputation, post_count, followers, following, lastread_at, active_at) VALUES (?, ?, 0, '', '', ?, 0, 0, 0, 0, 0)", [id, name, reputation]);
    await account(1, "alice", 10n ** 12n);
    await account(2, "bob", 0n);
    await account(3, "carol", 5n);
    await tx.run("INSERT INTO communities (id, name, type_id, title, about, lang, is_nsfw, description, flag_text, settings, created_at, subscribers) VALUES (1, 'hive-111111', 1, 'Tea', '', 'en', 0, '', '', '{}', 0, 0)");
    await tx.run("INSERT INTO community_roles (community_id, account, role, title, created_at) VALUES (1, 'alice', 4, 'brewer', 0)");
    const post = (id: number, author: string, community: string | null) =>
      tx.run(
        `INSERT INTO posts (id, author, permlink, parent_id, root_id, depth, category, community, title, body, json_metadata, created_at, updated_at, active_at,
           edits, children, net_rshares, abs_rshares, vote_rshares, total_votes, up_votes, cashout_at, payout_at, is_paidout, pending_payout, author_payout,
           curator_payout, payout, max_accepted_payout, percent_sbd, allow_replies, allow_votes, allow_curation, beneficiaries, is_deleted, is_muted,
           muted_reasons, is_pinned, is_nsfw, sc_trend, sc_hot, promoted, reblogs, author_rewards, beneficiary_payout)
         VALUES (?, ?, 'p', NULL, ?, 0, 'tea', ?, 'T', 'B', '{}', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10000, 1, 1, 1, '[]', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)`,
        [id, author, id, community],
      );
    await post(1, "alice", "hive-111111");
    await post(2, "bob", null);
    const vote = (postId: number, voter: string, rshares: number) =>
      tx.run("INSERT INTO votes (post_id, voter, weight, rshares, percent, voted_at, num_changes) VALUES (?, ?, ?, ?, 100, 7, 0)", [postId, voter, rshares, rshares]);
    await vote(1, "v1", 30);
    await vote(1, "v2", 50);
    await vote(1, "v3", 10);
    await vote(1, "carol", 5);
    await vote(2, "v1", -20);
    const follow = (follower: string, following: string, state: number, blacklisted: number, followBlacklists: number, followMuted: number) =>
      tx.run("INSERT INTO follows (follower, following, state, blacklisted, follow_blacklists, follow_muted, created_at) VALUES (?, ?, ?, ?, ?, ?, 0)", [follower, following, state, blacklisted, followBlacklists, followMuted]);
    await follow("carol", "bob", 0, 1, 0, 0); // carol blacklists bob
    await follow("carol", "lister", 0, 0, 1, 1); // carol follows lister's blacklist and mute list
    await follow("lister", "bob", 2, 1, 0, 0); // lister mutes and blacklists bob
    await follow("lister", "v2", 2, 0, 0, 0); // lister mutes v2
  });
});

test("bridge posts carry their biggest votes within the cap, plus the observer's own", async () => {
  const anonymous = await loadBridgePosts(db, [1, 2], null, 2);
  assert.deepEqual(anonymous.get(1)?.votes, [{ voter: "v2", rshares: 50n }, { voter: "v1", rshares: 30n }]);
  assert.deepEqual(anonymous.get(2)?.votes, [{ voter: "v1", rshares: -20n }]);
  const observed = await loadBridgePosts(db, [1], "carol", 2);
  assert.deepEqual(observed.get(1)?.votes, [{ voter: "v2", rshares: 50n }, { voter: "v1", rshares: 30n }, { voter: "carol", rshares: 5n }]);
  // v2 is muted through the list carol follows; bob too.
  assert.deepEqual([...(observed.get(1)?.mutedVoters ?? [])].sort(), ["bob", "v2"]);
});

test("the observer's blacklist labels, the author's reputation, community title and role", async () => {
  const posts = await loadBridgePosts(db, [1, 2, 99], "carol", 10);
  assert.deepEqual([...posts.keys()].sort(), [1, 2]);
  assert.deepEqual(posts.get(2)?.blacklists, ["my blacklist", "blacklisted by lister"]);
  assert.deepEqual(posts.get(1)?.blacklists, []);
  assert.equal(posts.get(1)?.authorReputation, 10n ** 12n);
  assert.deepEqual(posts.get(1)?.community, { title: "Tea", role: 4, roleTitle: "brewer" });
  assert.equal(posts.get(2)?.community, null);
  assert.equal(posts.get(1)?.row.root_author, "alice");
});

test("condenser posts carry every vote by voter name with the voter's reputation", async () => {
  const posts = await loadCondenserPosts(db, [1]);
  assert.deepEqual(posts.get(1)?.votes.map((vote) => [vote.voter, vote.reputation, vote.percent]), [["carol", 5n, 100], ["v1", 0n, 100], ["v2", 0n, 100], ["v3", 0n, 100]]);
});

test("cached bridge posts are, for every observer, what loading the posts for that observer builds; they are read again once the head moves", async () => {
  const direct = async (ids: number[], observer: string | null, votesMax: number) => {
    const posts = await loadBridgePosts(db, ids, observer, votesMax);
    return ids.flatMap((id) => (posts.has(id) ? [JSON.stringify(bridgePostObject(posts.get(id)!))] : []));
  };
  // Kept objects come as their UTF-8 bytes.
  const cachedTexts = async (ids: number[], observer: string | null, votesMax: number) =>
    bridgePostTexts(ids, await observedBridgePosts(db, ids, observer, votesMax), () => ({})).map(String);
  // Metadata may hold keys named like the arrays an observer changes, and brackets in strings.
  await db.transaction((tx) => tx.run(`UPDATE posts SET json_metadata = '{"tags":["a"],"active_votes":[{"voter":"z]"}],"blacklists":["q]"]}' WHERE id = 2`));
  // carol's own vote falls outside a cap of 2 and her mute list hides v2's vote; bob is on her blacklists.
  for (const observer of [null, "carol", "alice", "bob"]) {
    for (const votesMax of [2, 10]) {
      const want = await direct([2, 1, 99], observer, votesMax);
      assert.equal(want.length, 2);
      // The first call fills the cache, the second reads it.
      assert.deepEqual(await cachedTexts([2, 1, 99], observer, votesMax), want, `${observer} ${votesMax}`);
      assert.deepEqual(await cachedTexts([2, 1, 99], observer, votesMax), want, `${observer} ${votesMax}, cached`);
    }
  }
  for (const options of [{ rebloggedBy: ["bob"], truncateBody: 1 }, { rebloggedBy: ["bob", "carol"] }, { grayedByObserver: true }, { replies: ["a/b"] }]) {
    for (const observer of [null, "carol"]) {
      const [withOptions] = bridgePostTexts([1], await observedBridgePosts(db, [1], observer, 2), () => options).map(String);
      assert.equal(withOptions, JSON.stringify(bridgePostObject((await loadBridgePosts(db, [1], observer, 2)).get(1)!, options)), JSON.stringify(options));
    }
  }

  // A kept post is built again once what it was built from moved: its row or votes (changed_block, which
  // the projector sets with every change), its root's, the author's reputation, the community's title or
  // the author's role there. Nothing else moving keeps it.
  let head = 5;
  const block = async (statements: string[]) => {
    head++;
    await db.transaction(async (tx) => {
      for (const statement of statements) await tx.run(statement);
      await tx.run(
        `INSERT INTO index_state (id, schema_version, block_num, block_id, block_time, next_post_id, next_notification_id, next_account_id, next_community_id)
         VALUES (1, 0, ?, '', 0, 0, 0, 0, 0) ON CONFLICT (id) DO UPDATE SET block_num = excluded.block_num`,
        [head],
      );
    });
  };
  const agrees = async (message: string) => {
    for (const votesMax of [2, 10]) {
      for (const observer of [null, "carol"]) {
        assert.deepEqual(await cachedTexts([1, 2], observer, votesMax), await direct([1, 2], observer, votesMax), `${message} (${observer}, ${votesMax})`);
      }
    }
  };
  const before = await cachedTexts([1], null, 10);
  // Unrelated change in a new block: the text is the kept one (same string), checked against the index.
  await block(["UPDATE accounts SET followers = followers + 1 WHERE name = 'bob'"]);
  assert.deepEqual(await cachedTexts([1], null, 10), before);
  await agrees("an unrelated block");
  await block(["UPDATE votes SET rshares = 99 WHERE post_id = 1 AND voter = 'v3'", `UPDATE posts SET changed_block = ${head + 1} WHERE id = 1`]);
  const afterVote = await cachedTexts([1], null, 10);
  assert.notDeepEqual(afterVote, before);
  assert.match(afterVote[0], /"voter":"v3","rshares":99/);
  await agrees("a changed vote");
  await block(["UPDATE accounts SET reputation = 7 WHERE name = 'alice'"]);
  await agrees("the author's reputation");
  await block(["UPDATE community_roles SET role = 6, title = 'tea master' WHERE account = 'alice'"]);
  await agrees("the author's role and title in the community");
  await block(["UPDATE communities SET title = 'Green tea' WHERE id = 1"]);
  await agrees("the community's title");
  await block(["DELETE FROM community_roles WHERE account = 'alice'"]);
  await agrees("the author's role removed");
  await block([`UPDATE posts SET title = 'Root title', changed_block = ${head + 1} WHERE id = 2`, "UPDATE posts SET root_id = 2, parent_id = 2, depth = 1 WHERE id = 1"]);
  await agrees("a reply under a root");
  await block([`UPDATE posts SET title = 'Edited root', changed_block = ${head + 1} WHERE id = 2`]);
  assert.match((await cachedTexts([1], null, 10))[0], /"title":"RE: Edited root"/);
  await agrees("the root's title edited");
  await block(["DELETE FROM posts WHERE id = 2"]);
  assert.equal((await observedBridgePosts(db, [2], null, 10)).size, 0, "a deleted post is gone");
});
