/**
 * Logging in and out. A login proves the secret belongs to the account before anything is kept: a master
 * password must derive one of its keys, a WIF must be one of them, a Keychain signature must recover to its
 * posting key. Only a posting key is ever stored; stronger keys stay in memory for this page. (Who is logged
 * in, and logging out, are in current-user.ts, which pages can load without the signing code.)
 */
import { sha256 } from "../../../core/crypto/hash.ts";
import { type KeyRole, decodeWif, derivePrivateKeyFromLogin, encodeWif, formatPublicKey, getPublicKey } from "../../../core/crypto/keys.ts";
import { nobleSecp256k1 } from "../../../core/crypto/noble-secp256k1.ts";
import { recoverSignatureKey } from "../../../core/protocol/signature.ts";
import { bytesToHex, hexToBytes, utf8Encode } from "../../../stdx/bytes.ts";
import { type AccountAuthorities, getAccountAuthorities, getRolesOfKey } from "./account-authorities.ts";
import { describeAccountNameProblem } from "./account-name.ts";
import { ClientError } from "./client-error.ts";
import { keychainSignBuffer } from "./keychain.ts";
import { addressPrefix, isWif } from "./keys.ts";
import { type LoginMethod, pageKeys, writeStoredSession } from "./session-store.ts";

export interface LoginOptions {
  /** Keep the session in localStorage (and the cookie for 30 days) instead of for this tab only. */
  readonly remember?: boolean;
  /** With a master password, also keep the active key in memory for this page (never stored). */
  readonly keepActiveKey?: boolean;
}

export interface LoginResult {
  readonly name: string;
  readonly method: LoginMethod;
  /** The roles the secret proved (for a master password: those of every derived key that matched). */
  readonly roles: readonly KeyRole[];
  /** Whether a posting key was stored, so later pages can sign without asking. */
  readonly postingKeyStored: boolean;
}

/** Random bytes in the Keychain login challenge, so an old signature cannot be replayed. */
const loginChallengeBytes = 16;

/** A secret that proved some roles of the account. */
interface Match {
  readonly secret: Uint8Array;
  readonly roles: readonly KeyRole[];
}

function assertAccountName(name: string): void {
  const problem = describeAccountNameProblem(name);
  if (problem !== null) throw new ClientError("invalid_account_name", problem);
}

/** The secrets a typed text may stand for: a WIF itself, or the keys a master password derives (both ways of deriving them). */
function candidateSecrets(name: string, text: string): Uint8Array[] {
  const wif = decodeWif(text.trim());
  if (wif !== null) return [wif];
  const secrets = new Map<string, Uint8Array>();
  for (const normalize of [false, true]) {
    for (const role of ["posting", "active", "owner"] as const) {
      const secret = derivePrivateKeyFromLogin(name, text, role, normalize);
      secrets.set(bytesToHex(secret), secret);
    }
  }
  return [...secrets.values()];
}

function matchSecrets(account: AccountAuthorities, secrets: readonly Uint8Array[]): Match[] {
  const matches: Match[] = [];
  for (const secret of secrets) {
    if (nobleSecp256k1.publicKeyCreate(secret) === null) continue;
    const roles = getRolesOfKey(account, formatPublicKey(getPublicKey(nobleSecp256k1, secret), addressPrefix));
    if (roles.length > 0) matches.push({ secret, roles });
  }
  return matches;
}

function refuse(name: string, text: string, matches: readonly Match[]): never {
  if (matches.some((m) => m.roles.includes("memo"))) {
    throw new ClientError("key_cannot_sign", `That is ${name}'s memo key, which cannot sign: use the posting key or the master password.`);
  }
  if (isWif(text)) throw new ClientError("wrong_key", `That key is not one of ${name}'s keys.`);
  throw new ClientError("wrong_password", `That password is not ${name}'s master password, nor one of its keys.`);
}

/**
 * Logs in with a master password or a private key (WIF). A posting key (given, or derived from the master
 * password) is stored; an active or owner key given instead is held in memory for this page only, and later
 * pages ask for a key when they need one. Rejects with a ClientError: `no_such_account`, `wrong_key`,
 * `wrong_password`, `key_cannot_sign`.
 */
export async function login(name: string, secret: string, options: LoginOptions = {}): Promise<LoginResult> {
  name = name.trim().toLowerCase().replace(/^@/, "");
  assertAccountName(name);
  const account = await getAccountAuthorities(name);
  const matches = matchSecrets(account, candidateSecrets(name, secret));
  const signing = matches.filter((m) => m.roles[0] !== "memo");
  if (signing.length === 0) refuse(name, secret, matches);
  // A key that is only a posting key may be stored; one that is also active or owner may not.
  const posting = signing.find((m) => m.roles.length === 1 && m.roles[0] === "posting") ?? null;
  // An active (or else owner) key: it signs on this page only.
  const stronger = signing.find((m) => m.roles[0] !== "posting") ?? null;
  writeStoredSession({ name, method: "key", postingKey: posting === null ? null : encodeWif(posting.secret) }, options.remember === true);
  const givenAsWif = isWif(secret);
  if (posting === null && stronger !== null) pageKeys.set("posting", stronger.secret);
  if (stronger !== null && (givenAsWif || options.keepActiveKey === true)) pageKeys.set("active", stronger.secret);
  const roles = [...new Set(signing.flatMap((m) => m.roles))];
  return { name, method: "key", roles, postingKeyStored: posting !== null };
}

/**
 * Logs in through Keychain: asks it to sign a fresh challenge with the posting key and checks that the
 * signature recovers to one of the account's posting keys. Nothing secret is stored.
 */
export async function loginWithKeychain(name: string, options: Pick<LoginOptions, "remember"> = {}): Promise<LoginResult> {
  name = name.trim().toLowerCase().replace(/^@/, "");
  assertAccountName(name);
  const account = await getAccountAuthorities(name);
  const nonce = new Uint8Array(loginChallengeBytes);
  globalThis.crypto.getRandomValues(nonce);
  const challenge = `kettle-login-${bytesToHex(nonce)}`;
  const signature = await keychainSignBuffer(name, challenge, "Posting");
  let roles: KeyRole[];
  try {
    const key = recoverSignatureKey(nobleSecp256k1, sha256(utf8Encode(challenge)), hexToBytes(signature));
    roles = getRolesOfKey(account, formatPublicKey(key, addressPrefix));
  } catch {
    roles = [];
  }
  if (!roles.includes("posting")) throw new ClientError("wrong_key", `Keychain signed with a key that is not ${name}'s posting key.`);
  writeStoredSession({ name, method: "keychain", postingKey: null }, options.remember === true);
  return { name, method: "keychain", roles: ["posting"], postingKeyStored: false };
}
