/**
 * Keys in the browser: master passwords as Steemit makes them, the four role keys derived from one, and
 * WIF checks. Secrets are WIF strings here because that is what people paste and what storage holds.
 */
import { type KeyRole, decodeWif, derivePrivateKeyFromLogin, encodeWif, formatPublicKey, getPublicKey } from "../../../core/crypto/keys.ts";
import { nobleSecp256k1 } from "../../../core/crypto/noble-secp256k1.ts";

/** The public key prefix of the chain Kettle speaks for. */
export const addressPrefix = "STM";

/** Random bytes behind a generated master password: as many as a private key. */
const masterPasswordSeedBytes = 32;

/** One role's key pair: the secret as WIF and the public key as `STM…`. */
export interface KeyPair {
  readonly wif: string;
  readonly publicKey: string;
}

export type DerivedKeys = Readonly<Record<KeyRole, KeyPair>>;

export interface DeriveKeysOptions {
  /**
   * Trim and collapse whitespace in `name + role + password` first, as steem-js (and so Steemit) does; dsteem
   * and dhive do not. The two differ only for passwords with leading, trailing or repeated whitespace.
   */
  readonly normalizeWhitespace?: boolean;
}

/**
 * A new master password in Steemit's shape: "P" followed by the WIF of 32 random bytes, so it starts "P5" and
 * is 52 characters long. Only the password is random; the keys are derived from it (`deriveKeys`).
 */
export function generateMasterPassword(): string {
  const seed = new Uint8Array(masterPasswordSeedBytes);
  globalThis.crypto.getRandomValues(seed);
  return `P${encodeWif(seed)}`;
}

/** The owner, active, posting and memo keys of `name` for a master password (sha256(name ‖ role ‖ password)). */
export function deriveKeys(name: string, password: string, options: DeriveKeysOptions = {}): DerivedKeys {
  const pair = (role: KeyRole): KeyPair => keyPairOf(derivePrivateKeyFromLogin(name, password, role, options.normalizeWhitespace === true));
  return { owner: pair("owner"), active: pair("active"), posting: pair("posting"), memo: pair("memo") };
}

/** True when `text` is a well-formed WIF private key (base58, version byte 0x80, checksum). */
export function isWif(text: string): boolean {
  return typeof text === "string" && decodeWif(text.trim()) !== null;
}

/** The `STM…` public key of a WIF private key; null when the WIF is malformed or out of range. */
export function publicKeyOfWif(wif: string): string | null {
  const secret = decodeWif(wif.trim());
  if (secret === null || nobleSecp256k1.publicKeyCreate(secret) === null) return null;
  return formatPublicKey(getPublicKey(nobleSecp256k1, secret), addressPrefix);
}

function keyPairOf(secret: Uint8Array): KeyPair {
  return { wif: encodeWif(secret), publicKey: formatPublicKey(getPublicKey(nobleSecp256k1, secret), addressPrefix) };
}
