/**
 * Who signed an upload and whether that key may act for the account: the recovered key must reach the
 * threshold of the account's posting or active authority, counting its own key weights and, one level
 * deep, the weights of accounts in `account_auths` whose same authority the key satisfies.
 */
import type { PublicKey } from "../../core/crypto/keys.ts";
import type { Secp256k1 } from "../../core/crypto/secp256k1.ts";
import type { Authority } from "../../core/protocol/authority.ts";
import { recoverSignatureKey } from "../../core/protocol/signature.ts";
import { hexToBytesOrNull } from "../../stdx/bytes.ts";
import { ImageError } from "./image-errors.ts";

/** A 65-byte compact signature (recovery byte ‖ r ‖ s) as hex, as dsteem's `Signature.toString()` writes it. */
export const uploadSignatureHexPattern = /^[0-9a-fA-F]{130}$/;

/** Accounts of `account_auths` looked up per authority; more are ignored (nearly every account has none). */
export const accountAuthsCheckedMax = 8;

export interface UploaderAuthorities {
  readonly posting: Authority;
  readonly active: Authority;
}

export type AuthoritiesOf = (name: string) => Promise<UploaderAuthorities | null>;

/** Decodes the signature of an upload path; throws `invalid_signature` when it is not 65 bytes of hex with a valid recovery byte. */
export function decodeUploadSignature(hex: string): Uint8Array {
  const bytes = uploadSignatureHexPattern.test(hex) ? hexToBytesOrNull(hex) : null;
  if (bytes === null) throw new ImageError("invalid_signature", "the signature must be 130 hex characters (65 bytes)");
  if (bytes[0] < 27 || bytes[0] >= 35) throw new ImageError("invalid_signature", `the signature's recovery byte ${bytes[0]} is outside 27–34`);
  return bytes;
}

/** The public key that made `signature` over `digest`; throws `invalid_signature` when none can be recovered. */
export function recoverUploadKey(secp: Secp256k1, digest: Uint8Array, signature: Uint8Array): PublicKey {
  try {
    return recoverSignatureKey(secp, digest, signature);
  } catch {
    throw new ImageError("invalid_signature", "no public key can be recovered from the signature (or its S value is high)");
  }
}

/** True when `key` alone satisfies the posting or the active authority of `account`. */
export async function isUploadKeyAuthorized(key: PublicKey, account: UploaderAuthorities, authoritiesOf: AuthoritiesOf): Promise<boolean> {
  for (const role of ["posting", "active"] as const) {
    if (await satisfiesAuthority(account[role], key, role, authoritiesOf, 1)) return true;
  }
  return false;
}

async function satisfiesAuthority(authority: Authority, key: PublicKey, role: "posting" | "active", authoritiesOf: AuthoritiesOf, depth: number): Promise<boolean> {
  // A threshold of zero would let any signature through; such an authority cannot exist on chain anyway.
  if (!(authority.weight_threshold >= 1)) return false;
  let weight = 0;
  for (const [candidate, candidateWeight] of authority.key_auths) if (candidate === key) weight += candidateWeight;
  if (weight >= authority.weight_threshold) return true;
  if (depth === 0) return false;
  for (const [name, accountWeight] of authority.account_auths.slice(0, accountAuthsCheckedMax)) {
    const other = await authoritiesOf(name);
    if (other !== null && (await satisfiesAuthority(other[role], key, role, authoritiesOf, depth - 1))) weight += accountWeight;
    if (weight >= authority.weight_threshold) return true;
  }
  return false;
}
