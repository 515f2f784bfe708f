// Checks the byte helpers: hex both ways (including rejection of bad hex), UTF-8 length and well-formedness, growing typed arrays.
import assert from "node:assert/strict";
import { test } from "node:test";
import { bytesToHex, grownCopy, hexToBytesOrNull, isWellFormedUtf16, utf8ByteLength, utf8Encode } from "./bytes.ts";

test("hex round-trips and rejects anything that is not whole bytes of hex", () => {
  const bytes = new Uint8Array(256).map((_, i) => i);
  assert.deepEqual(hexToBytesOrNull(bytesToHex(bytes)), bytes);
  assert.deepEqual(hexToBytesOrNull("ABcd"), new Uint8Array([0xab, 0xcd]));
  for (const bad of ["a", "0g", "zz", "é0", " 0", "0x00"]) assert.equal(hexToBytesOrNull(bad), null, bad);
  assert.deepEqual(hexToBytesOrNull(""), new Uint8Array());
});

test("UTF-8 byte length matches the encoder, and lone surrogates are caught", () => {
  for (const text of ["", "abc", "Aleppo — حلب", "😀 emoji", "\u0800"]) assert.equal(utf8ByteLength(text), utf8Encode(text).length, text);
  assert.equal(isWellFormedUtf16("ok 😀"), true);
  assert.equal(isWellFormedUtf16("bad \ud800"), false);
  assert.equal(isWellFormedUtf16("bad \udc00 x"), false);
});

test("grownCopy keeps the kind and the values, zero-filled after them", () => {
  const words = grownCopy(Uint32Array.of(1, 0xffffffff), 4);
  assert.ok(words instanceof Uint32Array);
  assert.deepEqual([...words], [1, 0xffffffff, 0, 0]);
  const big = grownCopy(BigInt64Array.of(-5n), 2);
  assert.ok(big instanceof BigInt64Array);
  assert.deepEqual([...big], [-5n, 0n]);
});
