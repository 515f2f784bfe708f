/**
 * Demo content for `kettle dev`: a few accounts with known passwords (printed at start, as a local
 * Ethereum devnet prints its accounts), and the seed post in "syria" with votes and replies.
 */
import type { Asset } from "../core/asset.ts";
import { type KeyRole, derivePrivateKeyFromLogin, getPublicKey } from "../core/crypto/keys.ts";
import type { Secp256k1 } from "../core/crypto/secp256k1.ts";
import { createSingleKeyAuthority } from "../core/protocol/authority.ts";
import type { Operation } from "../core/protocol/operation-schemas.ts";
import { type SignedTransaction, signTransaction } from "../core/protocol/transaction.ts";
import type { ChainNode } from "../node/chain-node.ts";
import { createSeedImage } from "./seed-image.ts";
import { seedCommunity, seedImageName, seedPost } from "./seed-post.ts";

export interface DemoAccount {
  readonly name: string;
  readonly password: string;
  readonly about: string;
}

export const demoAccounts: readonly DemoAccount[] = [
  { name: "alice", password: "P5KettleDemoAlice", about: "Writes about the Middle East." },
  { name: "bob", password: "P5KettleDemoBob", about: "Curator. Reads everything." },
  { name: "carol", password: "P5KettleDemoCarol", about: "Photographer and traveller." },
  { name: "dave", password: "P5KettleDemoDave", about: "Keeps an eye on the news." },
];

function secretOf(account: DemoAccount, role: KeyRole): Uint8Array {
  return derivePrivateKeyFromLogin(account.name, account.password, role);
}

function createSigner(node: ChainNode, secp: Secp256k1) {
  return (operations: Operation[], secrets: Uint8Array[]): SignedTransaction => {
    const props = node.state.props.value;
    const id = props.head_block_id;
    return signTransaction(secp, {
      ref_block_num: props.head_block_number & 0xffff,
      ref_block_prefix: (id[4] | (id[5] << 8) | (id[6] << 16) | (id[7] << 24)) >>> 0,
      expiration: props.time + 600,
      operations,
      extensions: [],
    }, node.options.chainId, secrets);
  };
}

/** Produces blocks until `seconds` of chain time have passed (comment and vote intervals are in chain time). */
function advance(node: ChainNode, seconds: number): void {
  const start = node.state.props.value.time;
  do node.produceBlock();
  while (node.state.props.value.time - start < seconds);
}

/** Stores an image as an upload would and answers its site path (the image service's `store`). */
export type StoreImage = (bytes: Uint8Array, filename: string) => Promise<string>;

/** The seed community's account, its settings, and its team (alice admin, bob mod), as its owner sets them up. */
function communityOps(secp: Secp256k1, fee: Asset): { create: Operation[]; setUp: Operation[]; secret: Uint8Array } {
  const community = { name: seedCommunity.name, password: seedCommunity.password, about: "" };
  const auth = (role: KeyRole) => createSingleKeyAuthority(getPublicKey(secp, secretOf(community, role)));
  const op = (payload: unknown): Operation => ({ type: "custom_json", value: { required_auths: [], required_posting_auths: [community.name], id: "community", json: JSON.stringify(payload) } });
  return {
    create: [
      { type: "account_create", value: { fee, creator: "initminer", new_account_name: community.name, owner: auth("owner"), active: auth("active"), posting: auth("posting"), memo_key: getPublicKey(secp, secretOf(community, "memo")), json_metadata: "" } },
      { type: "transfer_to_vesting", value: { from: "initminer", to: community.name, amount: { amount: 1_000_000n, symbol: "STEEM" } } },
    ],
    setUp: [
      op(["updateProps", { community: community.name, props: { title: seedCommunity.title, about: seedCommunity.about, description: seedCommunity.description, flag_text: seedCommunity.rules, lang: "en", is_nsfw: false } }]),
      op(["setRole", { community: community.name, account: "alice", role: "admin" }]),
      op(["setRole", { community: community.name, account: "bob", role: "mod" }]),
      op(["setUserTitle", { community: community.name, account: "alice", title: "Correspondent" }]),
    ],
    secret: secretOf(community, "posting"),
  };
}

