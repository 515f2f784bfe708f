/**
 * The small interface the protocol needs from secp256k1. Node passes native libsecp256k1 (node/); the
 * browser passes the pure-JS implementation in `noble-secp256k1.ts`. Both must reject high-S signatures.
 */
export interface Secp256k1 {
  readonly name: string;
  /** Compressed 33-byte public key of a 32-byte secret; null when the secret is out of range. */
  publicKeyCreate(secret: Uint8Array): Uint8Array | null;
  /** Deterministic (RFC 6979) recoverable signature over a 32-byte digest, low-S; `extraEntropy` is 32 bytes. */
  signRecoverable(digest: Uint8Array, secret: Uint8Array, extraEntropy?: Uint8Array): { signature: Uint8Array; recoveryId: number };
  /** Recovers the compressed public key of a 64-byte r‖s signature; null when recovery fails or S is high. */
  recover(digest: Uint8Array, signature: Uint8Array, recoveryId: number): Uint8Array | null;
}
