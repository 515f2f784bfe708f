// Checks the community rules against hivemind's (Hive) behaviour: names and types, role changes, post moderation, posting rights, muted reasons and props validation.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  canPost,
  checkActorRole,
  checkPostAction,
  checkPostState,
  checkSetRole,
  checkSubscribe,
  checkUnsubscribe,
  communityLanguages,
  communityNotFoundReason,
  communityTypeOf,
  decodeMutedReasons,
  displayMutedReasons,
  encodeMutedReasons,
  isCommunityName,
  isPythonFalsy,
  mutedReasonsEnum,
  moderatorsPerCommunityMax,
  parseCommunityProps,
  postMutedReasons,
  postNotFoundReason,
  type PostState,
  readText,
  roleNames,
  roles,
} from "./communities.ts";

const { owner, admin, mod, member, guest, muted } = roles;
const plainPost: PostState = { muted: false, pinned: false, parentMuted: false, flaggedByActor: false };

describe("community names", () => {
  test("hive- then a type digit 1–3 then 4–6 digits", () => {
    for (const name of ["hive-10000", "hive-1000000", "hive-2123456", "hive-3999999", "hive-135485"]) assert.equal(isCommunityName(name), true, name);
    for (const name of ["hive-4123456", "hive-0123456", "hive-1234", "hive-12345678", "hive-12a45", "Hive-12345", "hive-12345 ", "alice", ""]) assert.equal(isCommunityName(name), false, name);
  });

  test("the type is the first digit, and asking for a non-community is a bug", () => {
    assert.equal(communityTypeOf("hive-10000"), 1);
    assert.equal(communityTypeOf("hive-222222"), 2);
    assert.equal(communityTypeOf("hive-3000000"), 3);
    assert.throws(() => communityTypeOf("alice"), { name: "AssertionError" });
  });
});

test("role ids and names map both ways", () => {
  assert.deepEqual(roles, { owner: 8, admin: 6, mod: 4, member: 2, guest: 0, muted: -2 });
  for (const [name, id] of Object.entries(roles)) assert.equal(roleNames[id], name);
});

describe("checkSetRole", () => {
  const others = { actor: "alice", target: "bob", modCount: 3 };

  test("a mod may set roles below mod; an admin below admin; the owner below owner", () => {
    assert.equal(checkSetRole(mod, guest, member, others), null);
    assert.equal(checkSetRole(mod, member, muted, others), null);
    assert.equal(checkSetRole(admin, guest, mod, others), null);
    assert.equal(checkSetRole(admin, mod, guest, others), null);
    assert.equal(checkSetRole(owner, guest, admin, others), null);
    assert.equal(checkSetRole(owner, admin, member, others), null);
  });

  test("refusals, in hivemind's order", () => {
    assert.equal(checkSetRole(member, guest, muted, others), "only mods and up can alter roles");
    assert.equal(checkSetRole(muted, guest, muted, others), "only mods and up can alter roles");
    assert.equal(checkSetRole(mod, guest, mod, others), "cannot promote to or above own rank");
    assert.equal(checkSetRole(admin, guest, owner, others), "cannot promote to or above own rank");
    assert.equal(checkSetRole(owner, guest, owner, others), "cannot promote to or above own rank");
    assert.equal(checkSetRole(admin, owner, member, others), "cant modify owner role");
    assert.equal(checkSetRole(mod, mod, member, others), "cant modify a user with a higher role");
    assert.equal(checkSetRole(mod, admin, member, others), "cant modify a user with a higher role");
    assert.equal(checkSetRole(mod, member, member, others), "role would not change");
    // Rank is checked before the owner: an admin trying to make anyone owner hears about rank.
    assert.equal(checkSetRole(admin, owner, owner, others), "cannot promote to or above own rank");
  });

  test("an actor may demote themself but not promote themself; the owner cannot step down", () => {
    const self = { actor: "alice", target: "alice", modCount: 3 };
    assert.equal(checkSetRole(admin, admin, mod, self), null);
    assert.equal(checkSetRole(mod, mod, guest, self), null);
    assert.equal(checkSetRole(admin, admin, admin, self), "cannot promote to or above own rank");
    assert.equal(checkSetRole(owner, owner, admin, self), "cant modify owner role");
  });

  test("at most 100 accounts hold mod or above (the target not counted)", () => {
    const full = { ...others, modCount: moderatorsPerCommunityMax };
    assert.equal(moderatorsPerCommunityMax, 100);
    assert.equal(checkSetRole(admin, guest, mod, { ...others, modCount: 99 }), null);
    assert.equal(checkSetRole(admin, guest, mod, full), "moderator limit exceeded");
    assert.equal(checkSetRole(owner, guest, admin, full), "moderator limit exceeded");
    assert.equal(checkSetRole(admin, guest, member, full), null);
    assert.equal(checkSetRole(admin, mod, guest, full), null);
  });
});

