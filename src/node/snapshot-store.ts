/**
 * Atomic state snapshots: `snapshot-<blockNum>.bin` files holding opaque bytes (the caller's serialized state)
 * behind a header — magic "KTLSNAP1", u32 LE block number, u32 LE crc32 of the payload, u64 LE payload
 * length. Files are written to a temporary name, synced, renamed and the directory synced, so a crash leaves
 * either the whole new snapshot or none; the header still catches a file damaged some other way.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { assert } from "../stdx/assert.ts";
import { syncDirectory, writeFully } from "./file-io.ts";

/** A snapshot as read back: the block it was taken at and the caller's bytes. */
export type Snapshot = { blockNum: number; bytes: Uint8Array };

const snapshotMagic = new TextEncoder().encode("KTLSNAP1");
const snapshotHeaderBytes = 24;

/** Two, so that a newest snapshot found damaged on start still leaves one to fall back on. */
export const snapshotsKept = 2;

const snapshotNamePattern = /^snapshot-(0|[1-9]\d*)\.bin$/;
const temporaryNamePattern = /^snapshot-\d+\.bin\.tmp$/;

/**
 * Durably writes the snapshot for `blockNum` — its bytes, or consecutive parts of them produced one at
 * a time (so a large state need never be one buffer) — and prunes: it keeps this one and the newest older
 * one, and deletes the rest — including any numbered above `blockNum`, which describe blocks the chain
 * has since dropped (the caller only snapshots its head), and temporary files a crash left behind.
 */
export function writeSnapshot(dir: string, blockNum: number, payload: Uint8Array | Iterable<Uint8Array>): void {
  assert(Number.isSafeInteger(blockNum) && blockNum >= 0 && blockNum < 2 ** 32, `snapshot block number must be a u32, got ${blockNum}`);
  mkdirSync(dir, { recursive: true });
  const finalPath = join(dir, `snapshot-${blockNum}.bin`);
  const temporaryPath = `${finalPath}.tmp`;
  const fd = openSync(temporaryPath, "w", 0o644);
  try {
    let length = 0;
    let checksum = 0;
    for (const part of payload instanceof Uint8Array ? [payload] : payload) {
      writeFully(fd, part, snapshotHeaderBytes + length);
      length += part.length;
      checksum = crc32(part, checksum);
    }
    // The header goes in last, once the payload's length and checksum are known.
    writeFully(fd, encodeSnapshotHeader(blockNum, length, checksum), 0);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporaryPath, finalPath);
  syncDirectory(dir);
  pruneSnapshots(dir, blockNum);
}

/**
 * The newest snapshot that checks out (numbered at most `atMostBlockNum`, when given), skipping damaged or
 * torn files; null when there is none or the directory does not exist.
 */
export function readLatestSnapshot(dir: string, atMostBlockNum = Number.POSITIVE_INFINITY): Snapshot | null {
  for (const blockNum of listSnapshotBlockNums(dir)) {
    if (blockNum > atMostBlockNum) continue;
    const bytes = decodeSnapshot(readFileSync(join(dir, `snapshot-${blockNum}.bin`)), blockNum);
    if (bytes !== null) return { blockNum, bytes };
  }
  return null;
}

function encodeSnapshotHeader(blockNum: number, payloadLength: number, payloadCrc: number): Uint8Array {
  const header = new Uint8Array(snapshotHeaderBytes);
  const view = new DataView(header.buffer);
  header.set(snapshotMagic, 0);
  view.setUint32(8, blockNum, true);
  view.setUint32(12, payloadCrc, true);
  view.setBigUint64(16, BigInt(payloadLength), true);
  return header;
}

/** The payload of a snapshot file, or null when its header, length or checksum is wrong. */
function decodeSnapshot(file: Uint8Array, expectedBlockNum: number): Uint8Array | null {
  if (file.length < snapshotHeaderBytes) return null;
  for (let i = 0; i < snapshotMagic.length; i++) if (file[i] !== snapshotMagic[i]) return null;
  const view = new DataView(file.buffer, file.byteOffset, snapshotHeaderBytes);
  if (view.getUint32(8, true) !== expectedBlockNum) return null;
  if (view.getBigUint64(16, true) !== BigInt(file.length - snapshotHeaderBytes)) return null;
  const payload = new Uint8Array(file.buffer, file.byteOffset + snapshotHeaderBytes, file.length - snapshotHeaderBytes);
  return crc32(payload) === view.getUint32(12, true) ? payload : null;
}

/** Block numbers of the snapshot files in `dir`, newest first; empty when the directory does not exist. */
function listSnapshotBlockNums(dir: string): number[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const blockNums: number[] = [];
  for (const name of names) {
    const match = snapshotNamePattern.exec(name);
    if (match !== null) blockNums.push(Number(match[1]));
  }
  return blockNums.sort((a, b) => b - a);
}

function pruneSnapshots(dir: string, writtenBlockNum: number): void {
  const kept = listSnapshotBlockNums(dir)
    .filter((blockNum) => blockNum <= writtenBlockNum)
    .slice(0, snapshotsKept);
  for (const blockNum of listSnapshotBlockNums(dir)) {
    if (!kept.includes(blockNum)) unlinkSync(join(dir, `snapshot-${blockNum}.bin`));
  }
  for (const name of readdirSync(dir)) {
    if (temporaryNamePattern.test(name)) unlinkSync(join(dir, name));
  }
}
