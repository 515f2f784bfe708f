/**
 * The registrar that sign-ups use: an account whose active key the node holds (initminer's in dev; in
 * production a configured account with its WIF in `<data>/registrar.wif`, the one private key Kettle keeps on
 * the server). It pays the creation fee and delegates Steem Power so a new account can post and vote at once.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { NodePort } from "../api/ports.ts";
import { type PrivateKey, decodeWif } from "../core/crypto/keys.ts";
import type { Secp256k1 } from "../core/crypto/secp256k1.ts";
import { createSingleKeyAuthority } from "../core/protocol/authority.ts";
import { steemToVests } from "../core/economics/vesting.ts";
import { signTransaction } from "../core/protocol/transaction.ts";
import type { NewAccountKeys, Registrar } from "../web/signup-endpoint.ts";
import { ConfigError } from "./config.ts";

/** Steem Power (in STEEM, thousandths) a new account is delegated: enough resource credits to post and vote daily. */
export const signupDelegationSteemDefault = 50_000n;

/** How long a registrar's transaction may wait for a block. */
const registrarExpirationSeconds = 60;

/** Reads the registrar's key from the data directory (production). */
export function readRegistrarKey(dataDir: string): PrivateKey {
  const path = join(dataDir, "registrar.wif");
  if (!existsSync(path)) throw new ConfigError(`sign-up is configured but ${path} does not exist: put the registrar's active WIF there`);
  const secret = decodeWif(readFileSync(path, "utf8").trim());
  if (secret === null) throw new ConfigError(`${path} does not hold a valid WIF key`);
  return secret;
}

export function createRegistrar(node: NodePort, secp: Secp256k1, name: string, secret: PrivateKey, delegationSteem = signupDelegationSteemDefault): Registrar {
  return {
    name,
    exists: async (account) => node.state.accounts.has(account),
    async createAccount(account: string, keys: NewAccountKeys) {
      const props = node.state.props.value;
      const id = props.head_block_id;
      const tx = signTransaction(secp, {
        ref_block_num: props.head_block_number & 0xffff,
        ref_block_prefix: (id[4] | (id[5] << 8) | (id[6] << 16) | (id[7] << 24)) >>> 0,
        expiration: props.time + registrarExpirationSeconds,
        operations: [
          {
            type: "account_create",
            value: {
              fee: props.account_creation_fee, creator: name, new_account_name: account, owner: createSingleKeyAuthority(keys.owner),
              active: createSingleKeyAuthority(keys.active), posting: createSingleKeyAuthority(keys.posting), memo_key: keys.memo, json_metadata: "",
            },
          },
          { type: "delegate_vesting_shares", value: { delegator: name, delegatee: account, vesting_shares: { amount: steemToVests(props, delegationSteem), symbol: "VESTS" } } },
        ],
        extensions: [],
      }, node.chainId, [secret]);
      const inclusion = await node.submit(tx).then((txId) => node.waitForInclusion(txId));
      return { block_num: inclusion.block_num };
    },
  };
}