describe("checkPostAction", () => {
  test("mods and up moderate posts", () => {
    for (const action of ["mutePost", "pinPost"] as const) assert.equal(checkPostAction(action, mod, plainPost), null);
    assert.equal(checkPostAction("unmutePost", admin, { ...plainPost, muted: true }), null);
    assert.equal(checkPostAction("unpinPost", owner, { ...plainPost, pinned: true }), null);
    assert.equal(checkPostAction("setUserTitle", mod), null);
    assert.equal(checkPostAction("updateProps", admin), null);
  });

  test("role minima, with Hive's wording", () => {
    assert.equal(checkPostAction("mutePost", member, plainPost), "only mods and above can mute posts");
    assert.equal(checkPostAction("unmutePost", member, plainPost), "only mods and above can unmute posts");
    assert.equal(checkPostAction("pinPost", guest, plainPost), "only mods and above can pin posts");
    assert.equal(checkPostAction("unpinPost", guest, plainPost), "only mods and above can unpin posts");
    assert.equal(checkPostAction("setUserTitle", member), "only mods can set user titles");
    assert.equal(checkPostAction("updateProps", mod), "only admins can update props");
    assert.equal(checkPostAction("flagPost", muted, plainPost), "muted users cannot flag posts");
  });

  test("state refusals: double mute, double pin, flag once, unmute under a muted parent", () => {
    assert.equal(checkPostAction("mutePost", mod, { ...plainPost, muted: true }), "post is already muted");
    assert.equal(checkPostAction("unmutePost", mod, plainPost), "post is not muted");
    assert.equal(checkPostAction("unmutePost", mod, { ...plainPost, muted: true, parentMuted: true }), "parent post is muted");
    assert.equal(checkPostAction("pinPost", mod, { ...plainPost, pinned: true }), "post is already pinned");
    assert.equal(checkPostAction("unpinPost", mod, plainPost), "post is not pinned");
    assert.equal(checkPostAction("flagPost", guest, plainPost), null);
    assert.equal(checkPostAction("flagPost", guest, { ...plainPost, flaggedByActor: true }), "user already flagged this post");
  });

  test("the role is checked before the post's state, and each half is available alone", () => {
    assert.equal(checkPostAction("mutePost", guest, { ...plainPost, muted: true }), "only mods and above can mute posts");
    assert.equal(checkActorRole("flagPost", guest), null);
    assert.equal(checkPostState("pinPost", { ...plainPost, pinned: true }), "post is already pinned");
  });

  test("subscription and lookup refusals", () => {
    assert.equal(checkSubscribe(false), null);
    assert.equal(checkSubscribe(true), "already subscribed");
    assert.equal(checkUnsubscribe(true), null);
    assert.equal(checkUnsubscribe(false), "already unsubscribed");
    assert.equal(communityNotFoundReason("hive-12345"), "Community 'hive-12345' does not exist");
    assert.equal(postNotFoundReason("bob", "hello"), "post does not exists bob/hello");
  });
});

