// Checks mentions, tags, json_metadata parsing, body cuts and profile cleaning against outputs of hivemind's
// own Python (steemit/hivemind post.py mentions/post_basic, account.py of both forks) and our noted choices.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  bodyPreview,
  codePointLength,
  extractMentions,
  normalizeProfile,
  parseJsonMetadata,
  postImageUrls,
  postTags,
  replaceNulCharacters,
  sliceCodePoints,
  stripPythonWhitespace,
  truncateBody,
} from "./post-text.ts";

test("mentions match hivemind's pattern", () => {
  const table: [string, string[]][] = [
    ["@alice hi", ["alice"]],
    ["hi @Alice and @bob.x", ["alice", "bob.x"]],
    ["x@alice", []],
    ["/@alice", []],
    ["#@alice", []],
    ["_@alice", []],
    [" @al", []],
    ["@ab", []],
    ["@abcdefghijklmnop", ["abcdefghijklmnop"]],
    ["@abcdefghijklmnopq", []],
    ["@abcdefghijklmnopQ", ["abcdefghijklmnop"]],
    ["@abcdefghijklmnop1", ["abcdefghijklmnop"]],
    ["@alice.", ["alice"]],
    ["@alice-", ["alice"]],
    ["@-alice", []],
    ["é@alice", ["alice"]],
    ["@alice@bob", ["alice"]],
    ["@alice @bob", ["alice", "bob"]],
    ["(@carol)", ["carol"]],
    ["email me: joe@bob.com", []],
    ["https://steemit.com/@dan/post", []],
    ["\n@frank\n", ["frank"]],
    ["😀@grace", ["grace"]],
    ["@héllo", []],
    ["！@ivan", ["ivan"]],
    ["[@jack](/@jack)", ["jack"]],
    ["@kim's", ["kim"]],
    ["@a.b.c", ["a.b.c"]],
    ["@aliceé", ["alice"]],
  ];
  for (const [body, names] of table) assert.deepEqual(extractMentions(body), names, JSON.stringify(body));
});

test("mentions are lower-cased, each once, in order of first appearance", () => {
  assert.deepEqual(extractMentions("@Ed-1 and @ed-1"), ["ed-1"]);
  assert.deepEqual(extractMentions("@zed then @amy then @ZED"), ["zed", "amy"]);
  assert.deepEqual(extractMentions(""), []);
});

test("json_metadata parses to an object or {} and never throws", () => {
  assert.deepEqual(parseJsonMetadata('{"tags":["a"],"app":"kettle/1"}'), { tags: ["a"], app: "kettle/1" });
  for (const bad of ["", "not json", "[1,2]", '"{\\"tags\\":[]}"', "null", "42", "true", "{", '{"a":1}x']) {
    assert.deepEqual(parseJsonMetadata(bad), {}, bad);
  }
  assert.deepEqual(parseJsonMetadata("[".repeat(100_000)), {}, "deep nesting");
});

test("json_metadata with raw control characters inside strings parses, as Python's ujson allows", () => {
  assert.deepEqual(parseJsonMetadata('{"about":"line one\nline two\ttab"}'), { about: "line one\nline two\ttab" });
  assert.deepEqual(parseJsonMetadata('{\n  "a": "x\\"\ny"\n}'), { a: 'x"\ny' }, "pretty-printed text keeps its layout");
  assert.deepEqual(parseJsonMetadata('{"a": "\\\n"}'), {}, "an escaped raw newline is still invalid");
});

