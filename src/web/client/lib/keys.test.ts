// Checks browser key derivation against dsteem and steem-js, the shape of generated master passwords, WIF checks and account-name rules.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";
import { PrivateKey } from "dsteem";
import { isValidAccountName as coreIsValidAccountName } from "../../../core/protocol/validation.ts";
import { describeAccountNameProblem, isValidAccountName } from "./account-name.ts";
import { deriveKeys, generateMasterPassword, isWif, publicKeyOfWif } from "./keys.ts";

const steem = createRequire(import.meta.url)("steem") as {
  auth: { getPrivateKeys(name: string, password: string, roles?: string[]): Record<string, string>; isWif(text: string): boolean };
};
const roles = ["owner", "active", "posting", "memo"] as const;

test("deriveKeys matches dsteem PrivateKey.fromLogin and steem-js auth.getPrivateKeys", () => {
  for (const [name, password] of [["alice", "P5KettleDemoAlice"], ["bob.kettle", generateMasterPassword()], ["carol-1", "correct horse battery staple"]]) {
    const keys = deriveKeys(name, password);
    const steemKeys = steem.auth.getPrivateKeys(name, password);
    for (const role of roles) {
      const dsteemKey = PrivateKey.fromLogin(name, password, role);
      assert.equal(keys[role].wif, dsteemKey.toString(), `${name} ${role} WIF (dsteem)`);
      assert.equal(keys[role].publicKey, dsteemKey.createPublic("STM").toString(), `${name} ${role} public key (dsteem)`);
      assert.equal(keys[role].wif, steemKeys[role], `${name} ${role} WIF (steem-js)`);
      assert.equal(keys[role].publicKey, steemKeys[`${role}Pubkey`], `${name} ${role} public key (steem-js)`);
    }
  }
});

test("deriveKeys with normalizeWhitespace matches steem-js where whitespace makes dsteem and steem-js differ", () => {
  const password = "  two  spaces\tand a tab ";
  const plain = deriveKeys("alice", password);
  const normalized = deriveKeys("alice", password, { normalizeWhitespace: true });
  assert.equal(plain.posting.wif, PrivateKey.fromLogin("alice", password, "posting").toString());
  assert.equal(normalized.posting.wif, steem.auth.getPrivateKeys("alice", password, ["posting"]).posting);
  assert.notEqual(plain.posting.wif, normalized.posting.wif);
});

test("generateMasterPassword: 'P' + a WIF, so 52 characters starting P5, different every time", () => {
  const seen = new Set<string>();
  for (let i = 0; i < 20; i++) {
    const password = generateMasterPassword();
    assert.match(password, /^P5[1-9A-HJ-NP-Za-km-z]{50}$/);
    assert.ok(isWif(password.slice(1)), "what follows P is a valid WIF");
    assert.ok(steem.auth.isWif(password.slice(1)), "steem-js agrees it is a WIF");
    assert.ok(!isWif(password), "the password itself is not a WIF, so login treats it as a password");
    seen.add(password);
  }
  assert.equal(seen.size, 20);
});

test("isWif and publicKeyOfWif", () => {
  const wif = "5JNHfZYKGaomSFvd4NUdQ9qMcEAC43kujbfjueTHpVapX1Kzq2n";
  assert.ok(isWif(wif));
  assert.ok(isWif(` ${wif}\n`), "surrounding whitespace from a paste is ignored");
  assert.equal(publicKeyOfWif(wif), PrivateKey.fromString(wif).createPublic("STM").toString());
  assert.equal(publicKeyOfWif(wif), "STM6LLegbAgLAy28EHrffBVuANFWcFgmqRMW13wBmTExqFE9SCkg4");
  const broken = `${wif.slice(0, -1)}${wif.endsWith("n") ? "m" : "n"}`;
  for (const text of [broken, "", "P5KettleDemoAlice", "STM6LLegbAgLAy28EHrffBVuANFWcFgmqRMW13wBmTExqFE9SCkg4", "0OIl"]) {
    assert.ok(!isWif(text), text);
    assert.equal(publicKeyOfWif(text), null, text);
  }
});

test("account names: a reason for each refusal, and the same verdict as the chain's rule", () => {
  const cases: [string, RegExp | null][] = [
    ["alice", null], ["bob-1", null], ["abc", null], ["a1b.c-d", null], ["steemit.com", null], ["abcdefghijklmnop", null],
    ["", /Enter/], ["ab", /at least 3/], ["abcdefghijklmnopq", /at most 16/], ["Alice", /lower case/], ["1abc", /start with a letter/],
    ["abc-", /end with a letter or a digit/], ["ab.cde", /"ab".*at least 3/], ["abc..def", /at least 3/], ["abc_d", /only letters, digits and dashes/],
    [".abc", /at least 3/], ["abc.", /at least 3/], ["abc.1de", /start with a letter/], ["a--b", null], ["ab\u00e9", /only letters/],
  ];
  for (const [name, reason] of cases) {
    const problem = describeAccountNameProblem(name);
    if (reason === null) assert.equal(problem, null, name);
    else assert.match(problem ?? "", reason, name);
    assert.equal(isValidAccountName(name), coreIsValidAccountName(name), `${name}: same verdict as core`);
  }
});
