// Checks parseSocialCustomJson against hivemind (Hive): each follow, reblog, notify and community action parses, and each malformed op is ignored or refused with hivemind's reason.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseSocialCustomJson, type ParseSocialCustomJsonOptions, type SocialCustomJsonOperation } from "./custom-json.ts";

const blockTime = Date.UTC(2024, 10, 28, 12, 0, 0) / 1000;

function op(id: string, json: unknown, posting: readonly string[] = ["alice"], active: readonly string[] = []): SocialCustomJsonOperation {
  return { id, json: typeof json === "string" ? json : JSON.stringify(json), required_auths: active, required_posting_auths: posting };
}

function parse(id: string, json: unknown, posting?: readonly string[], active?: readonly string[], options?: ParseSocialCustomJsonOptions) {
  return parseSocialCustomJson(op(id, json, posting, active), blockTime, options);
}

const ignored = (id: string, code: string) => ({ kind: "ignored", code, id });
const refused = (reason: string, community?: string) => (community === undefined ? { kind: "error", reason, actor: "alice" } : { kind: "error", reason, actor: "alice", community });

test("ids the index does not handle give null", () => {
  for (const id of ["", "Follow", "communities", "ssc-mainnet", "reblogs"]) assert.equal(parse(id, ["follow", {}]), null, id);
});

describe("envelope checks shared by every id", () => {
  test("exactly one posting signer and no active signer, else ignored (community ops too)", () => {
    for (const id of ["follow", "reblog", "notify", "community"] as const) {
      assert.deepEqual(parse(id, ["x", {}], ["alice", "bob"]), ignored(id, "posting_signer_count"));
      assert.deepEqual(parse(id, ["x", {}], []), ignored(id, "posting_signer_count"));
      assert.deepEqual(parse(id, ["x", {}], [], ["alice"]), ignored(id, "active_authority"));
      assert.deepEqual(parse(id, ["x", {}], ["alice"], ["alice"]), ignored(id, "active_authority"));
    }
  });

  test("json over the chain's 8192-byte custom_json limit is ignored", () => {
    const big = JSON.stringify(["follow", { follower: "alice", following: "bob", what: ["blog"], pad: "é".repeat(4096) }]);
    assert.deepEqual(parse("follow", big), ignored("follow", "json_too_large"));
    assert.deepEqual(parse("community", big), ignored("community", "json_too_large"));
  });
});

