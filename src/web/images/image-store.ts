/**
 * Images on disk: uploaded originals named by their content hash under `<dataDir>/images/<shard>/`, and
 * proxy results named by the hash of their request under `<dataDir>/images/cache/<shard>/`. Every write
 * goes to a temporary file that is then renamed, so a reader never sees half an image and a crash leaves
 * at worst a stray temporary file.
 */
import { randomBytes } from "node:crypto";
import { type FileHandle, mkdir, open, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createImageHash, isImageHash } from "./image-hash.ts";
import { type ImageFormat, imageSniffBytes, sniffImageFormat } from "./image-type.ts";

export const imageFileMode = 0o644;
export const imageDirectoryMode = 0o755;

/** A cache key: 64 lower-case hex characters (a sha256). */
const cacheKeyPattern = /^[0-9a-f]{64}$/;

/** An opened stored image, ready to stream; the caller must close `handle`. */
export interface OpenedImage {
  readonly handle: FileHandle;
  readonly format: ImageFormat;
  readonly bytesLength: number;
}

export interface ImageStore {
  /** Stores an original (once: the same bytes always land in the same file) and returns its hash. */
  putOriginal(bytes: Uint8Array): Promise<string>;
  readOriginal(hash: string): Promise<Uint8Array | null>;
  openOriginal(hash: string): Promise<OpenedImage | null>;
  putCached(key: string, bytes: Uint8Array): Promise<void>;
  openCached(key: string): Promise<OpenedImage | null>;
  /** The file a cache key maps to (tests check it exists). */
  cachedPath(key: string): string;
}

export function createImageStore(imagesDir: string): ImageStore {
  const cacheDir = join(imagesDir, "cache");
  // Originals shard on the hash's last two characters: its first three are always "DQm".
  const originalPath = (hash: string): string => {
    if (!isImageHash(hash)) throw new RangeError(`not an image hash: ${hash.slice(0, 80)}`);
    return join(imagesDir, hash.slice(-2), hash);
  };
  const cachedPath = (key: string): string => {
    if (!cacheKeyPattern.test(key)) throw new RangeError(`not a cache key: ${key.slice(0, 80)}`);
    return join(cacheDir, key.slice(0, 2), key);
  };
  return {
    async putOriginal(bytes) {
      const hash = createImageHash(bytes);
      await writeFileAtomic(originalPath(hash), bytes, { overwrite: false });
      return hash;
    },
    async readOriginal(hash) {
      const opened = await openImage(originalPath(hash));
      if (opened === null) return null;
      try {
        return await opened.handle.readFile();
      } finally {
        await opened.handle.close();
      }
    },
    openOriginal: (hash) => openImage(originalPath(hash)),
    putCached: (key, bytes) => writeFileAtomic(cachedPath(key), bytes, { overwrite: true }),
    openCached: (key) => openImage(cachedPath(key)),
    cachedPath,
  };
}

/** Opens an image file and sniffs its format; null when it does not exist (or is not an image at all). */
async function openImage(path: string): Promise<OpenedImage | null> {
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  try {
    const head = new Uint8Array(imageSniffBytes);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const format = sniffImageFormat(head.subarray(0, bytesRead));
    const { size } = await handle.stat();
    if (format === null) {
      await handle.close();
      return null;
    }
    return { handle, format, bytesLength: size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * Writes `bytes` to `path` through a temporary file and a rename, creating directories as needed. With
 * `overwrite: false` an existing file is kept (content-addressed files never change).
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array, options: { overwrite: boolean }): Promise<void> {
  if (!options.overwrite) {
    const existing = await openImage(path).catch(() => null);
    if (existing !== null) {
      await existing.handle.close();
      return;
    }
  }
  await mkdir(join(path, ".."), { recursive: true, mode: imageDirectoryMode });
  const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    await writeFile(temporary, bytes, { mode: imageFileMode, flag: "wx" });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
