// Checks native libsecp256k1 against the pure-JS noble implementation: same keys, same signatures, mutual recovery, high-S rejected, vectors recovered.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";
import vectors from "../../test/vectors/protocol-vectors.json" with { type: "json" };
import { formatPublicKey, getPublicKey } from "../core/crypto/keys.ts";
import { nobleSecp256k1 } from "../core/crypto/noble-secp256k1.ts";
import type { Secp256k1 } from "../core/crypto/secp256k1.ts";
import { ChainError } from "../core/errors.ts";
import { recoverSignatureKey, signDigest } from "../core/protocol/signature.ts";
import { bytesToHex, concatBytes, hexToBytes } from "../stdx/bytes.ts";
import { createPrng } from "../stdx/prng.ts";
import { assertNativeSecp256k1Loaded, isNativeSecp256k1Loaded, nativeSecp256k1 } from "./native-secp256k1.ts";

const curveOrder = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

function createRandomBytes(seed: number): (length: number) => Uint8Array {
  const next = createPrng(seed);
  return (length) => Uint8Array.from({ length }, () => Math.floor(next() * 256));
}

function bigintTo32Bytes(value: bigint): Uint8Array {
  return hexToBytes(value.toString(16).padStart(64, "0"));
}

/** The malleated twin of a 65-byte compact signature: S replaced by n − S, recovery parity flipped. */
function toHighS(signature: Uint8Array): Uint8Array {
  const s = BigInt("0x" + bytesToHex(signature.subarray(33)));
  const recoveryId = (signature[0] - 27) & 3;
  return concatBytes(new Uint8Array([27 + 4 + (recoveryId ^ 1)]), signature.subarray(1, 33), bigintTo32Bytes(curveOrder - s));
}

function recoverError(secp: Secp256k1, digest: Uint8Array, signature: Uint8Array): string {
  try {
    recoverSignatureKey(secp, digest, signature);
  } catch (error) {
    assert.ok(error instanceof ChainError);
    return error.code;
  }
  return "recovered";
}

const randomBytes = createRandomBytes(0x5ec9);
const fixtures = Array.from({ length: 200 }, () => ({ secret: randomBytes(32), digest: randomBytes(32), entropy: randomBytes(32) }));

test("the native addon is the implementation in use", () => {
  assert.equal(isNativeSecp256k1Loaded(), true);
  assert.doesNotThrow(assertNativeSecp256k1Loaded);
  assert.equal(nativeSecp256k1.name, "libsecp256k1");
});

test("native and noble derive the same public keys and reject out-of-range secrets", () => {
  for (const { secret } of fixtures) assert.deepEqual(nativeSecp256k1.publicKeyCreate(secret), nobleSecp256k1.publicKeyCreate(secret));
  for (const secret of [new Uint8Array(32), bigintTo32Bytes(curveOrder), new Uint8Array(31)]) {
    assert.equal(nativeSecp256k1.publicKeyCreate(secret), null);
    assert.equal(nobleSecp256k1.publicKeyCreate(secret), null);
  }
});

test("native and noble produce identical RFC 6979 signatures, with and without extra entropy", () => {
  for (const { secret, digest, entropy } of fixtures) {
    assert.deepEqual(nativeSecp256k1.signRecoverable(digest, secret, entropy), nobleSecp256k1.signRecoverable(digest, secret, entropy));
  }
  for (const { secret, digest } of fixtures.slice(0, 20)) {
    assert.deepEqual(nativeSecp256k1.signRecoverable(digest, secret), nobleSecp256k1.signRecoverable(digest, secret));
  }
});

test("signatures made by either implementation recover under both to the signer's key", () => {
  for (const [index, { secret, digest }] of fixtures.entries()) {
    const signer = index % 2 === 0 ? nativeSecp256k1 : nobleSecp256k1;
    const key = getPublicKey(signer, secret);
    const signature = signDigest(signer, digest, secret);
    assert.equal(recoverSignatureKey(nativeSecp256k1, digest, signature), key);
    assert.equal(recoverSignatureKey(nobleSecp256k1, digest, signature), key);
  }
});