/** Publishes the demo through ordinary signed transactions, so it is in the block log like anything else. */
export async function createDemoContent(node: ChainNode, secp: Secp256k1, initSecret: Uint8Array, storeImage?: StoreImage): Promise<void> {
  if (node.state.accounts.has(demoAccounts[0].name)) return;
  const sign = createSigner(node, secp);
  const submit = async (ops: Operation[], secrets: Uint8Array[]) => node.submit(sign(ops, secrets));
  const fee = node.state.props.value.account_creation_fee;
  for (const account of demoAccounts) {
    const auth = (role: KeyRole) => createSingleKeyAuthority(getPublicKey(secp, secretOf(account, role)));
    const profile = JSON.stringify({ profile: { name: account.name[0].toUpperCase() + account.name.slice(1), about: account.about } });
    await submit([
      { type: "account_create", value: { fee, creator: "initminer", new_account_name: account.name, owner: auth("owner"), active: auth("active"), posting: auth("posting"), memo_key: getPublicKey(secp, secretOf(account, "memo")), json_metadata: profile } },
      { type: "transfer_to_vesting", value: { from: "initminer", to: account.name, amount: { amount: 5_000_000n, symbol: "STEEM" } } },
      { type: "transfer", value: { from: "initminer", to: account.name, amount: { amount: 100_000n, symbol: "STEEM" }, memo: "Welcome to Kettle" } },
    ], [initSecret]);
  }
  const community = communityOps(secp, fee);
  await submit(community.create, [initSecret]);
  advance(node, 3);
  await submit(community.setUp, [community.secret]);
  for (const account of demoAccounts) {
    await submit([{ type: "custom_json", value: { required_auths: [], required_posting_auths: [account.name], id: "community", json: JSON.stringify(["subscribe", { community: seedCommunity.name }]) } }], [secretOf(account, "posting")]);
  }
  const [alice, bob, carol, dave] = demoAccounts;
  // Without an image service (tests of the chain alone) the post points at where the site would serve it.
  const image = storeImage === undefined ? `/images/${seedImageName}` : await storeImage(await createSeedImage(), seedImageName);
  const body = seedPost.body.replace("{image}", image);
  const metadata = JSON.stringify({ tags: seedPost.tags, image: [image], app: "kettle/0.1", format: "markdown" });
  await submit([{ type: "comment", value: { parent_author: "", parent_permlink: seedPost.category, author: alice.name, permlink: seedPost.permlink, title: seedPost.title, body, json_metadata: metadata } }], [secretOf(alice, "posting")]);
  advance(node, 3);
  const vote = (voter: DemoAccount, weight: number): Operation => ({ type: "vote", value: { voter: voter.name, author: alice.name, permlink: seedPost.permlink, weight } });
  await submit([vote(bob, 10000)], [secretOf(bob, "posting")]);
  await submit([vote(carol, 7500)], [secretOf(carol, "posting")]);
  await submit([vote(dave, 5000)], [secretOf(dave, "posting")]);
  const reply = (author: DemoAccount, permlink: string, body: string, parent: { author: string; permlink: string } = { author: alice.name, permlink: seedPost.permlink }): Operation => ({
    type: "comment", value: { parent_author: parent.author, parent_permlink: parent.permlink, author: author.name, permlink, title: "", body, json_metadata: JSON.stringify({ tags: [seedPost.category], app: "kettle/0.1" }) },
  });
  await submit([reply(bob, "re-the-battle-for-aleppo-bob", "A clear summary of a confusing week. The humanitarian section deserves its own post.")], [secretOf(bob, "posting")]);
  await submit([reply(carol, "re-the-battle-for-aleppo-carol", "Thank you for the context on Hezbollah and the Russian redeployment.")], [secretOf(carol, "posting")]);
  advance(node, 3);
  await submit([reply(alice, "re-bob-re-the-battle-for-aleppo", "Agreed, @bob: I am working on it.", { author: bob.name, permlink: "re-the-battle-for-aleppo-bob" })], [secretOf(alice, "posting")]);
  advance(node, 3);
}
