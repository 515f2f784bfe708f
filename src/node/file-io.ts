/**
 * Positional file helpers for the node's durable stores. Node's readSync and writeSync may move fewer bytes
 * than asked (large buffers, signals), so every caller that needs "all of it" goes through these loops.
 */
import { closeSync, fsyncSync, openSync, readSync, writeSync, writevSync } from "node:fs";

/** Writes every byte of `bytes` at `position`, looping over short writes. */
export function writeFully(fd: number, bytes: Uint8Array, position: number): void {
  let written = 0;
  while (written < bytes.length) {
    written += writeSync(fd, bytes, written, bytes.length - written, position + written);
  }
}

/** Writes several buffers back to back at `position`, in one writev when the OS takes it all. */
export function writeAllFully(fd: number, parts: readonly Uint8Array[], position: number): void {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const written = writevSync(fd, parts as Uint8Array[], position);
  if (written === total) return;
  // A short write: finish part by part from where it stopped.
  let skipped = 0;
  for (const part of parts) {
    const from = Math.max(0, Math.min(part.length, written - skipped));
    if (from < part.length) writeFully(fd, part.subarray(from), position + skipped + from);
    skipped += part.length;
  }
}

/** Fills `out` from `position`, looping over short reads; returns the bytes read (fewer only at the file's end). */
export function readInto(fd: number, out: Uint8Array, position: number): number {
  let read = 0;
  while (read < out.length) {
    const n = readSync(fd, out, read, out.length - read, position + read);
    if (n === 0) break;
    read += n;
  }
  return read;
}

/** Reads up to `length` bytes at `position`; returns fewer only when the file ends first. */
export function readUpTo(fd: number, length: number, position: number): Uint8Array {
  const out = new Uint8Array(length);
  const read = readInto(fd, out, position);
  return read === length ? out : out.subarray(0, read);
}

/**
 * Makes a directory's entries (a created, renamed or deleted file) durable. A rename is only crash-safe once
 * the directory that holds it has been synced, which fsync of the file alone does not do.
 */
export function syncDirectory(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