test("the high-S twin of a valid signature is rejected by both, though raw libsecp256k1 would recover it", () => {
  const bindings = createRequire(import.meta.url)("secp256k1/bindings");
  for (const { secret, digest } of fixtures) {
    const key = getPublicKey(nativeSecp256k1, secret);
    const high = toHighS(signDigest(nativeSecp256k1, digest, secret));
    assert.equal(bytesToHex(bindings.ecdsaRecover(high.subarray(1), (high[0] - 27) & 3, digest, true)), key);
    assert.equal(nativeSecp256k1.recover(digest, high.subarray(1), (high[0] - 27) & 3), null);
    assert.equal(nobleSecp256k1.recover(digest, high.subarray(1), (high[0] - 27) & 3), null);
    assert.equal(recoverError(nativeSecp256k1, digest, high), "signature_unrecoverable");
    assert.equal(recoverError(nobleSecp256k1, digest, high), "signature_unrecoverable");
  }
});

test("S exactly n/2 is low and accepted; n/2 + 1 is rejected", () => {
  const digest = fixtures[0].digest;
  const half = curveOrder >> 1n;
  // Half of random R values are x-coordinates of a curve point; take the first that recovers.
  const r = fixtures.map((f) => f.entropy).find((candidate) => nativeSecp256k1.recover(digest, concatBytes(candidate, bigintTo32Bytes(half)), 0) !== null);
  assert.ok(r !== undefined);
  const atHalf = concatBytes(r, bigintTo32Bytes(half));
  assert.notEqual(nativeSecp256k1.recover(digest, atHalf, 0), null);
  assert.deepEqual(nativeSecp256k1.recover(digest, atHalf, 0), nobleSecp256k1.recover(digest, atHalf, 0));
  const aboveHalf = concatBytes(r, bigintTo32Bytes(half + 1n));
  assert.equal(nativeSecp256k1.recover(digest, aboveHalf, 0), null);
  assert.equal(nobleSecp256k1.recover(digest, aboveHalf, 0), null);
});

test("malformed signatures give the same result from both implementations", () => {
  const { secret, digest } = fixtures[0];
  const valid = signDigest(nativeSecp256k1, digest, secret);
  const cases = [
    valid.subarray(1),
    concatBytes(valid, new Uint8Array([0])),
    concatBytes(new Uint8Array([26]), valid.subarray(1)),
    concatBytes(new Uint8Array([35]), valid.subarray(1)),
    concatBytes(valid.subarray(0, 33), new Uint8Array(32)), // S = 0
    concatBytes(valid.subarray(0, 1), new Uint8Array(32), valid.subarray(33)), // R = 0
    concatBytes(valid.subarray(0, 1), bigintTo32Bytes(curveOrder), valid.subarray(33)), // R = n
    concatBytes(valid.subarray(0, 1), new Uint8Array(32).fill(0xff), valid.subarray(33)), // R ≥ p
  ];
  for (const signature of cases) assert.equal(recoverError(nativeSecp256k1, digest, signature), recoverError(nobleSecp256k1, digest, signature));
  assert.equal(recoverError(nativeSecp256k1, digest, cases[0]), "invalid_signature_format");
  assert.equal(recoverError(nativeSecp256k1, digest, cases[4]), "signature_unrecoverable");
  assert.equal(nativeSecp256k1.recover(digest.subarray(1), valid.subarray(1), 0), null);
  assert.equal(nativeSecp256k1.recover(digest, valid.subarray(1), 4), null);
});

test("the vote vector's signatures from steem-js, dsteem and dhive recover to alice's posting key", () => {
  const vote = vectors.transactions.vote;
  const digest = hexToBytes(vote.digest_hex);
  for (const [client, signature] of Object.entries(vote.signatures)) {
    const expected = vote.recovered[client as keyof typeof vote.recovered].key;
    assert.equal(formatPublicKey(recoverSignatureKey(nativeSecp256k1, digest, hexToBytes(signature)), "STM"), expected);
    assert.equal(expected, vectors.login_keys.posting.public_key);
  }
});
