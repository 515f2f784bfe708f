/**
 * The image hoster's content addresses and signed digests. Both start from the same prefix, so the digest
 * a client signs for a whole-file upload is also the digest that names the stored file.
 */
import { createHash } from "node:crypto";
import { base58 } from "@scure/base";
import { concatBytes, utf8Encode } from "../../stdx/bytes.ts";

export const imageSigningChallenge = utf8Encode("ImageSigningChallenge");

/** Multihash header of a sha2-256 digest (function 0x12, length 0x20), as IPFS writes it. */
const sha256MultihashHeader = new Uint8Array([0x12, 0x20]);

/** "D" + base58 of a 34-byte multihash: 47 characters in practice; the pattern allows some slack. */
export const imageHashPattern = /^D[1-9A-HJ-NP-Za-km-z]{40,60}$/;

export function isImageHash(text: string): boolean {
  return imageHashPattern.test(text);
}

// Images run to megabytes, so they are hashed with Node's native sha256 (the pure-JS one in core/crypto
// would hold the event loop for a tenth of a second on a 15 MB upload).
function sha256Parts(...parts: readonly Uint8Array[]): Uint8Array {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  const digest = hash.digest();
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.length);
}

/** sha256("ImageSigningChallenge" ‖ bytes): the digest signed by `POST /<user>/<signature>`. */
export function createImageDigest(bytes: Uint8Array): Uint8Array {
  return sha256Parts(imageSigningChallenge, bytes);
}

/** sha256("ImageSigningChallenge" ‖ sha256(bytes)): the digest signed by `POST /cs/<user>/<signature>`. */
export function createChecksumImageDigest(bytes: Uint8Array): Uint8Array {
  return sha256Parts(imageSigningChallenge, sha256Parts(bytes));
}

/** The content address of an image: "D" + base58(0x12 0x20 ‖ sha256("ImageSigningChallenge" ‖ bytes)). */
export function createImageHash(bytes: Uint8Array): string {
  return "D" + base58.encode(concatBytes(sha256MultihashHeader, createImageDigest(bytes)));
}
