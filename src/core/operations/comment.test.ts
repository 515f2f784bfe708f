// Checks body edits by patch: editors' patches apply, near-misses still apply fuzzily as in steemd, and a
// patch whose fuzzy search would cost seconds is refused at once with a clear error.
import assert from "node:assert/strict";
import { test } from "node:test";
import DiffMatchPatch from "diff-match-patch";
import { createPrng } from "../../stdx/prng.ts";
import { ChainError } from "../errors.ts";
import { applyBodyEdit } from "./comment.ts";

const dmp = new DiffMatchPatch();

function randomText(seed: number, length: number, letters = 26): string {
  const next = createPrng(seed);
  let out = "";
  for (let i = 0; i < length; i++) out += String.fromCharCode(97 + Math.floor(next() * letters));
  return out;
}

test("a patch made from the old body turns it into the new body", () => {
  const oldBody = "The Battle for Aleppo\n\nFirst paragraph.\n\nSecond paragraph.";
  const newBody = "The Battle for Aleppo\n\nFirst paragraph, edited.\n\nSecond paragraph.\n\nA third.";
  assert.equal(applyBodyEdit(oldBody, dmp.patch_toText(dmp.patch_make(oldBody, newBody))), newBody);
});

test("a body that is not a patch replaces the old body", () => {
  assert.equal(applyBodyEdit("old", "@@ not a patch"), "@@ not a patch");
  assert.equal(applyBodyEdit("old", "plain new text"), "plain new text");
});

test("a patch still applies to a slightly different body (fuzzy match, as steemd)", () => {
  const base = randomText(1, 400);
  const edited = `${base.slice(0, 200)}INSERTED${base.slice(200)}`;
  const patch = dmp.patch_toText(dmp.patch_make(base, edited));
  const drifted = `xx${base.slice(0, 150)}y${base.slice(151)}`;
  assert.match(applyBodyEdit(drifted, patch), /INSERTED/);
});

test("a large patch that matches nowhere is refused instead of searched for seconds", () => {
  // Two-letter text makes every 32-character piece of the patch fuzzily match somewhere: unbounded, this
  // took 8 s for 60 KB.
  const oldBody = randomText(2, 60_000, 2);
  const patch = dmp.patch_toText(dmp.patch_make(randomText(5, 60_000, 2), "x"));
  assert.throws(() => applyBodyEdit(oldBody, patch), (error: unknown) => error instanceof ChainError && error.code === "patch_too_costly");
  // A large patch made from the body itself still applies.
  const edited = `${oldBody.slice(0, 30_000)}EDIT${oldBody.slice(30_000)}`;
  assert.equal(applyBodyEdit(oldBody, dmp.patch_toText(dmp.patch_make(oldBody, edited))), edited);
});