describe("posting rights and muted reasons", () => {
  const { MUTED_COMMUNITY_MODERATION, MUTED_COMMUNITY_TYPE, MUTED_PARENT, MUTED_REPUTATION, MUTED_ROLE_COMMUNITY } = mutedReasonsEnum;

  test("the enum matches bridge.list_muted_reasons_enum", () => {
    assert.deepEqual(mutedReasonsEnum, { MUTED_COMMUNITY_MODERATION: 0, MUTED_COMMUNITY_TYPE: 1, MUTED_PARENT: 2, MUTED_REPUTATION: 3, MUTED_ROLE_COMMUNITY: 4 });
  });

  test("topic: anyone not muted; journal: members post, anyone comments; council: members only", () => {
    const cases: [type: 1 | 2 | 3, role: number, topLevel: boolean, allowed: boolean][] = [
      [1, guest, true, true], [1, guest, false, true], [1, muted, true, false], [1, muted, false, false],
      [2, guest, true, false], [2, member, true, true], [2, guest, false, true], [2, muted, false, false], [2, mod, true, true],
      [3, guest, true, false], [3, guest, false, false], [3, member, true, true], [3, member, false, true], [3, muted, false, false],
    ];
    for (const [type, role, topLevel, allowed] of cases) assert.equal(canPost(type, role, topLevel), allowed, `type ${type} role ${role} top ${topLevel}`);
  });

  test("stored reasons: community type, muted parent, and (Kettle) a muted author", () => {
    const post = (communityType: 1 | 2 | 3 | null, authorRole: number, isTopLevel: boolean, parentMuted = false) => postMutedReasons({ communityType, authorRole, isTopLevel, parentMuted });
    assert.deepEqual(post(null, guest, true), []);
    assert.deepEqual(post(null, guest, false, true), [MUTED_PARENT]);
    assert.deepEqual(post(1, guest, true), []);
    assert.deepEqual(post(2, guest, true), [MUTED_COMMUNITY_TYPE]);
    assert.deepEqual(post(2, guest, false), []);
    assert.deepEqual(post(2, member, true), []);
    assert.deepEqual(post(3, guest, false, true), [MUTED_COMMUNITY_TYPE, MUTED_PARENT]);
    assert.deepEqual(post(3, member, false), []);
    assert.deepEqual(post(1, muted, true), [MUTED_ROLE_COMMUNITY]);
    assert.deepEqual(post(2, muted, true), [MUTED_COMMUNITY_TYPE, MUTED_ROLE_COMMUNITY]);
    assert.deepEqual(post(1, guest, false, true), [MUTED_PARENT]);
  });

  test("canPost is false exactly when the stored reasons name the type or the role", () => {
    for (const type of [1, 2, 3] as const) {
      for (const role of Object.values(roles)) {
        for (const topLevel of [true, false]) {
          const reasons = postMutedReasons({ communityType: type, authorRole: role, isTopLevel: topLevel, parentMuted: false });
          assert.equal(canPost(type, role, topLevel), reasons.length === 0, `type ${type} role ${role} top ${topLevel}`);
        }
      }
    }
  });

  test("display adds reputation and the current muted role", () => {
    assert.deepEqual(displayMutedReasons([], { isGrayed: false, currentRole: guest }), []);
    assert.deepEqual(displayMutedReasons([MUTED_COMMUNITY_MODERATION], { isGrayed: true, currentRole: muted }), [0, 3, 4]);
    assert.deepEqual(displayMutedReasons([MUTED_PARENT, MUTED_ROLE_COMMUNITY], { isGrayed: true, currentRole: muted }), [MUTED_PARENT, MUTED_REPUTATION, MUTED_ROLE_COMMUNITY]);
  });

  test("reasons round-trip through Hive's bit mask", () => {
    assert.equal(encodeMutedReasons([]), 0);
    assert.equal(encodeMutedReasons([MUTED_COMMUNITY_MODERATION]), 1);
    assert.equal(encodeMutedReasons([MUTED_COMMUNITY_TYPE, MUTED_PARENT]), 6);
    for (let mask = 0; mask < 32; mask++) assert.equal(encodeMutedReasons(decodeMutedReasons(mask)), mask);
    assert.throws(() => decodeMutedReasons(32), { name: "AssertionError" });
  });
});

describe("payload values read as hivemind reads them", () => {
  test("readText: type, blank, Python's whitespace padding, length in code points", () => {
    assert.equal(readText({ k: "ok" }, "k", 5, false), "ok");
    assert.deepEqual(readText({ k: 5 }, "k", 5, false), { reason: "key `k` was not str" });
    assert.deepEqual(readText({ k: "" }, "k", 5, false), { reason: "key `k` was blank" });
    assert.equal(readText({ k: "" }, "k", 5, true), "");
    assert.deepEqual(readText({ k: " a" }, "k", 5, false), { reason: "invalid padding: k" });
    assert.deepEqual(readText({ k: "a\x1c" }, "k", 5, false), { reason: "invalid padding: k" });
    assert.equal(readText({ k: "\ufeffa" }, "k", 5, false), "\ufeffa");
    assert.equal(readText({ k: "😀😀😀" }, "k", 3, false), "😀😀😀");
    assert.deepEqual(readText({ k: "abcd" }, "k", 3, false), { reason: "exceeds max len: k" });
  });

  test("Python truthiness", () => {
    for (const value of [null, false, 0, "", [], {}]) assert.equal(isPythonFalsy(value), true, JSON.stringify(value));
    for (const value of [true, 1, "a", [0], { a: 1 }]) assert.equal(isPythonFalsy(value), false, JSON.stringify(value));
  });

  test("languages: hivemind's ISO 639-1 list", () => {
    assert.equal(communityLanguages.size, 183);
    for (const code of ["en", "de", "zh", "bh", "za"]) assert.ok(communityLanguages.has(code), code);
    for (const code of ["sh", "xx", "EN", "eng"]) assert.ok(!communityLanguages.has(code), code);
  });

  test("props: every key, and the first failing key wins in hivemind's order", () => {
    const props = { title: "World News", about: "", lang: "en", is_nsfw: false, description: "d", flag_text: "", settings: { avatar_url: "https://a/b.png", cover_url: "" }, type_id: 2 };
    assert.deepEqual(parseCommunityProps({ props }), props);
    assert.deepEqual(parseCommunityProps({ props: { title: "ab", lang: "xx" } }), { reason: "title too short" });
    assert.deepEqual(parseCommunityProps({ props: { type_id: 9, lang: "xx" } }), { reason: "invalid lang: lang" });
  });
});
