/**
 * Shared by the image service's tests (not used by the service): a real HTTP server around a service with
 * a temporary data directory, accounts with generated keys, signing as condenser does, and test images.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { sha256 } from "../../core/crypto/hash.ts";
import { type PrivateKey, type PublicKey, getPublicKey } from "../../core/crypto/keys.ts";
import { nobleSecp256k1 } from "../../core/crypto/noble-secp256k1.ts";
import { type Authority, createSingleKeyAuthority } from "../../core/protocol/authority.ts";
import { bytesToHex, concatBytes, utf8Encode } from "../../stdx/bytes.ts";
import { createChecksumImageDigest, createImageDigest } from "./image-hash.ts";
import { type ImageAccount, type ImageService, type ImageServiceOptions, createImageService } from "./image-service.ts";

export function secretOf(seed: string): PrivateKey {
  return sha256(utf8Encode(seed));
}

export function publicKeyOf(seed: string): PublicKey {
  return getPublicKey(nobleSecp256k1, secretOf(seed));
}

/** Hex of recovery byte (27 + 4 + recovery id) ‖ r ‖ s over the upload digest, as dsteem's `Signature.toString()`. */
export function signUpload(bytes: Uint8Array, seed: string, checksum = false): string {
  const digest = checksum ? createChecksumImageDigest(bytes) : createImageDigest(bytes);
  const { signature, recoveryId } = nobleSecp256k1.signRecoverable(digest, secretOf(seed));
  return bytesToHex(concatBytes(new Uint8Array([27 + 4 + recoveryId]), signature));
}

function account(posting: Authority, active: Authority, reputation: number, extra: Partial<ImageAccount> = {}): ImageAccount {
  return { posting, active, reputation, ...extra };
}

/** alice (reputation 25), newbie (reputation 5), and shared, whose posting authority is alice's account. */
export function createTestAccounts(extra: Record<string, Partial<ImageAccount>> = {}): Map<string, ImageAccount> {
  const accounts = new Map<string, ImageAccount>();
  accounts.set("alice", account(createSingleKeyAuthority(publicKeyOf("alice-posting")), createSingleKeyAuthority(publicKeyOf("alice-active")), 25, extra.alice));
  accounts.set("newbie", account(createSingleKeyAuthority(publicKeyOf("newbie-posting")), createSingleKeyAuthority(publicKeyOf("newbie-active")), 5, extra.newbie));
  const delegated: Authority = { weight_threshold: 1, account_auths: [["alice", 1]], key_auths: [[publicKeyOf("shared-posting"), 1]] };
  accounts.set("shared", account(delegated, createSingleKeyAuthority(publicKeyOf("shared-active")), 30, extra.shared));
  return accounts;
}

export interface ImageTestServer {
  readonly url: string;
  readonly dataDir: string;
  readonly service: ImageService;
  readonly accounts: Map<string, ImageAccount>;
  close(): Promise<void>;
}

export async function startImageTestServer(options: Partial<ImageServiceOptions> = {}, accounts = createTestAccounts()): Promise<ImageTestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "kettle-images-"));
  const service = createImageService({ dataDir, secp: nobleSecp256k1, accountOf: async (name) => accounts.get(name) ?? null, ...options });
  const server = createServer((request, response) => {
    if (!service.handle(request, response)) response.writeHead(404, { "content-type": "text/plain" }).end("site");
  });
  const url = await listen(server);
  return {
    url,
    dataDir,
    service,
    accounts,
    async close() {
      await service.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Listens on 127.0.0.1 on a free port and returns the base URL. */
export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export function createJpeg(width = 800, height = 600, background = "#cc3333"): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background } }).jpeg().toBuffer();
}

export function createPng(width = 320, height = 200, background = "#3366cc"): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background } }).png().toBuffer();
}

/** An animated GIF of `frames` frames of different colours. */
export function createAnimatedGif(width = 40, height = 30, frames = 3): Promise<Buffer> {
  const frameBytes = width * height * 3;
  const pixels = Buffer.alloc(frameBytes * frames);
  for (let frame = 0; frame < frames; frame++) pixels.fill(frame * 80, frame * frameBytes, (frame + 1) * frameBytes);
  return sharp(pixels, { raw: { width, height: height * frames, channels: 3, pageHeight: height } })
    .gif({ delay: new Array(frames).fill(100) })
    .toBuffer();
}

/** POSTs `bytes` as the first file of a multipart form. */
export function postImage(baseUrl: string, path: string, bytes: Uint8Array, filename = "photo.jpg", type = "image/jpeg"): Promise<Response> {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)], { type }), filename);
  return fetch(baseUrl + path, { method: "POST", body: form });
}

export async function errorNameOf(response: Response): Promise<string> {
  const body = (await response.json()) as { error?: { name?: string } };
  return body.error?.name ?? "(no error)";
}
