/**
 * secp256k1 backed by libsecp256k1 through the `secp256k1` package's native addon: about 25× faster than
 * the pure-JS implementation the browser uses (reference/limits.md §1).
 *
 * The package's own entry point silently falls back to `elliptic` (pure JS, 30× slower) when the addon
 * fails to load. We load `secp256k1/bindings` ourselves so that failure is recorded rather than hidden;
 * the fallback is kept only so tools still run, and `assertNativeSecp256k1Loaded()` turns it into a
 * start-up error for the node.
 */
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import type { Secp256k1 } from "../core/crypto/secp256k1.ts";
import { hexToBytes } from "../stdx/bytes.ts";

/** The subset of the `secp256k1` v5 package API we call. */
interface Secp256k1Package {
  contextRandomize(seed: Uint8Array | null): void;
  publicKeyCreate(secret: Uint8Array, compressed?: boolean): Uint8Array;
  ecdsaSign(digest: Uint8Array, secret: Uint8Array, options?: { data?: Uint8Array }): { signature: Uint8Array; recid: number };
  ecdsaRecover(signature: Uint8Array, recoveryId: number, digest: Uint8Array, compressed?: boolean): Uint8Array;
}

const require = createRequire(import.meta.url);

function loadPackage(): { library: Secp256k1Package; nativeError: Error | null } {
  try {
    const library = require("secp256k1/bindings") as Secp256k1Package;
    // Blinds the signing context against timing side channels; signatures stay RFC 6979 deterministic.
    library.contextRandomize(randomBytes(32));
    return { library, nativeError: null };
  } catch (error) {
    const library = require("secp256k1/elliptic") as Secp256k1Package;
    return { library, nativeError: error instanceof Error ? error : new Error(String(error)) };
  }
}

const { library, nativeError } = loadPackage();

/** n/2 for secp256k1, big-endian: a signature whose S exceeds it is the malleated (high-S) twin. */
const halfOrder = hexToBytes("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0");

/** True when the 32 bytes of S at `signature[32..64]` are greater than n/2. */
function isHighS(signature: Uint8Array): boolean {
  for (let i = 0; i < 32; i++) {
    const byte = signature[32 + i];
    if (byte !== halfOrder[i]) return byte > halfOrder[i];
  }
  return false;
}

/**
 * The `Secp256k1` the node uses: native libsecp256k1 (or, if its addon failed to load, the package's
 * `elliptic` fallback; `name` says which). Rejects high-S signatures in `recover`, which libsecp256k1's
 * recovery alone would accept, and returns null instead of throwing on any bad input.
 */
export const nativeSecp256k1: Secp256k1 = {
  name: nativeError === null ? "libsecp256k1" : "elliptic (secp256k1 package fallback)",
  publicKeyCreate(secret) {
    try {
      return library.publicKeyCreate(secret, true);
    } catch {
      return null;
    }
  },
  signRecoverable(digest, secret, extraEntropy) {
    const { signature, recid } = library.ecdsaSign(digest, secret, extraEntropy === undefined ? {} : { data: extraEntropy });
    return { signature, recoveryId: recid };
  },
  recover(digest, signature, recoveryId) {
    if (signature.length !== 64 || isHighS(signature)) return null;
    try {
      return library.ecdsaRecover(signature, recoveryId, digest, true);
    } catch {
      return null;
    }
  },
};

/** True when `nativeSecp256k1` runs on the native addon rather than the pure-JS fallback. */
export function isNativeSecp256k1Loaded(): boolean {
  return nativeError === null;
}

/**
 * Throws unless `nativeSecp256k1` runs on the native libsecp256k1 addon. Call it at start-up: the
 * fallback verifies about 30× more slowly, which would quietly cap ingest far below the design.
 */
export function assertNativeSecp256k1Loaded(): void {
  if (nativeError === null) return;
  throw new Error(
    `the native libsecp256k1 addon of the 'secp256k1' package failed to load (${nativeError.message}); `
      + "signature checks would fall back to pure JavaScript, about 30× slower. Reinstall the package "
      + "(npm rebuild secp256k1) on a platform with a prebuilt binary or a C++ toolchain.",
    { cause: nativeError },
  );
}
