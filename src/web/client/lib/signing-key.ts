/**
 * The secret that signs for the logged-in user in a role: the stored posting key, a key given earlier on this
 * page, or one the page asks the person for (through the prompt it registers), checked against the account
 * before it is used.
 */
import { type KeyRole, decodeWif, derivePrivateKeyFromLogin, formatPublicKey, getPublicKey } from "../../../core/crypto/keys.ts";
import { nobleSecp256k1 } from "../../../core/crypto/noble-secp256k1.ts";
import { getAccountAuthorities, getRolesOfKey } from "./account-authorities.ts";
import { ClientError } from "./client-error.ts";
import { addressPrefix } from "./keys.ts";
import { pageKeys, readStoredSession } from "./session-store.ts";

/** The roles a transaction is signed in. */
export type SigningRole = "posting" | "active";

/**
 * Asks the person for a key: resolves to a WIF or the master password, or null when they cancel. `reason`
 * says what the key is for ("Transfer 1.000 STEEM to bob"), to show in the dialog.
 */
export type KeyPrompt = (role: SigningRole, reason: string) => Promise<string | null>;

let keyPrompt: KeyPrompt | null = null;

/** Registers how this page asks for a key it does not hold (null: never ask). */
export function setKeyPrompt(prompt: KeyPrompt | null): void {
  keyPrompt = prompt;
}

/** Roles whose key satisfies a signing role on its own, as steemd checks authorities. */
const acceptedRoles: Record<SigningRole, readonly KeyRole[]> = { posting: ["posting", "active", "owner"], active: ["active", "owner"] };

/** The weakest key held that signs for `role`: a vote is never signed with the active key when the posting key is at hand. */
function heldKey(role: SigningRole, storedPostingKey: string | null): Uint8Array | null {
  if (role === "active") return pageKeys.get("active") ?? null;
  const posting = pageKeys.get("posting") ?? (storedPostingKey === null ? null : decodeWif(storedPostingKey));
  return posting ?? pageKeys.get("active") ?? null;
}

/**
 * The 32-byte secret to sign with for `role`. Asks through the registered prompt when none is held, checks
 * that the answer is the account's key, and keeps it for the rest of this page. Rejects with a ClientError:
 * `not_logged_in`, `key_not_given`, `wrong_key`.
 */
export async function getSigningKey(role: SigningRole, reason: string): Promise<Uint8Array> {
  const session = readStoredSession();
  if (session === null) throw new ClientError("not_logged_in", "Log in first.");
  const held = heldKey(role, session.postingKey);
  if (held !== null) return held;
  if (keyPrompt === null) throw new ClientError("key_not_given", `${reason}: this needs your ${role} key.`);
  const answer = await keyPrompt(role, reason);
  if (answer === null || answer.trim() === "") throw new ClientError("key_not_given", `Cancelled: ${reason} needs your ${role} key.`);
  const secret = decodeWif(answer.trim()) ?? derivePrivateKeyFromLogin(session.name, answer, role);
  const account = await getAccountAuthorities(session.name);
  const publicKey = nobleSecp256k1.publicKeyCreate(secret) === null ? "" : formatPublicKey(getPublicKey(nobleSecp256k1, secret), addressPrefix);
  const roles = getRolesOfKey(account, publicKey);
  if (!roles.some((r) => acceptedRoles[role].includes(r))) {
    throw new ClientError("wrong_key", `That is not ${session.name}'s ${role} key (nor a master password that derives it).`);
  }
  pageKeys.set(role, secret);
  return secret;
}
