/**
 * A community on a demo site, set up as its creator would: the `hive-NNNNNN` account made by initminer
 * (which makes initminer an admin, Kettle's friendlier path), then from the community account — the owner —
 * its props and team, and subscriptions signed by the demo accounts. Page and browser tests share it.
 */
import { demoAccounts } from "../../src/cli/demo.ts";
import { derivePrivateKeyFromLogin } from "../../src/core/crypto/keys.ts";
import type { Operation } from "../../src/core/protocol/operation-schemas.ts";
import { createAccountsOnChain, createTestAccount, createUnsignedTransaction, signWith, type TestAccount } from "./test-chain.ts";
import type { DemoSite } from "./web-node.ts";

export interface DemoCommunityOptions {
  /** `hive-` then the type digit (1 topic, 2 journal, 3 council) and 4–6 more digits. */
  readonly name: string;
  readonly title: string;
  readonly about?: string;
  readonly description?: string;
  /** One rule per line (`flag_text`). */
  readonly rules?: string;
  /** A demo account the owner makes admin (the owner role itself is the community account's). */
  readonly owner?: string;
  /** Demo accounts made moderators. */
  readonly mods?: readonly string[];
  /** Demo accounts made members. */
  readonly members?: readonly string[];
  /** Demo accounts that subscribe. */
  readonly subscribers?: readonly string[];
  /** Titles by demo account name. */
  readonly titles?: Readonly<Record<string, string>>;
}

function communityOp(signer: string, payload: unknown): Operation {
  return { type: "custom_json", value: { required_auths: [], required_posting_auths: [signer], id: "community", json: JSON.stringify(payload) } };
}

function demoPostingKey(name: string): Uint8Array {
  const account = demoAccounts.find((a) => a.name === name);
  if (account === undefined) throw new Error(`${name} is not a demo account`);
  return derivePrivateKeyFromLogin(account.name, account.password, "posting");
}

async function submit(site: DemoSite, operations: Operation[], secret: Uint8Array): Promise<void> {
  const node = site.running.node;
  await node.submit(signWith(createUnsignedTransaction(node.state, operations), node.options.chainId, [secret]));
}

/** Creates the community and its team and subscribers, and waits until the index has them; answers the community account. */
export async function createDemoCommunity(site: DemoSite, options: DemoCommunityOptions): Promise<TestAccount> {
  const community = createTestAccount(options.name);
  await createAccountsOnChain(site.running.node, [community], 1_000n, 1_000_000n);
  const name = options.name;
  const props = { title: options.title, about: options.about ?? "", description: options.description ?? "", flag_text: options.rules ?? "", lang: "en", is_nsfw: false };
  const team: [string, string][] = [
    ...(options.owner === undefined ? [] : [[options.owner, "admin"] as [string, string]]),
    ...(options.mods ?? []).map((account): [string, string] => [account, "mod"]),
    ...(options.members ?? []).map((account): [string, string] => [account, "member"]),
  ];
  await submit(site, [
    communityOp(name, ["updateProps", { community: name, props }]),
    ...team.map(([account, role]) => communityOp(name, ["setRole", { community: name, account, role }])),
    ...Object.entries(options.titles ?? {}).map(([account, title]) => communityOp(name, ["setUserTitle", { community: name, account, title }])),
  ], community.secrets.posting);
  for (const subscriber of options.subscribers ?? []) {
    await submit(site, [communityOp(subscriber, ["subscribe", { community: name }])], demoPostingKey(subscriber));
  }
  await site.settle();
  return community;
}
