/** What every image route shares: limits, storage, the signature checker, the account port and the work queue. */
import type { IncomingMessage } from "node:http";
import type { Secp256k1 } from "../../core/crypto/secp256k1.ts";
import type { Authority } from "../../core/protocol/authority.ts";
import type { ImageLimits } from "./image-limits.ts";
import type { ImageStore } from "./image-store.ts";
import type { RateLimiter } from "./rate-limiter.ts";
import type { WorkQueue } from "./work-queue.ts";

/** What the image service needs to know about an account. */
export interface ImageAccount {
  readonly posting: Authority;
  readonly active: Authority;
  /** The index's display reputation, e.g. 25. */
  readonly reputation: number;
  /** `profile_image` and `cover_image` from the account's profile metadata, as written there. */
  readonly profileImage?: string;
  readonly coverImage?: string;
}

export type ImageAccountOf = (name: string) => Promise<ImageAccount | null>;

export interface ImageContext {
  readonly limits: ImageLimits;
  readonly store: ImageStore;
  readonly secp: Secp256k1;
  readonly accountOf: ImageAccountOf;
  readonly blockedUploaders: ReadonlySet<string>;
  /** Prepended to the paths of uploaded images in upload answers and redirects ("" keeps them root-relative). */
  readonly publicUrl: string;
  readonly allowPrivateAddresses: boolean;
  readonly addressOf: (request: IncomingMessage) => string;
  readonly uploadsPerAccount: RateLimiter;
  readonly uploadsPerAddress: RateLimiter;
  readonly queue: WorkQueue;
  /** Aborted when the service closes, to stop remote fetches. */
  readonly closing: AbortSignal;
}
