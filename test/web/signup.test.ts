// Checks sign-up end to end over HTTP: only public keys are sent, the registrar creates the account with delegated Steem Power so it can post at once, and taken names, invalid names, malformed keys and floods are refused with a code and a reason.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Client, PrivateKey } from "dsteem";
import { derivePrivateKeyFromLogin, formatPublicKey, getPublicKey, type KeyRole } from "../../src/core/crypto/keys.ts";
import { nobleSecp256k1 } from "../../src/core/crypto/noble-secp256k1.ts";
import { type DemoSite, startDemoSite } from "../helpers/web-node.ts";

let site: DemoSite;
before(async () => {
  site = await startDemoSite(["--signups-per-hour", "3"]);
});
after(() => site.close());

function publicKeys(name: string, password: string): Record<Exclude<KeyRole, never>, string> {
  const key = (role: KeyRole) => formatPublicKey(getPublicKey(nobleSecp256k1, derivePrivateKeyFromLogin(name, password, role)), "STM");
  return { owner: key("owner"), active: key("active"), posting: key("posting"), memo: key("memo") };
}

async function signUp(body: unknown): Promise<{ status: number; answer: any }> {
  const response = await fetch(`${site.url}/api/signup`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, answer: await response.json() };
}

test("a new account is created from public keys, with delegated Steem Power, and can post at once", async () => {
  const password = "P5JnewcomerPasswordThatOnlyTheBrowserKnows";
  const { status, answer } = await signUp({ name: "newcomer", ...publicKeys("newcomer", password) });
  assert.equal(status, 200, JSON.stringify(answer));
  assert.equal(answer.name, "newcomer");
  assert.equal(answer.creator, "initminer");
  assert.ok(answer.block_num > 0);
  const client = new Client(site.url);
  const [account] = await client.database.getAccounts(["newcomer"]);
  assert.equal(account.posting.key_auths[0][0], publicKeys("newcomer", password).posting);
  assert.ok(Number.parseFloat(String(account.received_vesting_shares)) > 0, "the registrar delegated Steem Power");
  const confirmation = await client.broadcast.comment({
    parent_author: "", parent_permlink: "introduceyourself", author: "newcomer", permlink: "hello", title: "Hello", body: "My first post.", json_metadata: "{}",
  }, PrivateKey.fromLogin("newcomer", password, "posting"));
  assert.ok(confirmation.block_num > 0, "a new account has the resource credits to post");
});

test("taken and invalid names, malformed or repeated keys and bad bodies are refused with a reason", async () => {
  const keys = publicKeys("someone", "P5Jsomething");
  const cases: [unknown, number, string][] = [
    [{ name: "alice", ...keys }, 409, "account_name_taken"],
    [{ name: "Bad_Name", ...keys }, 400, "invalid_account_name"],
    [{ name: "ab", ...keys }, 400, "invalid_account_name"],
    [{ name: "someone", ...keys, posting: "STM1111" }, 400, "invalid_public_key"],
    [{ name: "someone", ...keys, active: keys.owner }, 400, "invalid_public_key"],
    [{ name: "someone", owner: keys.owner }, 400, "invalid_public_key"],
  ];
  for (const [body, status, code] of cases) {
    const result = await signUp(body);
    assert.equal(result.status, status, JSON.stringify(body));
    assert.equal(result.answer.error.code, code);
    assert.ok(result.answer.error.message.length > 10);
  }
  const notJson = await fetch(`${site.url}/api/signup`, { method: "POST", body: "name=x" });
  assert.equal(notJson.status, 400);
  const huge = await fetch(`${site.url}/api/signup`, { method: "POST", body: "x".repeat(10_000) });
  assert.equal(huge.status, 413);
});

test("one address may sign up only so often", async () => {
  // The first test used one of the three sign-ups this hour.
  for (const name of ["second-one", "third-one"]) assert.equal((await signUp({ name, ...publicKeys(name, "P5Jx") })).status, 200, name);
  const refused = await fetch(`${site.url}/api/signup`, { method: "POST", body: JSON.stringify({ name: "fourth-one", ...publicKeys("fourth-one", "P5Jx") }) });
  assert.equal(refused.status, 429);
  assert.ok(Number(refused.headers.get("retry-after")) > 0);
  assert.equal((await refused.json()).error.code, "too_many_signups");
});
