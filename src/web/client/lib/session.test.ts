// Checks login with a master password, each kind of key and Keychain, what is stored (only a posting key), the name cookie, logout, and asking for the active key.
import assert from "node:assert/strict";
import { afterEach, beforeEach, test } from "node:test";
import { sha256 } from "../../../core/crypto/hash.ts";
import { decodeWif } from "../../../core/crypto/keys.ts";
import { nobleSecp256k1 } from "../../../core/crypto/noble-secp256k1.ts";
import { signDigest } from "../../../core/protocol/signature.ts";
import { bytesToHex, utf8Encode } from "../../../stdx/bytes.ts";
import type { AccountAuthorities } from "./account-authorities.ts";
import { ClientError } from "./client-error.ts";
import type { KeychainResponse } from "./keychain.ts";
import { type DerivedKeys, deriveKeys, generateMasterPassword } from "./keys.ts";
import { currentUser, logout } from "./current-user.ts";
import { login, loginWithKeychain } from "./session.ts";
import { pageKeys, sessionStorageKey } from "./session-store.ts";
import { getSigningKey, setKeyPrompt } from "./signing-key.ts";
import { type BrowserGlobals, installBrowserGlobals } from "./test-browser-globals.ts";
import { type FakeFetch, installFakeFetch } from "./test-fake-fetch.ts";

const password = "P5TestAlicePassword";
const keys = deriveKeys("alice", password);
const strangerKeys = deriveKeys("mallory", generateMasterPassword());

function singleKey(key: string) {
  return { weight_threshold: 1, account_auths: [], key_auths: [[key, 1]] as [string, number][] };
}

function accountOf(name: string, derived: DerivedKeys): AccountAuthorities {
  return { name, owner: singleKey(derived.owner.publicKey), active: singleKey(derived.active.publicKey), posting: singleKey(derived.posting.publicKey), memo_key: derived.memo.publicKey };
}

let browser: BrowserGlobals;
let fake: FakeFetch;
let accounts: Map<string, AccountAuthorities>;

beforeEach(() => {
  browser = installBrowserGlobals();
  accounts = new Map([["alice", accountOf("alice", keys)]]);
  fake = installFakeFetch({ "condenser_api.get_accounts": ([names]: [string[]]) => names.flatMap((n) => accounts.get(n) ?? []) });
  logout();
  setKeyPrompt(null);
});

afterEach(() => {
  fake.restore();
  delete (globalThis as { steem_keychain?: unknown }).steem_keychain;
});

const rejectsWith = (promise: Promise<unknown>, code: string, message?: RegExp) =>
  assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ClientError, String(error));
    assert.equal(error.code, code, error.message);
    if (message !== undefined) assert.match(error.message, message);
    return true;
  });

test("a master password stores the posting key only, in sessionStorage, and sets the name cookie", async () => {
  const result = await login("@Alice ", password);
  assert.deepEqual(result, { name: "alice", method: "key", roles: ["posting", "active", "owner"], postingKeyStored: true });
  const stored = JSON.parse(browser.sessionStorage.getItem(sessionStorageKey)!);
  assert.deepEqual(stored, { name: "alice", method: "key", postingKey: keys.posting.wif });
  assert.equal(browser.localStorage.length, 0);
  const everything = browser.sessionStorage.getItem(sessionStorageKey)! + browser.document.cookie;
  for (const role of ["active", "owner", "memo"] as const) assert.ok(!everything.includes(keys[role].wif), `the ${role} key is not stored`);
  assert.ok(!everything.includes(password), "the password is not stored");
  assert.equal(browser.document.cookie, "kettle_user=alice");
  assert.match(browser.document.cookies.get("kettle_user")!.attributes, /^Path=\/; SameSite=Lax$/);
  assert.deepEqual(currentUser(), { name: "alice", method: "key" });
  assert.equal(pageKeys.size, 0, "no stronger key kept in memory unless asked");
});

test("remember keeps the session in localStorage with a lasting cookie; logout forgets everything", async () => {
  await login("alice", password, { remember: true, keepActiveKey: true });
  assert.ok(browser.localStorage.getItem(sessionStorageKey) !== null);
  assert.equal(browser.sessionStorage.length, 0);
  assert.match(browser.document.cookies.get("kettle_user")!.attributes, /Max-Age=2592000/);
  assert.equal(bytesToHex(pageKeys.get("active")!), bytesToHex(decodeWif(keys.active.wif)!), "keepActiveKey holds the active key in memory");
  logout();
  assert.equal(currentUser(), null);
  assert.equal(browser.localStorage.length + browser.sessionStorage.length, 0);
  assert.equal(browser.document.cookie, "");
  assert.equal(pageKeys.size, 0);
});

