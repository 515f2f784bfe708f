/** Graphene's 65-byte compact signatures: recover the signer, check canonical form, and sign. */
import { concatBytes } from "../../stdx/bytes.ts";
import { sha256 } from "../crypto/hash.ts";
import type { PrivateKey, PublicKey } from "../crypto/keys.ts";
import { publicKeyFromBytes } from "../crypto/keys.ts";
import type { Secp256k1 } from "../crypto/secp256k1.ts";
import { ChainError } from "../errors.ts";

/** fc_canonical: r and s both encode to exactly 32 DER bytes (what all clients emit). */
export function isFcCanonical(signature: Uint8Array): boolean {
  return !(signature[1] & 0x80) && !(signature[1] === 0 && !(signature[2] & 0x80))
    && !(signature[33] & 0x80) && !(signature[33] === 0 && !(signature[34] & 0x80));
}

/** Recovers the public key of a 65-byte signature; recovery byte 27–34, low-S (bip_0062) required. */
export function recoverSignatureKey(secp: Secp256k1, digest: Uint8Array, signature: Uint8Array): PublicKey {
  if (signature.length !== 65) throw new ChainError("invalid_signature_format", "a signature must be 65 bytes");
  const header = signature[0];
  if (header < 27 || header >= 35) throw new ChainError("invalid_signature_format", `signature recovery byte ${header} is outside 27–34`);
  const key = secp.recover(digest, signature.subarray(1), (header - 27) & 3);
  if (key === null) throw new ChainError("signature_unrecoverable", "no public key can be recovered from the signature (or its S value is high)");
  return publicKeyFromBytes(key);
}

/** Signs a digest as dsteem does: retry with fresh RFC 6979 entropy until the signature is fc-canonical. */
export function signDigest(secp: Secp256k1, digest: Uint8Array, secret: PrivateKey): Uint8Array {
  for (let attempt = 1; attempt < 256; attempt++) {
    const entropy = sha256(concatBytes(digest, new Uint8Array([attempt])));
    const { signature, recoveryId } = secp.signRecoverable(digest, secret, entropy);
    const full = concatBytes(new Uint8Array([27 + 4 + recoveryId]), signature);
    if (isFcCanonical(full)) return full;
  }
  throw new RangeError("could not produce a canonical signature");
}