test("json_metadata keys named __proto__ stay plain data", () => {
  const parsed = parseJsonMetadata('{"__proto__":{"polluted":1}}');
  assert.equal(Object.getPrototypeOf(parsed), Object.prototype);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test("post tags: category first, cleaned, deduplicated, at most 5", () => {
  assert.deepEqual(postTags({ tags: ["Steem", "#life", " photo ", "steem", "a", "b", "c"] }, "steem"), ["steem", "life", "photo", "a", "b"]);
  assert.deepEqual(postTags({ tags: "steem life" }, "Steem"), ["steem"], "tags must be an array");
  assert.deepEqual(postTags("not json", "cat"), ["cat"]);
  assert.deepEqual(postTags('{"tags":["x","y"]}', "cat"), ["cat", "x", "y"], "a string is parsed first");
  assert.deepEqual(postTags([1, 2], "cat"), ["cat"]);
  assert.deepEqual(postTags({ tags: ["x".repeat(40)] }, "cat"), ["cat", "x".repeat(32)]);
  assert.deepEqual(postTags({ tags: ["a"] }, ""), ["a"], "an empty category is dropped");
  assert.deepEqual(postTags({ tags: ["##"] }, "cat"), ["cat"]);
});

test("post tags take Hive's cleaning: # and whitespace removed anywhere", () => {
  assert.deepEqual(postTags({ tags: ["my tag", "a#b", "\tnews\n"] }, "cat"), ["cat", "mytag", "ab", "news"]);
});

test("post tags: strings, integers and booleans count; null, objects and fractions do not", () => {
  assert.deepEqual(postTags({ tags: [null, 123, true, { a: 1 }, 1.5, "NSFW"] }, "cat"), ["cat", "123", "true", "nsfw"]);
});

test("post tags cut at 32 code points, not UTF-16 units", () => {
  const tags = postTags({ tags: ["😀".repeat(40), "ÜNÏCODE"] }, "cat");
  assert.deepEqual(tags, ["cat", "😀".repeat(32), "ünïcode"]);
});

test("post images: one value or a list, http-prefixed strings under 1024 characters, stripped", () => {
  assert.deepEqual(postImageUrls({ image: "https://a/b.png" }), ["https://a/b.png"]);
  assert.deepEqual(postImageUrls({ image: ["ftp://x", " http://y ", 5, "https://z", "http://w \n"] }), ["https://z", "http://w"]);
  assert.deepEqual(postImageUrls({ image: [] }), []);
  assert.deepEqual(postImageUrls({ image: [`https://${"i".repeat(1015)}`] }), [`https://${"i".repeat(1015)}`]);
  assert.deepEqual(postImageUrls({ image: [`https://${"i".repeat(1016)}`] }), []);
  assert.deepEqual(postImageUrls("https://a"), []);
});

test("bodies: NUL replaced, previews and truncation count code points", () => {
  assert.equal(replaceNulCharacters("a\0b\0"), "a[NUL]b[NUL]");
  assert.equal(truncateBody("héllo wörld", 0), "héllo wörld");
  assert.equal(truncateBody("héllo wörld", 5), "héllo");
  assert.equal(truncateBody("😀😀😀", 2), "😀😀");
  assert.equal(truncateBody("ab", 10), "ab");
  assert.throws(() => truncateBody("ab", -1));
  assert.throws(() => truncateBody("ab", 1.5));
  const preview = bodyPreview("😀".repeat(2000));
  assert.equal(codePointLength(preview), 1024);
  assert.equal(preview.length, 2048);
  assert.equal(bodyPreview("x\0y"), "x[NUL]y");
});

test("code point helpers", () => {
  assert.equal(sliceCodePoints("a😀b", 2), "a😀");
  assert.equal(sliceCodePoints("\ud83d", 1), "\ud83d", "a lone surrogate counts as one");
  assert.equal(codePointLength("a😀b"), 3);
  assert.equal(stripPythonWhitespace("\u3000\x1c x \x85\u00a0"), "x");
  assert.equal(stripPythonWhitespace("\ufeffx"), "\ufeffx", "Python does not strip a BOM");
});

const emptyProfile = { name: "", about: "", location: "", website: "", profile_image: "", cover_image: "", blacklist_description: "", muted_list_description: "" };

function profile(fields: Record<string, unknown>): string {
  return JSON.stringify({ profile: fields });
}

test("profile fields as hivemind's process_profile cleans them", () => {
  assert.deepEqual(normalizeProfile("", ""), emptyProfile);
  assert.deepEqual(
    normalizeProfile(profile({ name: "Alice", about: "hi", location: "Berlin", website: "alice.io", profile_image: "https://i/a.png", cover_image: "http://i/c.png" }), ""),
    { ...emptyProfile, name: "Alice", about: "hi", location: "Berlin", website: "http://alice.io", profile_image: "https://i/a.png", cover_image: "http://i/c.png" },
  );
  assert.equal(normalizeProfile(profile({ name: "  @bob  " }), "").name, "");
  assert.equal(normalizeProfile(profile({ name: "abcdefghijklmnopqrstu" }), "").name, "abcdefghijklmnopq...");
  assert.equal(normalizeProfile(profile({ name: "abcdefghijklmnopqrst" }), "").name, "abcdefghijklmnopqrst");
  assert.equal(normalizeProfile(profile({ name: "  padded name  " }), "").name, "padded name");
  assert.equal(normalizeProfile(profile({ name: `😀${"é".repeat(25)}` }), "").name, `😀${"é".repeat(16)}...`);
  assert.equal(normalizeProfile(profile({ about: "x".repeat(161) }), "").about, `${"x".repeat(157)}...`);
  assert.equal(normalizeProfile(profile({ location: "y".repeat(31) }), "").location, `${"y".repeat(27)}...`);
  assert.equal(normalizeProfile(profile({ blacklist_description: "b".repeat(257) }), "").blacklist_description, `${"b".repeat(253)}...`);
  assert.equal(normalizeProfile(profile({ muted_list_description: "m" }), "").muted_list_description, "m");
});

test("profile website and images", () => {
  assert.equal(normalizeProfile(profile({ website: "w".repeat(100) }), "").website, `http://${"w".repeat(100)}`);
  assert.equal(normalizeProfile(profile({ website: "w".repeat(101) }), "").website, "");
  assert.equal(normalizeProfile(profile({ website: "https://x.io" }), "").website, "https://x.io");
  assert.equal(normalizeProfile(profile({ website: "" }), "").website, "", "Hive's SQL would say http://");
  assert.equal(normalizeProfile(profile({ profile_image: "ftp://x" }), "").profile_image, "");
  assert.equal(normalizeProfile(profile({ profile_image: "HTTPS://x" }), "").profile_image, "", "the scheme check is case-sensitive");
  assert.equal(normalizeProfile(profile({ cover_image: `https://${"c".repeat(1016)}` }), "").cover_image, `https://${"c".repeat(1016)}`);
  assert.equal(normalizeProfile(profile({ cover_image: `https://${"c".repeat(1017)}` }), "").cover_image, "");
});

test("profile source: posting_json_metadata's profile wins when it is an object", () => {
  const old = profile({ name: "Old" });
  assert.equal(normalizeProfile(old, profile({ name: "New", version: 2 })).name, "New");
  assert.equal(normalizeProfile(old, profile({ name: "New" })).name, "New", "Hive: no version gate (Steemit would say Old)");
  assert.equal(normalizeProfile(old, '{"other":1}').name, "Old");
  assert.equal(normalizeProfile(old, '{"profile":"str"}').name, "Old");
  assert.equal(normalizeProfile(old, "{}").name, "Old");
  assert.equal(normalizeProfile(old, "garbage").name, "Old");
  assert.deepEqual(normalizeProfile('{"profile":"str"}', ""), emptyProfile);
});

test("profile values: NUL refuses a field, integers print, other types are ignored", () => {
  const cleaned = normalizeProfile(profile({ name: "a\u0000b", about: 5, location: null, website: "x\u0000", cover_image: true }), "");
  assert.deepEqual(cleaned, { ...emptyProfile, about: "5" });
});