test("a posting WIF is stored; an active WIF is kept in memory only; a memo or foreign key is refused", async () => {
  await login("alice", keys.posting.wif);
  assert.equal(JSON.parse(browser.sessionStorage.getItem(sessionStorageKey)!).postingKey, keys.posting.wif);
  const active = await login("alice", keys.active.wif);
  assert.deepEqual(active.roles, ["active"]);
  assert.equal(active.postingKeyStored, false);
  assert.equal(JSON.parse(browser.sessionStorage.getItem(sessionStorageKey)!).postingKey, null);
  assert.ok(!browser.sessionStorage.getItem(sessionStorageKey)!.includes(keys.active.wif));
  assert.equal(bytesToHex(await getSigningKey("posting", "vote")), bytesToHex(decodeWif(keys.active.wif)!), "this page can still sign");
  await rejectsWith(login("alice", keys.memo.wif), "key_cannot_sign", /memo key/);
  await rejectsWith(login("alice", strangerKeys.posting.wif), "wrong_key", /^That key is not one of alice's keys\.$/);
  await rejectsWith(login("alice", "not the password"), "wrong_password");
  await rejectsWith(login("nobody", password), "no_such_account", /no account named "nobody"/);
  await rejectsWith(login("x", password), "invalid_account_name");
});

test("a key that is both posting and active is never stored", async () => {
  const shared = accountOf("alice", keys);
  accounts.set("alice", { ...shared, active: singleKey(keys.posting.publicKey) });
  const result = await login("alice", keys.posting.wif);
  assert.equal(result.postingKeyStored, false);
  assert.ok(!browser.sessionStorage.getItem(sessionStorageKey)!.includes(keys.posting.wif));
});

test("the active key is asked for, checked against the account, and kept for the page", async () => {
  await login("alice", password);
  await rejectsWith(getSigningKey("active", "Transfer"), "key_not_given");
  const asked: string[] = [];
  const answers = [null, strangerKeys.active.wif, keys.posting.wif, password];
  setKeyPrompt(async (role, reason) => {
    asked.push(`${role}: ${reason}`);
    return answers.shift() ?? null;
  });
  await rejectsWith(getSigningKey("active", "Transfer 1.000 STEEM to bob"), "key_not_given", /Cancelled/);
  await rejectsWith(getSigningKey("active", "Transfer"), "wrong_key", /not alice's active key/);
  await rejectsWith(getSigningKey("active", "Transfer"), "wrong_key");
  const secret = await getSigningKey("active", "Transfer");
  assert.equal(bytesToHex(secret), bytesToHex(decodeWif(keys.active.wif)!), "the master password derives the active key");
  assert.equal(asked.length, 4);
  assert.equal(asked[0], "active: Transfer 1.000 STEEM to bob");
  await getSigningKey("active", "again");
  assert.equal(asked.length, 4, "not asked twice on one page");
  assert.equal(bytesToHex(await getSigningKey("posting", "vote")), bytesToHex(decodeWif(keys.posting.wif)!), "posting still signs with the posting key");
  logout();
  await rejectsWith(getSigningKey("posting", "vote"), "not_logged_in");
});

function installKeychain(signWith: string): string[] {
  const messages: string[] = [];
  (globalThis as { steem_keychain?: unknown }).steem_keychain = {
    requestSignBuffer(account: string, message: string, keyType: string, callback: (r: KeychainResponse) => void) {
      messages.push(`${account} ${keyType} ${message}`);
      const signature = signDigest(nobleSecp256k1, sha256(utf8Encode(message)), decodeWif(signWith)!);
      setTimeout(() => callback({ success: true, result: bytesToHex(signature) }));
    },
    requestBroadcast() {},
  };
  return messages;
}

test("Keychain login: a fresh challenge signed by a posting key of the account; nothing secret stored", async () => {
  await rejectsWith(loginWithKeychain("alice"), "keychain_missing");
  const messages = installKeychain(keys.posting.wif);
  assert.deepEqual(await loginWithKeychain("alice"), { name: "alice", method: "keychain", roles: ["posting"], postingKeyStored: false });
  assert.match(messages[0], /^alice Posting kettle-login-[0-9a-f]{32}$/);
  assert.deepEqual(JSON.parse(browser.sessionStorage.getItem(sessionStorageKey)!), { name: "alice", method: "keychain", postingKey: null });
  assert.deepEqual(currentUser(), { name: "alice", method: "keychain" });
  installKeychain(strangerKeys.posting.wif);
  await rejectsWith(loginWithKeychain("alice"), "wrong_key", /not alice's posting key/);
  (globalThis as { steem_keychain?: unknown }).steem_keychain = {
    requestSignBuffer: (_a: string, _m: string, _k: string, callback: (r: KeychainResponse) => void) => callback({ success: false, message: "User cancelled" }),
  };
  await rejectsWith(loginWithKeychain("alice"), "keychain_refused", /User cancelled/);
});
