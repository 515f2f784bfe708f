/**
 * Keys as Steem writes them: WIF private keys (double-sha256 checksum) and prefixed public keys
 * (ripemd160 checksum), plus keys derived from an account name, a role and a password.
 */
import { base58 } from "@scure/base";
import { bytesEqual, bytesToHex, concatBytes, hexToBytes, utf8Encode } from "../../stdx/bytes.ts";
import { ripemd160, sha256 } from "./hash.ts";
import type { Secp256k1 } from "./secp256k1.ts";

/** A compressed public key as 66 lower-case hex characters: cheap to compare and to use as a map key. */
export type PublicKey = string & { readonly __brand: "PublicKey" };

export const publicKeyBytesLength = 33;
export const nullPublicKey = "00".repeat(33) as PublicKey;

export function publicKeyFromBytes(bytes: Uint8Array): PublicKey {
  return bytesToHex(bytes) as PublicKey;
}

export function publicKeyToBytes(key: PublicKey): Uint8Array {
  return hexToBytes(key);
}

/** `PREFIX` + base58(key ‖ ripemd160(key)[0..4]). */
export function formatPublicKey(key: PublicKey, prefix: string): string {
  const bytes = publicKeyToBytes(key);
  return prefix + base58.encode(concatBytes(bytes, ripemd160(bytes).subarray(0, 4)));
}

/** Parses a prefixed public key string; null when the prefix, length or checksum is wrong. */
export function parsePublicKey(text: string, prefix: string): PublicKey | null {
  if (typeof text !== "string" || !text.startsWith(prefix)) return null;
  let raw: Uint8Array;
  try {
    raw = base58.decode(text.slice(prefix.length));
  } catch {
    return null;
  }
  if (raw.length !== 37) return null;
  const key = raw.subarray(0, 33);
  if (!bytesEqual(ripemd160(key).subarray(0, 4), raw.subarray(33))) return null;
  if (key[0] !== 2 && key[0] !== 3 && !key.every((b) => b === 0)) return null;
  return publicKeyFromBytes(key);
}

/** A 32-byte secp256k1 secret. */
export type PrivateKey = Uint8Array;

export function encodeWif(secret: PrivateKey): string {
  const payload = concatBytes(new Uint8Array([0x80]), secret);
  const checksum = sha256(sha256(payload)).subarray(0, 4);
  return base58.encode(concatBytes(payload, checksum));
}

/** Decodes an uncompressed-form WIF (51 characters, starting with 5); null when malformed. */
export function decodeWif(wif: string): PrivateKey | null {
  let raw: Uint8Array;
  try {
    raw = base58.decode(wif);
  } catch {
    return null;
  }
  if (raw.length !== 37 || raw[0] !== 0x80) return null;
  const payload = raw.subarray(0, 33);
  if (!bytesEqual(sha256(sha256(payload)).subarray(0, 4), raw.subarray(33))) return null;
  return raw.slice(1, 33);
}

export const keyRoles = ["owner", "active", "posting", "memo"] as const;
export type KeyRole = (typeof keyRoles)[number];

/**
 * sha256(name ‖ role ‖ password), as dsteem/dhive `PrivateKey.fromLogin` compute it. steem-js first trims
 * and collapses whitespace; pass `normalizeWhitespace` to match it.
 */
export function derivePrivateKeyFromLogin(name: string, password: string, role: KeyRole, normalizeWhitespace = false): PrivateKey {
  let seed = name + role + password;
  if (normalizeWhitespace) seed = seed.trim().split(/[\t\n\v\f\r ]+/).join(" ");
  return sha256(utf8Encode(seed));
}

export function getPublicKey(secp: Secp256k1, secret: PrivateKey): PublicKey {
  const bytes = secp.publicKeyCreate(secret);
  if (bytes === null) throw new RangeError("private key out of range");
  return publicKeyFromBytes(bytes);
}