describe("follow", () => {
  const follow = (payload: unknown, posting?: readonly string[]) => parse("follow", ["follow", payload], posting);

  test("follow, unfollow and mute one account", () => {
    assert.deepEqual(follow({ follower: "alice", following: "bob", what: ["blog"] }), { kind: "follow", follower: "alice", what: "follow", following: ["bob"] });
    assert.deepEqual(follow({ follower: "alice", following: "bob", what: ["follow"] }), { kind: "follow", follower: "alice", what: "follow", following: ["bob"] });
    assert.deepEqual(follow({ follower: "alice", following: "bob", what: ["ignore"] }), { kind: "follow", follower: "alice", what: "ignore", following: ["bob"] });
    for (const what of [[], [""], [null], [false], [0], [[]], [{}]]) {
      assert.deepEqual(follow({ follower: "alice", following: "bob", what }), { kind: "follow", follower: "alice", what: "clear", following: ["bob"] }, JSON.stringify(what));
    }
  });

  test("Hive's list actions and bulk targets", () => {
    for (const what of ["blacklist", "unblacklist", "follow_blacklist", "unfollow_blacklist", "follow_muted", "unfollow_muted"]) {
      assert.deepEqual(follow({ follower: "alice", following: ["bob", "carol"], what: [what] }), { kind: "follow", follower: "alice", what, following: ["bob", "carol"] });
    }
  });

  test("bulk targets drop repeats, the follower, malformed names and non-strings", () => {
    const parsed = follow({ follower: "alice", following: ["bob", "alice", "bob", "", "Bad!", 7, null, "carol.dev"], what: ["blog"] });
    assert.deepEqual(parsed, { kind: "follow", follower: "alice", what: "follow", following: ["bob", "carol.dev"] });
  });

  test("resets need the following key but not a target", () => {
    for (const what of ["reset_blacklist", "reset_following_list", "reset_muted_list", "reset_follow_blacklist", "reset_follow_muted_list", "reset_all_lists"]) {
      assert.deepEqual(follow({ follower: "alice", following: null, what: [what] }), { kind: "follow_reset", follower: "alice", what });
    }
    assert.deepEqual(follow({ follower: "alice", what: ["reset_all_lists"] }), ignored("follow", "missing_field"));
  });

  test("only the first entry of what counts", () => {
    assert.deepEqual(follow({ follower: "alice", following: "bob", what: ["blog", "ignore"] }), { kind: "follow", follower: "alice", what: "follow", following: ["bob"] });
  });

  test("malformed follows are ignored", () => {
    assert.deepEqual(follow({ follower: "bob", following: "carol", what: ["blog"] }), ignored("follow", "signer_mismatch"));
    assert.deepEqual(follow({ follower: "", following: "carol", what: ["blog"] }), ignored("follow", "signer_mismatch"));
    assert.deepEqual(follow({ follower: ["alice"], following: "carol", what: ["blog"] }), ignored("follow", "signer_mismatch"));
    assert.deepEqual(follow({ following: "bob", what: ["blog"] }), ignored("follow", "missing_field"));
    assert.deepEqual(follow({ follower: "alice", following: "bob" }), ignored("follow", "missing_field"));
    assert.deepEqual(follow({ follower: "alice", following: "bob", what: "blog" }), ignored("follow", "invalid_what"));
    assert.deepEqual(follow({ follower: "alice", following: "bob", what: ["subscribe"] }), ignored("follow", "invalid_what"));
    assert.deepEqual(follow({ follower: "alice", following: "bob", what: [5] }), ignored("follow", "invalid_what"));
    assert.deepEqual(follow({ follower: "alice", following: "bob", what: [true] }), ignored("follow", "invalid_what"));
    assert.deepEqual(follow({ follower: "alice", following: "bob", what: ["toString"] }), ignored("follow", "invalid_what"));
    assert.deepEqual(follow({ follower: "alice", following: "alice", what: ["blog"] }), ignored("follow", "invalid_following"));
    assert.deepEqual(follow({ follower: "alice", following: 42, what: ["blog"] }), ignored("follow", "invalid_following"));
    assert.deepEqual(follow({ follower: "alice", following: [], what: ["blog"] }), ignored("follow", "invalid_following"));
    assert.deepEqual(follow({ follower: "alice", following: "bob", what: ["blog"] }, ["bob"]), ignored("follow", "signer_mismatch"));
  });

  test("envelope: not JSON, not a [command, object] pair, unknown command", () => {
    assert.deepEqual(parse("follow", "{not json"), ignored("follow", "malformed_json"));
    assert.deepEqual(parse("follow", ""), ignored("follow", "malformed_json"));
    assert.deepEqual(parse("follow", ["follow"]), ignored("follow", "not_a_command"));
    assert.deepEqual(parse("follow", ["follow", [], 1]), ignored("follow", "not_a_command"));
    assert.deepEqual(parse("follow", [1, {}]), ignored("follow", "not_a_command"));
    assert.deepEqual(parse("follow", ["follow", "bob"]), ignored("follow", "not_a_command"));
    assert.deepEqual(parse("follow", ["unfollow", {}]), ignored("follow", "unknown_command"));
  });

  test("an un-wrapped payload is read only when legacy payloads are accepted", () => {
    const bare = { follower: "alice", following: "bob", what: ["blog"] };
    assert.deepEqual(parse("follow", bare), ignored("follow", "not_a_command"));
    assert.deepEqual(parse("follow", bare, ["alice"], [], { acceptLegacyUnwrapped: true }), { kind: "follow", follower: "alice", what: "follow", following: ["bob"] });
  });

  test("follows travel only under id follow (Hive)", () => {
    assert.deepEqual(parse("reblog", ["follow", { follower: "alice", following: "bob", what: ["blog"] }]), ignored("reblog", "unknown_command"));
  });
});

