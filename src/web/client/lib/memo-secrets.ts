/**
 * Whether a memo gives away the sender's keys: a word in it that is one of the account's private keys, or
 * that derives them as a master password. Patterns catch the usual shapes (wallet-plans.ts); this catches
 * the rest — a password of any shape — by deriving and comparing with the account's public keys. Loaded
 * only when a memo is about to be sent, as it needs the signing library's cryptography.
 */
import { type KeyRole, decodeWif, derivePrivateKeyFromLogin, formatPublicKey, getPublicKey } from "../../../core/crypto/keys.ts";
import { nobleSecp256k1 } from "../../../core/crypto/noble-secp256k1.ts";
import { getAccountAuthorities, getRolesOfKey } from "./account-authorities.ts";
import { addressPrefix } from "./keys.ts";

/** Words of a memo tried as keys or passwords: enough for any memo a person writes, bounded for hostile ones. */
const candidatesMax = 24;
/** Shorter words are not tried: no account's password is that short. */
const candidateLengthMin = 8;

/** Roles a master password is tried in: those a thief could spend with. */
const passwordRoles: readonly KeyRole[] = ["owner", "active"];

function publicKeyOf(secret: Uint8Array): string | null {
  if (nobleSecp256k1.publicKeyCreate(secret) === null) return null;
  return formatPublicKey(getPublicKey(nobleSecp256k1, secret), addressPrefix);
}

/** The memo's words worth trying, and the whole memo (a password may hold spaces), longest first. */
function candidatesOf(memo: string): string[] {
  const words = new Set([memo.trim(), ...memo.split(/\s+/)].filter((word) => word.length >= candidateLengthMin));
  return [...words].sort((a, b) => b.length - a.length).slice(0, candidatesMax);
}

/** True when the memo holds one of `name`'s private keys or its master password. */
export async function memoRevealsAccountKey(name: string, memo: string): Promise<boolean> {
  const candidates = candidatesOf(memo);
  if (candidates.length === 0) return false;
  const account = await getAccountAuthorities(name);
  const isAccountKey = (secret: Uint8Array | null) => {
    const publicKey = secret === null ? null : publicKeyOf(secret);
    return publicKey !== null && getRolesOfKey(account, publicKey).length > 0;
  };
  for (const candidate of candidates) {
    if (isAccountKey(decodeWif(candidate))) return true;
    if (passwordRoles.some((role) => isAccountKey(derivePrivateKeyFromLogin(name, candidate, role)))) return true;
  }
  return false;
}
