/** The chain's genesis, written once into the data directory so every restart and replay starts from the same state. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Genesis } from "../core/chain/genesis.ts";
import { type PublicKey, formatPublicKey, parsePublicKey } from "../core/crypto/keys.ts";
import { ConfigError } from "./config.ts";

export interface GenesisFile {
  readonly genesis: Genesis;
  readonly chainIdHex: string;
  readonly blockIntervalSeconds: number;
}

export const addressPrefix = "STM";

/**
 * Dev-chain economics: 1,000,000 STEEM liquid and 1,000,000 STEEM of Steem Power for initminer at 2,000
 * VESTS per STEEM; a reward fund as Steem's was after HF21 (850,000 STEEM against recent_claims reset to
 * 503,600,561,838,938,636), so votes earn what they earned on Steemit; a feed of 0.250 SBD per STEEM; SBD
 * interest at the protocol default of 10 %.
 */
export function createDefaultGenesis(time: number, initPublicKey: PublicKey, maximumBlockSize: number): Genesis {
  return {
    time,
    initPublicKey,
    initLiquidSteem: 1_000_000_000n,
    initVestingSteem: 1_000_000_000n,
    vestsPerSteem: 2_000_000n,
    accountCreationFee: 3_000n,
    maximumBlockSize,
    rewardFundSteem: 850_000_000n,
    recentClaims: 503_600_561_838_938_636n,
    initialPrice: { sbd: 250n, steem: 1_000n },
    sbdInterestRate: 1000,
  };
}

export function readGenesisFile(dataDir: string): GenesisFile | null {
  const path = join(dataDir, "genesis.json");
  if (!existsSync(path)) return null;
  const json = JSON.parse(readFileSync(path, "utf8"));
  const initPublicKey = parsePublicKey(json.initPublicKey, addressPrefix);
  if (initPublicKey === null) throw new ConfigError(`${path}: initPublicKey is not a public key`);
  return {
    chainIdHex: json.chainId,
    blockIntervalSeconds: json.blockIntervalSeconds,
    genesis: {
      time: json.time, initPublicKey, initLiquidSteem: BigInt(json.initLiquidSteem), initVestingSteem: BigInt(json.initVestingSteem),
      vestsPerSteem: BigInt(json.vestsPerSteem), accountCreationFee: BigInt(json.accountCreationFee), maximumBlockSize: json.maximumBlockSize,
      rewardFundSteem: json.rewardFundSteem === undefined ? undefined : BigInt(json.rewardFundSteem),
      recentClaims: json.recentClaims === undefined ? undefined : BigInt(json.recentClaims),
      initialPrice: json.initialPrice === undefined ? undefined : { sbd: BigInt(json.initialPrice.sbd), steem: BigInt(json.initialPrice.steem) },
      sbdInterestRate: json.sbdInterestRate,
    },
  };
}

export function writeGenesisFile(dataDir: string, file: GenesisFile): void {
  mkdirSync(dataDir, { recursive: true });
  const g = file.genesis;
  const json = {
    chainId: file.chainIdHex, blockIntervalSeconds: file.blockIntervalSeconds, time: g.time,
    initPublicKey: formatPublicKey(g.initPublicKey, addressPrefix), initLiquidSteem: String(g.initLiquidSteem),
    initVestingSteem: String(g.initVestingSteem), vestsPerSteem: String(g.vestsPerSteem), accountCreationFee: String(g.accountCreationFee),
    maximumBlockSize: g.maximumBlockSize,
    rewardFundSteem: g.rewardFundSteem === undefined ? undefined : String(g.rewardFundSteem),
    recentClaims: g.recentClaims === undefined ? undefined : String(g.recentClaims),
    initialPrice: g.initialPrice === undefined ? undefined : { sbd: String(g.initialPrice.sbd), steem: String(g.initialPrice.steem) },
    sbdInterestRate: g.sbdInterestRate,
  };
  writeFileSync(join(dataDir, "genesis.json"), `${JSON.stringify(json, null, 2)}\n`);
}