describe("reblog", () => {
  test("under id follow or reblog, with an optional delete", () => {
    const payload = { account: "alice", author: "bob", permlink: "hello-world" };
    const expected = { kind: "reblog", account: "alice", author: "bob", permlink: "hello-world", delete: false };
    assert.deepEqual(parse("follow", ["reblog", payload]), expected);
    assert.deepEqual(parse("reblog", ["reblog", payload]), expected);
    assert.deepEqual(parse("reblog", ["reblog", { ...payload, delete: "delete" }]), { ...expected, delete: true });
    assert.deepEqual(parse("reblog", ["reblog", { ...payload, delete: true }]), expected);
    assert.deepEqual(parse("reblog", payload, ["alice"], [], { acceptLegacyUnwrapped: true }), expected);
  });

  test("malformed reblogs are ignored", () => {
    assert.deepEqual(parse("reblog", ["reblog", { account: "bob", author: "bob", permlink: "p" }]), ignored("reblog", "signer_mismatch"));
    assert.deepEqual(parse("reblog", ["reblog", { account: "alice", author: "bob" }]), ignored("reblog", "missing_field"));
    assert.deepEqual(parse("reblog", ["reblog", { account: "alice", author: "Bob!", permlink: "p" }]), ignored("reblog", "invalid_author"));
    assert.deepEqual(parse("reblog", ["reblog", { account: "alice", author: "bob", permlink: 5 }]), ignored("reblog", "invalid_permlink"));
    assert.deepEqual(parse("reblog", ["reblog", { account: "alice", author: "bob", permlink: "" }]), ignored("reblog", "invalid_permlink"));
    assert.deepEqual(parse("reblog", ["reblog", { account: "alice", author: "bob", permlink: "p" }], ["alice", "bob"]), ignored("reblog", "posting_signer_count"));
  });
});

