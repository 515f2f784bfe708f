/** Hash functions used by the protocol, from @noble/hashes so the same code runs in Node and the browser. */
import { ripemd160 as nobleRipemd160 } from "@noble/hashes/legacy.js";
import { sha224 as nobleSha224, sha256 as nobleSha256, sha512 as nobleSha512 } from "@noble/hashes/sha2.js";

export function sha256(data: Uint8Array): Uint8Array {
  return nobleSha256(data);
}

/** sha256 of several byte strings back to back, without concatenating them first. */
export function sha256Parts(...parts: readonly Uint8Array[]): Uint8Array {
  const hash = nobleSha256.create();
  for (const part of parts) hash.update(part);
  return hash.digest();
}

export function sha224(data: Uint8Array): Uint8Array {
  return nobleSha224(data);
}

export function sha512(data: Uint8Array): Uint8Array {
  return nobleSha512(data);
}

export function ripemd160(data: Uint8Array): Uint8Array {
  return nobleRipemd160(data);
}
