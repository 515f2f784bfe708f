// Checks the profile form's rules (the index's caps, http(s) and site-relative addresses) and that saving keeps every metadata key it does not edit.
import assert from "node:assert/strict";
import { test } from "node:test";
import { type ProfileFields, createProfileMetadata, describeProfileProblems } from "./profile-fields.ts";

const empty: ProfileFields = { name: "", about: "", location: "", website: "", profile_image: "", cover_image: "" };

test("empty and well-formed profiles pass", () => {
  assert.deepEqual(describeProfileProblems(empty), {});
  assert.deepEqual(describeProfileProblems({
    name: "Alice 🌍".padEnd(20, "x"), about: "a".repeat(160), location: "Beirut", website: "https://alice.example/blog",
    profile_image: "https://images.example/alice.png", cover_image: "/DQmPNaxj2DhuKMAAQknJ8Fg6SKDXM5oH5Q3TTcM2Vbv1BH9/cover.jpeg",
  }), {});
});

test("each field is refused with its reason", () => {
  const problems = describeProfileProblems({
    name: "@alice", about: "a".repeat(161), location: "l".repeat(31), website: "javascript:alert(1)",
    profile_image: "data:image/png;base64,AAAA", cover_image: "//evil.example/x.png",
  });
  assert.match(problems.name ?? "", /cannot start with @/);
  assert.match(problems.about ?? "", /At most 160/);
  assert.match(problems.location ?? "", /At most 30/);
  assert.match(problems.website ?? "", /https:\/\//);
  assert.match(problems.profile_image ?? "", /image address/);
  assert.match(problems.cover_image ?? "", /image address/);
  assert.match(describeProfileProblems({ ...empty, name: "n".repeat(21) }).name ?? "", /At most 20/);
  assert.match(describeProfileProblems({ ...empty, website: "alice.example" }).website ?? "", /https:\/\//);
});

test("saving updates the profile over the one readers see and keeps other keys", () => {
  const fields = { ...empty, name: " Alice ", about: "Writes.", profile_image: "/DQmAbc/me.png" };
  const fromJson = JSON.parse(createProfileMetadata("", JSON.stringify({ profile: { name: "Old", dtube: "keep" }, app: "x" }), fields, "https://kettle.example"));
  assert.deepEqual(fromJson, { profile: { name: "Alice", dtube: "keep", about: "Writes.", profile_image: "https://kettle.example/DQmAbc/me.png", version: 2 } });
  const posting = JSON.stringify({ profile: { name: "Posting", location: "Paris", witness_description: "keep" }, extra: [1] });
  const fromPosting = JSON.parse(createProfileMetadata(posting, JSON.stringify({ profile: { name: "Ignored" } }), { ...fields, location: "" }, "https://k.example"));
  assert.deepEqual(fromPosting.extra, [1]);
  assert.deepEqual(fromPosting.profile, { name: "Alice", witness_description: "keep", about: "Writes.", profile_image: "https://k.example/DQmAbc/me.png", version: 2 });
  assert.deepEqual(JSON.parse(createProfileMetadata("not json", "[1]", empty, "")), { profile: { version: 2 } });
});
