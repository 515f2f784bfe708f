/** A bare chain for Steem Power unit tests: a vesting fund at a chosen price and accounts holding VESTS at full mana. */
import { createAccount, updateAccount } from "../../src/core/chain/accounts.ts";
import { createGenesisState } from "../../src/core/chain/genesis.ts";
import type { ChainState } from "../../src/core/chain/state.ts";
import { nullPublicKey } from "../../src/core/crypto/keys.ts";
import { createSingleKeyAuthority } from "../../src/core/protocol/authority.ts";

/** The chain time the state starts at (and the accounts are created at). */
export const vestingTestTime = 1_600_000_000;

/** A chain whose vesting fund holds `fund` raw STEEM for `shares` raw VESTS (fee 3.000 STEEM), with `accounts` holding VESTS at full mana. */
export function createVestingTestState(fund: bigint, shares: bigint, accounts: Record<string, bigint>): ChainState {
  const t0 = vestingTestTime;
  const state = createGenesisState({ time: t0, initPublicKey: nullPublicKey, initLiquidSteem: 0n, initVestingSteem: 0n, vestsPerSteem: 2_000_000n, accountCreationFee: 3000n });
  state.props.value = { ...state.props.value, total_vesting_fund_steem: fund, total_vesting_shares: shares };
  const auth = createSingleKeyAuthority(nullPublicKey);
  for (const [name, vests] of Object.entries(accounts)) {
    const account = createAccount(state, { name, owner: auth, active: auth, posting: auth, memo_key: nullPublicKey, json_metadata: "", recovery_account: "" }, t0);
    updateAccount(state, account, {
      vesting_shares: vests,
      voting_manabar: { current_mana: vests, last_update_time: t0 },
      downvote_manabar: { current_mana: vests / 4n, last_update_time: t0 },
    });
  }
  return state;
}
