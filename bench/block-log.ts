// Measures the block log's durable append rate (append + flush, one fdatasync per block) and its replay read
// rate, for 1 KiB and 64 KiB blocks. Run: node --import tsx bench/block-log.ts
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BlockLog } from "../src/node/block-log.ts";

const cases = [
  { label: "1 KiB", blockBytes: 1024, blocks: 5000 },
  { label: "64 KiB", blockBytes: 65536, blocks: 2000 },
];

function measure(blockBytes: number, blocks: number): { appendPerSecond: number; readPerSecond: number; openMs: number } {
  const dir = mkdtempSync(join(tmpdir(), "kettle-bench-block-log-"));
  try {
    const payload = new Uint8Array(blockBytes).map((_, i) => i & 255);
    const log = BlockLog.open(dir);
    const appendStart = process.hrtime.bigint();
    for (let n = 1; n <= blocks; n++) {
      log.append(n, payload);
      log.flush();
    }
    const appendSeconds = Number(process.hrtime.bigint() - appendStart) / 1e9;
    log.close();
    const openStart = process.hrtime.bigint();
    const reopened = BlockLog.open(dir);
    const openMs = Number(process.hrtime.bigint() - openStart) / 1e6;
    const readStart = process.hrtime.bigint();
    let read = 0;
    for (const _entry of reopened.readRange(1, blocks)) read += 1;
    const readSeconds = Number(process.hrtime.bigint() - readStart) / 1e9;
    reopened.close();
    return { appendPerSecond: blocks / appendSeconds, readPerSecond: read / readSeconds, openMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows = cases.map(({ label, blockBytes, blocks }) => {
  const result = measure(blockBytes, blocks);
  return {
    block: label,
    blocks,
    "append+flush /s": Math.round(result.appendPerSecond),
    "ms per durable block": (1000 / result.appendPerSecond).toFixed(3),
    "readRange /s": Math.round(result.readPerSecond),
    "open ms": result.openMs.toFixed(1),
  };
});
console.table(rows);
