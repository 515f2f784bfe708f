/**
 * The Steem Keychain and Hive Keychain browser extensions, which hold keys themselves and sign on request.
 * Their callback API is wrapped in promises; a refusal or failure becomes a ClientError `keychain_refused`.
 */
import { ClientError } from "./client-error.ts";

/** Keychain's names for the roles it signs with. */
export type KeychainKeyType = "Posting" | "Active";

/** What the extensions pass to their callbacks (fields beyond these vary between versions). */
export interface KeychainResponse {
  readonly success: boolean;
  readonly error?: unknown;
  readonly message?: string;
  readonly result?: unknown;
}

/** The two calls the library makes; both extensions inject an object with these methods. */
export interface Keychain {
  requestSignBuffer(account: string, message: string, keyType: KeychainKeyType, callback: (response: KeychainResponse) => void): void;
  requestBroadcast(account: string, operations: readonly unknown[], keyType: KeychainKeyType, callback: (response: KeychainResponse) => void): void;
}

/** The injected extension, Steem Keychain first; null when neither is installed. */
export function getKeychain(): Keychain | null {
  const page = globalThis as unknown as { steem_keychain?: Keychain; hive_keychain?: Keychain };
  return page.steem_keychain ?? page.hive_keychain ?? null;
}

function requireKeychain(): Keychain {
  const keychain = getKeychain();
  if (keychain === null) throw new ClientError("keychain_missing", "No Keychain extension found in this browser.");
  return keychain;
}

function settle(resolve: (value: unknown) => void, reject: (error: Error) => void, what: string) {
  return (response: KeychainResponse) => {
    if (response?.success === true) {
      resolve(response.result);
      return;
    }
    const why = response?.message ?? (typeof response?.error === "string" ? response.error : "it refused");
    reject(new ClientError("keychain_refused", `Keychain did not ${what}: ${why}`, response ?? null));
  };
}

/** Asks Keychain to sign `message` (sha256 of its UTF-8 bytes) and resolves to the 130-hex signature. */
export function keychainSignBuffer(account: string, message: string, keyType: KeychainKeyType): Promise<string> {
  const keychain = requireKeychain();
  return new Promise<unknown>((resolve, reject) => keychain.requestSignBuffer(account, message, keyType, settle(resolve, reject, "sign"))).then(
    (result) => {
      if (typeof result !== "string" || !/^[0-9a-f]{130}$/i.test(result)) throw new ClientError("unexpected_answer", "Keychain answered without a signature.");
      return result.toLowerCase();
    },
  );
}

/** Asks Keychain to sign and broadcast legacy-JSON operations; resolves to whatever it reports back. */
export function keychainBroadcast(account: string, operations: readonly unknown[], keyType: KeychainKeyType): Promise<unknown> {
  const keychain = requireKeychain();
  return new Promise<unknown>((resolve, reject) => keychain.requestBroadcast(account, operations, keyType, settle(resolve, reject, "broadcast")));
}
