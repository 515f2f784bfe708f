// A dev node started in-process for tests, with accounts whose keys the test knows and a way to sign for them.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createNodeConfig } from "../../src/cli/config.ts";
import { devInitWif, type RunningNode, runNode } from "../../src/cli/run-node.ts";
import type { Asset } from "../../src/core/asset.ts";
import type { ChainState } from "../../src/core/chain/state.ts";
import { decodeWif, derivePrivateKeyFromLogin, getPublicKey, type KeyRole, keyRoles, type PrivateKey, type PublicKey } from "../../src/core/crypto/keys.ts";
import { createSingleKeyAuthority } from "../../src/core/protocol/authority.ts";
import type { Operation } from "../../src/core/protocol/operation-schemas.ts";
import { type SignedTransaction, signTransaction, type Transaction } from "../../src/core/protocol/transaction.ts";
import { nativeSecp256k1 } from "../../src/node/native-secp256k1.ts";

/** An account the test controls: one secret and public key per role, derived from its name. */
export interface TestAccount {
  readonly name: string;
  readonly secrets: Readonly<Record<KeyRole, PrivateKey>>;
  readonly keys: Readonly<Record<KeyRole, PublicKey>>;
}

export const initMinerAccount: TestAccount = (() => {
  const secret = decodeWif(devInitWif)!;
  const key = getPublicKey(nativeSecp256k1, secret);
  return { name: "initminer", secrets: { owner: secret, active: secret, posting: secret, memo: secret }, keys: { owner: key, active: key, posting: key, memo: key } };
})();

export function createTestAccount(name: string): TestAccount {
  const secrets = {} as Record<KeyRole, PrivateKey>;
  const keys = {} as Record<KeyRole, PublicKey>;
  for (const role of keyRoles) {
    secrets[role] = derivePrivateKeyFromLogin(name, `P5KettleTest-${name}`, role);
    keys[role] = getPublicKey(nativeSecp256k1, secrets[role]);
  }
  return { name, secrets, keys };
}

/** TaPoS fields referencing the head block. */
export function getReferenceBlock(state: ChainState): { ref_block_num: number; ref_block_prefix: number } {
  const props = state.props.value;
  const id = props.head_block_id;
  return { ref_block_num: props.head_block_number & 0xffff, ref_block_prefix: (id[4] | (id[5] << 8) | (id[6] << 16) | (id[7] << 24)) >>> 0 };
}

/** An unsigned transaction at the current head that expires `expiresInSeconds` after head block time. */
export function createUnsignedTransaction(state: ChainState, operations: readonly Operation[], expiresInSeconds = 600): Transaction {
  return { ...getReferenceBlock(state), expiration: state.props.value.time + expiresInSeconds, operations, extensions: [] };
}

export function signWith(tx: Transaction, chainId: Uint8Array, secrets: readonly PrivateKey[]): SignedTransaction {
  return signTransaction(nativeSecp256k1, tx, chainId, secrets);
}

export function steem(amount: bigint): Asset {
  return { amount, symbol: "STEEM" };
}

/** account_create (paying the current fee), a power-up and a liquid transfer, all from `creator`. */
export function createAccountOperations(state: ChainState, creator: string, account: TestAccount, liquid: bigint, vesting: bigint): Operation[] {
  const authority = (role: KeyRole) => createSingleKeyAuthority(account.keys[role]);
  return [
    {
      type: "account_create",
      value: {
        fee: state.props.value.account_creation_fee, creator, new_account_name: account.name, owner: authority("owner"),
        active: authority("active"), posting: authority("posting"), memo_key: account.keys.memo, json_metadata: "",
      },
    },
    { type: "transfer_to_vesting", value: { from: creator, to: account.name, amount: steem(vesting) } },
    { type: "transfer", value: { from: creator, to: account.name, amount: steem(liquid), memo: "" } },
  ];
}

export interface TestNode {
  readonly running: RunningNode;
  readonly dataDir: string;
  close(): Promise<void>;
}

/** `kettle dev --no-demo --port 0 --block-interval 1 --quiet` in a fresh temporary data directory. */
export async function startTestNode(extraArgs: readonly string[] = []): Promise<TestNode> {
  const dataDir = mkdtempSync(join(tmpdir(), "kettle-test-"));
  const config = createNodeConfig("dev", ["--no-demo", "--port", "0", "--data", dataDir, "--block-interval", "1", "--quiet", ...extraArgs]);
  const running = await runNode(config);
  return {
    running,
    dataDir,
    close: async () => {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates and funds the accounts from initminer, then closes a block so they are on chain. */
export async function createAccountsOnChain(node: RunningNode["node"], accounts: readonly TestAccount[], liquid: bigint, vesting: bigint): Promise<void> {
  for (const account of accounts) {
    const tx = createUnsignedTransaction(node.state, createAccountOperations(node.state, initMinerAccount.name, account, liquid, vesting));
    await node.submit(signWith(tx, node.options.chainId, [initMinerAccount.secrets.active]));
  }
  node.produceBlock();
}
