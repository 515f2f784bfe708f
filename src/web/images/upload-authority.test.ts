// Checks upload signatures as the real clients make them (dsteem, as condenser signs) and the authority rules for the recovered key.
import assert from "node:assert/strict";
import { test } from "node:test";
import { PrivateKey, cryptoUtils } from "dsteem";
import { nobleSecp256k1 } from "../../core/crypto/noble-secp256k1.ts";
import type { Authority } from "../../core/protocol/authority.ts";
import { createImageDigest } from "./image-hash.ts";
import { createTestAccounts, publicKeyOf } from "./image-test-kit.ts";
import { decodeUploadSignature, isUploadKeyAuthorized, recoverUploadKey } from "./upload-authority.ts";

const accounts = createTestAccounts();
const authoritiesOf = async (name: string) => accounts.get(name) ?? null;

test("a dsteem signature over sha256(challenge ‖ image) recovers the signer's key", async () => {
  const image = Buffer.from("pretend these are image bytes");
  const hex = PrivateKey.fromSeed("alice-posting").sign(cryptoUtils.sha256(Buffer.concat([Buffer.from("ImageSigningChallenge"), image]))).toString();
  const key = recoverUploadKey(nobleSecp256k1, createImageDigest(image), decodeUploadSignature(hex));
  assert.equal(key, publicKeyOf("alice-posting"));
  assert.equal(await isUploadKeyAuthorized(key, accounts.get("alice")!, authoritiesOf), true);
  assert.equal(await isUploadKeyAuthorized(key, accounts.get("newbie")!, authoritiesOf), false);
});

test("malformed signatures are refused as invalid_signature", () => {
  for (const hex of ["", "zz".repeat(65), "1f".repeat(64), `${(26).toString(16)}${"11".repeat(64)}`, `${(35).toString(16)}${"11".repeat(64)}`]) {
    assert.throws(() => decodeUploadSignature(hex), { code: "invalid_signature" }, hex);
  }
  assert.throws(() => recoverUploadKey(nobleSecp256k1, new Uint8Array(32), decodeUploadSignature(`1f${"00".repeat(64)}`)), { code: "invalid_signature" });
});

test("key weights add up to the threshold; account_auths count one level deep; zero thresholds count for nothing", async () => {
  const a = publicKeyOf("a");
  const b = publicKeyOf("b");
  const multi: Authority = { weight_threshold: 2, account_auths: [], key_auths: [[a, 1], [b, 1]] };
  const heavy: Authority = { weight_threshold: 2, account_auths: [], key_auths: [[a, 2]] };
  const zero: Authority = { weight_threshold: 0, account_auths: [], key_auths: [] };
  const check = (posting: Authority, active: Authority = zero) => isUploadKeyAuthorized(a, { posting, active }, authoritiesOf);
  assert.equal(await check(multi), false);
  assert.equal(await check(heavy), true);
  assert.equal(await check(zero, heavy), true);
  assert.equal(await check(zero), false);
  const viaShared: Authority = { weight_threshold: 1, account_auths: [["shared", 1]], key_auths: [] };
  assert.equal(await isUploadKeyAuthorized(publicKeyOf("shared-posting"), { posting: viaShared, active: zero }, authoritiesOf), true);
  // shared's posting authority names alice; that is two levels from here, so alice's key does not count.
  assert.equal(await isUploadKeyAuthorized(publicKeyOf("alice-posting"), { posting: viaShared, active: zero }, authoritiesOf), false);
});