describe("notify setLastRead", () => {
  const notify = (payload: unknown) => parse("notify", ["setLastRead", payload]);
  const read = (readAt: number) => ({ kind: "notify", action: "setLastRead", account: "alice", readAt });

  test("an explicit date, or the block time when absent", () => {
    assert.deepEqual(notify({ date: "2024-11-28T11:59:00" }), read(blockTime - 60));
    assert.deepEqual(notify({ date: "2000-02-29T00:00:01" }), read(Date.UTC(2000, 1, 29, 0, 0, 1) / 1000));
    assert.deepEqual(notify({}), read(blockTime));
    assert.deepEqual(notify({ date: null }), read(blockTime));
  });

  test("a date after the block is clamped to the block time", () => {
    assert.deepEqual(notify({ date: "2030-01-01T00:00:00" }), read(blockTime));
  });

  test("dates convert to the same seconds as Date.UTC", () => {
    for (const [year, month, day] of [[1970, 1, 1], [1999, 12, 31], [2024, 2, 29], [2100, 3, 1], [1969, 12, 31], [1600, 2, 29]]) {
      const text = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}T01:02:03`;
      const expected = Date.UTC(year, month - 1, day, 1, 2, 3) / 1000;
      assert.deepEqual(notify({ date: text }), read(Math.min(expected, blockTime)), text);
    }
  });

  test("bad dates, extra keys and other commands are ignored", () => {
    for (const date of ["2024-11-28", "2024-11-28T12:00:00Z", "2024-11-28 12:00:00", "2023-02-29T00:00:00", "2024-13-01T00:00:00", "2024-11-28T24:00:00", 1732795200, true]) {
      assert.deepEqual(notify({ date }), ignored("notify", "invalid_date"), String(date));
    }
    assert.deepEqual(notify({ date: "2024-11-28T11:00:00", extra: 1 }), ignored("notify", "extraneous_field"));
    assert.deepEqual(parse("notify", ["markRead", {}]), ignored("notify", "unknown_command"));
    assert.deepEqual(parse("notify", ["setLastRead"]), ignored("notify", "not_a_command"));
    assert.deepEqual(parse("notify", "nope"), ignored("notify", "malformed_json"));
    assert.deepEqual(parse("notify", { date: "2024-11-28T11:00:00" }, ["alice"], [], { acceptLegacyUnwrapped: true }), ignored("notify", "not_a_command"));
  });
});

describe("community: each action's happy path", () => {
  const community = (action: string, payload: unknown) => parse("community", [action, payload]);
  const base = { kind: "community", actor: "alice", community: "hive-135485" };
  const post = { community: "hive-135485", account: "bob", permlink: "my-post" };

  test("subscribe and unsubscribe", () => {
    assert.deepEqual(community("subscribe", { community: "hive-135485" }), { ...base, action: "subscribe" });
    assert.deepEqual(community("unsubscribe", { community: "hive-135485" }), { ...base, action: "unsubscribe" });
  });

  test("setRole to every role name (owner is refused later, by rank)", () => {
    for (const [role, roleId] of [["owner", 8], ["admin", 6], ["mod", 4], ["member", 2], ["guest", 0], ["muted", -2]] as const) {
      assert.deepEqual(community("setRole", { community: "hive-135485", account: "bob", role }), { ...base, action: "setRole", account: "bob", role, roleId });
    }
  });

  test("setUserTitle, blank allowed", () => {
    assert.deepEqual(community("setUserTitle", { community: "hive-135485", account: "bob", title: "Chief Editor" }), { ...base, action: "setUserTitle", account: "bob", title: "Chief Editor" });
    assert.deepEqual(community("setUserTitle", { community: "hive-135485", account: "bob", title: "" }), { ...base, action: "setUserTitle", account: "bob", title: "" });
  });

  test("post actions", () => {
    for (const action of ["mutePost", "unmutePost", "flagPost"]) {
      assert.deepEqual(community(action, { ...post, notes: "spam" }), { ...base, action, account: "bob", permlink: "my-post", notes: "spam" });
    }
    for (const action of ["pinPost", "unpinPost"]) assert.deepEqual(community(action, post), { ...base, action, account: "bob", permlink: "my-post" });
  });

  test("updateProps keeps the validated props and the raw object", () => {
    const props = { title: "World News", about: "Major news.", lang: "en", is_nsfw: false, description: "Rules…", flag_text: "", settings: { avatar_url: "https://example.com/a.png", cover_url: "http://example.com/c.png", theme: "dark" }, type_id: 3 };
    assert.deepEqual(community("updateProps", { community: "hive-135485", props }), { ...base, action: "updateProps", props, rawProps: props });
    assert.deepEqual(community("updateProps", { community: "hive-135485", props: { settings: { avatar_url: "" } } }), { ...base, action: "updateProps", props: { settings: { avatar_url: "" } }, rawProps: { settings: { avatar_url: "" } } });
  });
});

describe("community: refusals notify the actor with hivemind's reason", () => {
  const community = (action: string, payload: unknown) => parse("community", [action, payload]);
  const c = "hive-135485";
  const post = { community: c, account: "bob", permlink: "my-post" };

  test("envelope", () => {
    assert.deepEqual(parse("community", "{oops"), refused("op json must be list"));
    assert.deepEqual(parse("community", ""), refused("op json must be list"));
    assert.deepEqual(parse("community", { community: c }), refused("op json must be list"));
    assert.deepEqual(parse("community", ["subscribe"]), refused("op json must have 2 elements"));
    assert.deepEqual(parse("community", [1, { community: c }]), refused("op json[0] must be string"));
    assert.deepEqual(parse("community", ["subscribe", [c]]), refused("op json[1] must be dict"));
    assert.deepEqual(community("join", { community: c }), refused("invalid action"));
    assert.deepEqual(community("toString", { community: c }), refused("invalid action"));
  });

  test("keys: missing and extraneous, before any value is read", () => {
    assert.deepEqual(community("mutePost", { community: c, account: "bob", permlink: "p" }), refused("missing keys: {'notes'}"));
    assert.deepEqual(community("mutePost", { community: 5 }), refused("missing keys: {'account', 'permlink', 'notes'}"));
    assert.deepEqual(community("subscribe", { community: c, note: "hi" }), refused("extraneous keys: {'note'}"));
    assert.deepEqual(community("subscribe", {}), refused("missing keys: {'community'}"));
  });

  test("community name", () => {
    assert.deepEqual(community("subscribe", { community: 135485 }), refused("key `community` was not str"));
    assert.deepEqual(community("subscribe", { community: "" }), refused("key `community` was blank"));
    assert.deepEqual(community("subscribe", { community: " hive-135485" }), refused("invalid padding: community"));
    assert.deepEqual(community("subscribe", { community: "hive-1354851234567" }), refused("exceeds max len: community"));
    assert.deepEqual(community("subscribe", { community: "hive-435485" }), refused("Community 'hive-435485' does not exist"));
    assert.deepEqual(community("subscribe", { community: "alice" }), refused("Community 'alice' does not exist"));
  });

  test("account, permlink, role, notes, title (the community is attached from here on)", () => {
    assert.deepEqual(community("setRole", { community: c, account: 7, role: "mod" }), refused("key `account` was not str", c));
    assert.deepEqual(community("setRole", { community: c, account: "Bob", role: "mod" }), refused("account `Bob` not found", c));
    assert.deepEqual(community("setRole", { community: c, account: "bob", role: "boss" }), refused("invalid role", c));
    assert.deepEqual(community("setRole", { community: c, account: "bob", role: "" }), refused("key `role` was blank", c));
    assert.deepEqual(community("pinPost", { ...post, permlink: "p".repeat(257) }), refused("exceeds max len: permlink", c));
    assert.equal((community("pinPost", { ...post, permlink: "p".repeat(256) }) as { kind: string }).kind, "community");
    assert.deepEqual(community("mutePost", { ...post, notes: "" }), refused("key `notes` was blank", c));
    assert.deepEqual(community("flagPost", { ...post, notes: "x".repeat(121) }), refused("exceeds max len: notes", c));
    assert.equal((community("flagPost", { ...post, notes: "x".repeat(120) }) as { kind: string }).kind, "community");
    assert.deepEqual(community("unmutePost", { ...post, notes: "ok " }), refused("invalid padding: notes", c));
    assert.deepEqual(community("setUserTitle", { community: c, account: "bob", title: "t".repeat(33) }), refused("exceeds max len: title", c));
    assert.deepEqual(community("setUserTitle", { community: c, account: "bob", title: null }), refused("key `title` was not str", c));
  });

  test("props", () => {
    const props = (value: unknown) => community("updateProps", { community: c, props: value });
    assert.deepEqual(props({}), refused("key `props` was blank", c));
    assert.deepEqual(props(null), refused("key `props` was blank", c));
    assert.deepEqual(props([{ title: "abc" }]), refused("key `props` not a dict", c));
    assert.deepEqual(props("title"), refused("key `props` not a dict", c));
    assert.deepEqual(props({ name: "x", title: "abc" }), refused("extraneous keys: {'name'}", c));
    assert.deepEqual(props({ title: "ab" }), refused("title too short", c));
    assert.deepEqual(props({ title: "t".repeat(21) }), refused("exceeds max len: title", c));
    assert.deepEqual(props({ title: "@news" }), refused("invalid title prefix", c));
    assert.deepEqual(props({ title: "#news" }), refused("invalid title prefix", c));
    assert.deepEqual(props({ title: "" }), refused("key `title` was blank", c));
    assert.deepEqual(props({ about: "a".repeat(121) }), refused("exceeds max len: about", c));
    assert.deepEqual(props({ lang: "xx" }), refused("invalid lang: lang", c));
    assert.deepEqual(props({ lang: "eng" }), refused("exceeds max len: lang", c));
    assert.deepEqual(props({ lang: "" }), refused("key `lang` was blank", c));
    assert.deepEqual(props({ is_nsfw: "yes" }), refused("must be bool: is_nsfw", c));
    assert.deepEqual(props({ description: "d".repeat(1001) }), refused("exceeds max len: description", c));
    assert.deepEqual(props({ flag_text: "f".repeat(1001) }), refused("exceeds max len: flag_text", c));
    assert.deepEqual(props({ settings: {} }), refused("key `settings` was blank", c));
    assert.deepEqual(props({ settings: "dark" }), refused("key `settings` not a dict", c));
    assert.deepEqual(props({ settings: { avatar_url: "ftp://x/a.png" } }), refused("invalid url protocol: avatar_url", c));
    assert.deepEqual(props({ settings: { cover_url: "javascript:alert(1)" } }), refused("invalid url protocol: cover_url", c));
    assert.deepEqual(props({ settings: { avatar_url: 5 } }), refused("url was not string", c));
    assert.deepEqual(props({ settings: { avatar_url: `https://${"a".repeat(1016)}` } }), refused("url must be shorter than 1024 characters", c));
    assert.deepEqual(props({ type_id: 4 }), refused("invalid community type", c));
    assert.deepEqual(props({ type_id: "2" }), refused("must be int: type_id", c));
    assert.deepEqual(props({ type_id: 2.5 }), refused("must be int: type_id", c));
    assert.deepEqual(props({ type_id: true }), refused("must be int: type_id", c));
  });
});
