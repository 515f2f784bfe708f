// Checks what the editor sends: permlinks, tags, the private-key guard, comment_options for payout choices and beneficiaries, and edits sent as patches only when smaller and exact.
import assert from "node:assert/strict";
import { test } from "node:test";
import DiffMatchPatch from "diff-match-patch";
import { containsSecret, createCommentOperations, createPermlink, createReplyPermlink, describeTagsProblem, parseTags } from "./compose.ts";

test("permlinks are slugs with a time suffix; replies name their parent", () => {
  const now = Date.UTC(2024, 10, 28);
  assert.equal(createPermlink("The Battle for Aleppo: A New Chapter!", now), `the-battle-for-aleppo-a-new-chapter-${now.toString(36)}`);
  assert.equal(createPermlink("¿¿??", now), `post-${now.toString(36)}`);
  assert.match(createReplyPermlink("alice", "the-battle", now), /^re-alice-the-battle-[a-z0-9]+$/);
  assert.ok(createPermlink("x".repeat(400), now).length <= 255);
});

test("tags are parsed, de-duplicated and checked", () => {
  assert.deepEqual(parseTags("#Syria news, syria  War"), ["syria", "news", "war"]);
  assert.equal(describeTagsProblem(["a", "b", "c", "d", "e"]), null);
  assert.match(describeTagsProblem(["a", "b", "c", "d", "e", "f"]) ?? "", /At most 5/);
  assert.match(describeTagsProblem(["no_underscore"]) ?? "", /not a tag/);
});

test("a draft holding a private key or a master password is caught", () => {
  assert.ok(containsSecret("my key is 5JNHfZYKGaomSFvd4NUdQ9qMcEAC43kujbfjueTHpVapX1Kzq2n, keep it"));
  assert.ok(containsSecret("P5JDemoPasswordxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"));
  assert.ok(!containsSecret("A post about 5 things and P5 engines."));
});

test("a new post with the default payout is one comment; other choices and beneficiaries add comment_options", () => {
  const base = { author: "alice", permlink: "p", parentAuthor: "", parentPermlink: "hive-196037", title: "T", body: "Hello @bob ![x](https://i.example/a.png)", tags: ["hive-196037", "syria"] };
  const plain = createCommentOperations(base);
  assert.equal(plain.length, 1);
  const metadata = JSON.parse(plain[0][1].json_metadata as string);
  assert.deepEqual(metadata, { tags: ["hive-196037", "syria"], app: "kettle/0.1", format: "markdown", image: ["https://i.example/a.png"], users: ["bob"] });
  const [, options] = createCommentOperations({ ...base, payout: "0", beneficiaries: [{ account: "zed", weight: 500 }, { account: "bob", weight: 1000 }] });
  assert.equal(options[0], "comment_options");
  assert.equal(options[1].max_accepted_payout, "0.000 SBD");
  assert.deepEqual(options[1].extensions, [[0, { beneficiaries: [{ account: "bob", weight: 1000 }, { account: "zed", weight: 500 }] }]]);
  assert.equal(createCommentOperations({ ...base, payout: "100" })[1][1].percent_steem_dollars, 0);
});

test("an edit is sent as a patch when that is smaller and reproduces the new body, else as the whole body", () => {
  const previous = `${"A long paragraph that stays the same. ".repeat(40)}The end.`;
  const body = previous.replace("The end.", "The very end.");
  const [[, edit]] = createCommentOperations({ author: "alice", permlink: "p", parentAuthor: "", parentPermlink: "x", title: "T", body, tags: ["x"], previousBody: previous });
  assert.ok((edit.body as string).startsWith("@@"), "a small change goes as a patch");
  const engine = new DiffMatchPatch();
  assert.equal(engine.patch_apply(engine.patch_fromText(edit.body as string), previous)[0], body);
  const [[, rewrite]] = createCommentOperations({ author: "alice", permlink: "p", parentAuthor: "", parentPermlink: "x", title: "T", body: "Short.", tags: ["x"], previousBody: previous });
  assert.equal(rewrite.body, "Short.", "a rewrite goes whole");
});
