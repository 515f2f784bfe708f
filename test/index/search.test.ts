// search-api.find_text through JSON-RPC on SQLite (FTS5) and PostgreSQL (tsvector): titles and bodies,
// phrases, +/- terms and title:/body: fields, relevance and date order with keyset paging, the author
// filter and the observer's mutes, edits and deletions followed, and any input answered without an SQL
// error (bad params as invalid_params).
import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { Operation } from "dsteem";
import { onBothDatabases } from "../helpers/social-network.ts";

type Post = Record<string, any>;

const post = (author: string, permlink: string, title: string, body: string): Operation =>
  ["comment", { parent_author: "", parent_permlink: "brews", author, permlink, title, body, json_metadata: JSON.stringify({ tags: ["brews"] }) }];
const keys = (posts: Post[]) => posts.map((p) => `${p.author}/${p.permlink}`);

onBothDatabases("search-api.find_text", (net) => {
  const find = async (pattern: string, extra: Record<string, unknown> = {}) => keys(await net().call("search-api.find_text", { pattern, ...extra }));

  before(async () => {
    await net().createAccounts(["se-a", "se-b", "se-c", "se-o"]);
    await net().send([post("se-a", "green", "Brewing green tea", "Green tea wants water below boiling, so use a kettle with a thermostat.")], "se-a");
    await net().send([post("se-b", "choice", "Coffee or tea?", "Strong coffee in the morning, a mild tea at night.")], "se-b");
    await net().send([post("se-c", "descale", "Kettle descaling guide", "Vinegar removes limescale from any kettle.")], "se-c");
    await net().send([["comment", { parent_author: "se-a", parent_permlink: "green", author: "se-o", permlink: "re-green", title: "", body: "tea kettle tea kettle", json_metadata: "{}" }]], "se-o");
  });

  test("finds posts by title and body, best match first; comments are not searched", async () => {
    assert.deepEqual(await find("kettle"), ["se-c/descale", "se-a/green"]);
    assert.deepEqual(await find("vinegar"), ["se-c/descale"]);
    assert.deepEqual(await find("brew"), ["se-a/green"], "stemmed");
    assert.deepEqual(await find("KETTLE   Thermostat"), ["se-a/green"]);
    const [found] = await net().call("search-api.find_text", { pattern: "vinegar", truncate_body: 7 });
    const full = await net().call("bridge.get_post", { author: "se-c", permlink: "descale" });
    assert.deepEqual(found, { ...full, body: "Vinegar" });
  });

  test("phrases, +must, -mustnot and title:/body: fields", async () => {
    assert.deepEqual(await find('"green tea"'), ["se-a/green"]);
    assert.deepEqual(await find('"tea green"'), []);
    assert.deepEqual((await find("tea -coffee")).sort(), ["se-a/green"]);
    assert.deepEqual(await find("+tea +coffee"), ["se-b/choice"]);
    assert.deepEqual(await find("title:kettle"), ["se-c/descale"]);
    assert.deepEqual((await find("body:kettle")).sort(), ["se-a/green", "se-c/descale"]);
    assert.deepEqual(await find('title:"coffee or tea"'), ["se-b/choice"]);
    assert.deepEqual(await find("kettle -title:descaling"), ["se-a/green"]);
  });

  test("date order, relevance order and keyset pages that join up", async () => {
    assert.deepEqual(await find("tea", { sort: "created" }), ["se-b/choice", "se-a/green"]);
    for (const sort of ["created", "relevance"]) {
      const all = await find("tea", { sort });
      assert.equal(all.length, 2);
      const paged: string[] = [];
      for (let page = 0; page < 5; page++) {
        const last = paged[paged.length - 1]?.split("/");
        const got = await find("tea", { sort, limit: 1, ...(last ? { start_author: last[0], start_permlink: last[1] } : {}) });
        paged.push(...got);
        if (got.length === 0) break;
      }
      assert.deepEqual(paged, all, sort);
    }
  });

  test("the author filter and the observer's mutes", async () => {
    assert.deepEqual(await find("tea", { author: "se-b" }), ["se-b/choice"]);
    await net().customJson("se-o", "follow", ["follow", { follower: "se-o", following: "se-c", what: ["ignore"] }]);
    assert.deepEqual(await find("kettle", { observer: "se-o" }), ["se-a/green"]);
    assert.deepEqual(await find("kettle"), ["se-c/descale", "se-a/green"]);
  });

  test("edits replace what is found and deletions remove it", async () => {
    await net().send([post("se-a", "green", "Brewing green tea in a pot", "Green tea wants water below boiling, so use a teapot.")], "se-a");
    assert.deepEqual(await find("kettle"), ["se-c/descale"]);
    assert.deepEqual(await find("teapot"), ["se-a/green"]);
    assert.deepEqual(await find("title:pot"), ["se-a/green"]);
    await net().send([["delete_comment", { author: "se-c", permlink: "descale" }]], "se-c");
    assert.deepEqual(await find("vinegar"), []);
    assert.deepEqual(await find("kettle"), []);
  });

  test("any pattern gives results or a clear error, never an SQL error", async () => {
    for (const pattern of ['"', "***", "NEAR(tea", "a:b:c", "'; DROP TABLE posts; --", "tea* OR ^coffee", "title:", "(((", "\\\"tea\\\"", "ünïcödé ☕ 茶"]) {
      const result = await net().call("search-api.find_text", { pattern });
      assert.ok(Array.isArray(result), pattern);
    }
    assert.deepEqual(await find("   "), []);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ pattern: "x".repeat(501) }, /pattern must be at most 500 characters/],
      [{ pattern: "-coffee" }, /at least one term to find/],
      [{ pattern: "tea", sort: "best" }, /sort must be one of relevance, created/],
      [{ pattern: "tea", limit: 0 }, /limit must be an integer from 1 to 100/],
      [{}, /pattern must be a string/],
      [{ pattern: "tea", tag: "brews" }, /does not take a param named "tag"/],
      [{ pattern: "tea", author: "no-such-acct" }, /author: account no-such-acct does not exist/],
      [{ pattern: "coffee", start_author: "se-a", start_permlink: "green" }, /is not among this search's results/],
      [{ pattern: "tea", truncate_body: -1 }, /truncate_body must be a whole number/],
    ];
    for (const [params, message] of cases) {
      const error = await net().callError("search-api.find_text", params);
      assert.equal(error.code, -32602, JSON.stringify(params));
      assert.match(error.message, message, JSON.stringify(params));
    }
  });
});
