/** Pure-JavaScript secp256k1 (noble-curves), for the browser and as a cross-check in tests. */
import { secp256k1 } from "@noble/curves/secp256k1.js";
import type { Secp256k1 } from "./secp256k1.ts";

const halfOrder = secp256k1.Point.CURVE().n >> 1n;

function readScalar(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

export const nobleSecp256k1: Secp256k1 = {
  name: "noble-curves",
  publicKeyCreate(secret) {
    if (!secp256k1.utils.isValidSecretKey(secret)) return null;
    return secp256k1.getPublicKey(secret, true);
  },
  signRecoverable(digest, secret, extraEntropy) {
    const sig = secp256k1.sign(digest, secret, { prehash: false, lowS: true, format: "recovered", extraEntropy: extraEntropy ?? false });
    return { signature: sig.slice(1), recoveryId: sig[0] };
  },
  recover(digest, signature, recoveryId) {
    if (signature.length !== 64 || recoveryId < 0 || recoveryId > 3) return null;
    if (readScalar(signature.subarray(32)) > halfOrder) return null;
    try {
      const full = new Uint8Array(65);
      full[0] = recoveryId;
      full.set(signature, 1);
      return secp256k1.recoverPublicKey(full, digest, { prehash: false });
    } catch {
      return null;
    }
  },
};
