/** `kettle replay`: rebuild state from genesis and the block log alone, and print the state hash. */
import { resolve } from "node:path";
import { applyBlock } from "../core/chain/apply-block.ts";
import { createGenesisState } from "../core/chain/genesis.ts";
import { getStateHash } from "../core/chain/state-snapshot.ts";
import { decode } from "../core/encoding/codec.ts";
import { signedBlockSchema } from "../core/protocol/block.ts";
import { hexToBytes } from "../stdx/bytes.ts";
import { BlockLog } from "../node/block-log.ts";
import { ConfigError, parseFlags } from "./config.ts";
import { readGenesisFile } from "./genesis-file.ts";

export interface ReplayResult {
  readonly headBlockNum: number;
  readonly stateHash: string;
}

/** Replays every block in `dataDir` from genesis (trusting the log's signatures, as steemd's replay does). */
export function replayDataDir(dataDir: string): ReplayResult {
  const genesisFile = readGenesisFile(dataDir);
  if (genesisFile === null) throw new ConfigError(`${dataDir} has no genesis.json: nothing to replay`);
  const state = createGenesisState(genesisFile.genesis);
  const log = BlockLog.open(dataDir);
  try {
    for (const { bytes } of log.readRange(1, log.head)) {
      applyBlock(state, decode(signedBlockSchema, bytes), { chainId: hexToBytes(genesisFile.chainIdHex), blockIntervalSeconds: genesisFile.blockIntervalSeconds });
    }
  } finally {
    log.close();
  }
  return { headBlockNum: state.props.value.head_block_number, stateHash: getStateHash(state) };
}

export function runReplayCommand(args: readonly string[]): number {
  const flags = parseFlags(args);
  const data = flags.get("data");
  const dataDir = resolve(typeof data === "string" ? data : "data/dev");
  const started = performance.now();
  const result = replayDataDir(dataDir);
  console.log(`replayed ${result.headBlockNum} blocks in ${Math.round(performance.now() - started)} ms`);
  console.log(`state hash ${result.stateHash}`);
  return 0;
}
