/**
 * Signed uploads: `POST /<username>/<signature>` signs sha256("ImageSigningChallenge" ‖ image) and
 * `POST /cs/<username>/<signature>` signs sha256("ImageSigningChallenge" ‖ sha256(image)). Every check
 * that needs no body (rate, headers, signature shape, account, reputation) runs before the body is read;
 * nothing is stored or counted against the account unless every check passes.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { isValidAccountName } from "../../core/protocol/validation.ts";
import type { ImageAccount, ImageContext } from "./image-context.ts";
import { ImageError } from "./image-errors.ts";
import { createChecksumImageDigest, createImageDigest } from "./image-hash.ts";
import { rejectUnreadRequest, sendJson } from "./image-replies.ts";
import { type ImageFormat, imageExtensions, readImageInfo } from "./image-type.ts";
import { readUploadFile, tooLarge } from "./read-upload-file.ts";
import { decodeUploadSignature, isUploadKeyAuthorized, recoverUploadKey, uploadSignatureHexPattern } from "./upload-authority.ts";

export interface UploadRoute {
  readonly username: string;
  readonly signatureHex: string;
  /** The `/cs/` variant, whose signature covers the image's sha256 rather than the image. */
  readonly checksum: boolean;
}

/** Longest file name kept in an image's URL. */
export const uploadFilenameLengthMax = 80;

/** Matches `/<username>/<signature>` and `/cs/<username>/<signature>`; a 130-hex second segment is what marks an upload. */
export function matchUploadRoute(path: string): UploadRoute | null {
  const segments = path.split("/").slice(1);
  const checksum = segments.length === 3 && segments[0] === "cs";
  if (checksum) segments.shift();
  if (segments.length !== 2 || !uploadSignatureHexPattern.test(segments[1])) return null;
  return { username: segments[0], signatureHex: segments[1], checksum };
}

export async function handleUpload(context: ImageContext, request: IncomingMessage, response: ServerResponse, route: UploadRoute): Promise<void> {
  try {
    const signature = checkUploadRequest(context, request, route);
    const account = await checkUploader(context, route.username);
    const file = await readUploadFile(request, {
      fileBytesMax: context.limits.uploadBytesMax,
      requestBytesMax: context.limits.uploadBytesMax + context.limits.multipartOverheadBytesMax,
      timeoutMs: context.limits.uploadTimeoutMs,
      signal: context.closing,
    });
    const digest = route.checksum ? createChecksumImageDigest(file.bytes) : createImageDigest(file.bytes);
    const key = recoverUploadKey(context.secp, digest, signature);
    if (!(await isUploadKeyAuthorized(key, account, context.accountOf))) {
      throw new ImageError("missing_authority", `the signing key is not in @${route.username}'s posting or active authority (sign with the posting key)`);
    }
    const info = await context.queue.run(() => readImageInfo(file.bytes, context.limits.inputPixelsMax));
    const hash = await context.store.putOriginal(file.bytes);
    context.uploadsPerAccount.record(route.username);
    sendJson(response, 200, { url: `${context.publicUrl}/${hash}/${createUploadFilename(file.filename, info.format)}` });
  } catch (error) {
    rejectUnreadRequest(request, response, error);
  }
}

/** The checks on the request line and headers; returns the decoded signature. */
function checkUploadRequest(context: ImageContext, request: IncomingMessage, route: UploadRoute): Uint8Array {
  const address = context.addressOf(request);
  const waitMs = context.uploadsPerAddress.waitMs(address);
  if (waitMs > 0) {
    throw new ImageError("rate_limited", `at most ${context.limits.uploadsPerAddressPerHourMax} uploads an hour may come from one address`, { retryAfterSeconds: waitMs / 1000 });
  }
  // Attempts count here, failed or not, because this limit guards the server's work, not an account's quota.
  context.uploadsPerAddress.record(address);
  const contentType = request.headers["content-type"] ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType)) throw new ImageError("not_multipart", "uploads must be sent as multipart/form-data");
  const lengthHeader = request.headers["content-length"];
  const requestBytesMax = context.limits.uploadBytesMax + context.limits.multipartOverheadBytesMax;
  if (lengthHeader === undefined) {
    // A body without a length must be chunked; its size is then capped while it streams.
    if (!/chunked/i.test(request.headers["transfer-encoding"] ?? "")) throw new ImageError("length_required", "the upload needs a Content-Length");
  } else if (!/^\d{1,15}$/.test(lengthHeader)) {
    throw new ImageError("length_required", "the upload's Content-Length is not a number");
  } else if (Number(lengthHeader) > requestBytesMax) {
    throw tooLarge(context.limits.uploadBytesMax);
  }
  if (!isValidAccountName(route.username)) throw new ImageError("invalid_account_name", `"${route.username.slice(0, 20)}" is not a valid account name`);
  return decodeUploadSignature(route.signatureHex);
}

/** The account checks that need no body: it exists, is not blocked, has the reputation, has quota left. */
async function checkUploader(context: ImageContext, username: string): Promise<ImageAccount> {
  const account = await context.accountOf(username);
  if (account === null) throw new ImageError("no_such_account", `there is no account @${username}`);
  if (context.blockedUploaders.has(username)) throw new ImageError("account_blacklisted", `@${username} may not upload images here`);
  if (account.reputation < context.limits.reputationMin) {
    throw new ImageError("reputation_too_low", `@${username} needs a reputation of at least ${context.limits.reputationMin} to upload images (it has ${account.reputation})`);
  }
  const waitMs = context.uploadsPerAccount.waitMs(username);
  if (waitMs > 0) {
    throw new ImageError("rate_limited", `@${username} has uploaded ${context.limits.uploadsPerWeekMax} images this week, the most allowed`, { retryAfterSeconds: waitMs / 1000 });
  }
  return account;
}

/**
 * The file name shown in an image's URL: the client's name reduced to letters, digits, dots, dashes and
 * underscores (so it sits safely in markdown and HTML), or "image.<ext>" when nothing is left.
 */
export function createUploadFilename(clientName: string, format: ImageFormat): string {
  const base = clientName.split(/[/\\]/).pop() ?? "";
  const cleaned = base
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[.-]+/, "")
    .slice(-uploadFilenameLengthMax);
  return cleaned === "" || /^[._-]*$/.test(cleaned) ? `image.${imageExtensions[format]}` : cleaned;
}
