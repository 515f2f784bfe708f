// Checks the hoster's content address and signed digests against the same construction built from core's sha256.
import assert from "node:assert/strict";
import { test } from "node:test";
import { base58 } from "@scure/base";
import { sha256 } from "../../core/crypto/hash.ts";
import { concatBytes, utf8Encode } from "../../stdx/bytes.ts";
import { createChecksumImageDigest, createImageDigest, createImageHash, isImageHash } from "./image-hash.ts";

test("the hash is D + base58(0x12 0x20 ‖ sha256(challenge ‖ data)) and the digests follow the protocol", () => {
  const data = utf8Encode("x");
  const challenge = utf8Encode("ImageSigningChallenge");
  const digest = sha256(concatBytes(challenge, data));
  assert.deepEqual(createImageDigest(data), digest);
  assert.deepEqual(createChecksumImageDigest(data), sha256(concatBytes(challenge, sha256(data))));
  const hash = createImageHash(data);
  assert.equal(hash, `D${base58.encode(concatBytes(new Uint8Array([0x12, 0x20]), digest))}`);
  assert.equal(hash, "DQmQipPoSLHUZv42R7tuouzGZMLZ9dounNGCR61UkKcC91H");
  assert.ok(isImageHash(hash));
  for (const text of ["trending", "Dabc", "D0OIl" + "1".repeat(44), "@alice", `${hash}/x`]) assert.equal(isImageHash(text), false, text);
});
