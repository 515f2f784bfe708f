/**
 * Signing image uploads for the image service, as Steemit's imagehoster expects: a recoverable signature by
 * the posting key over sha256("ImageSigningChallenge" ‖ file bytes), sent in the upload's path.
 */
import { sha256Parts } from "../../../core/crypto/hash.ts";
import { nobleSecp256k1 } from "../../../core/crypto/noble-secp256k1.ts";
import { signDigest } from "../../../core/protocol/signature.ts";
import { bytesToHex, concatBytes, utf8Encode } from "../../../stdx/bytes.ts";
import { ClientError } from "./client-error.ts";
import { keychainSignBuffer } from "./keychain.ts";
import { readStoredSession } from "./session-store.ts";
import { getSigningKey } from "./signing-key.ts";

const imageSigningChallenge = utf8Encode("ImageSigningChallenge");

function requireUserName(): { name: string; keychain: boolean } {
  const session = readStoredSession();
  if (session === null) throw new ClientError("not_logged_in", "Log in first.");
  return { name: session.name, keychain: session.method === "keychain" };
}

/**
 * The 130-hex signature for uploading `bytes`: recovery byte (27 + 4 + recovery id), then r ‖ s. With Keychain,
 * the bytes go to it as a JSON-serialized Buffer, the form its sign-buffer call accepts for binary data.
 */
export async function signImageUpload(bytes: Uint8Array): Promise<string> {
  const user = requireUserName();
  if (user.keychain) {
    const message = JSON.stringify({ type: "Buffer", data: Array.from(concatBytes(imageSigningChallenge, bytes)) });
    return keychainSignBuffer(user.name, message, "Posting");
  }
  const secret = await getSigningKey("posting", "Uploading an image");
  return bytesToHex(signDigest(nobleSecp256k1, sha256Parts(imageSigningChallenge, bytes), secret));
}

export interface UploadImageOptions {
  /** The image service's origin, e.g. "https://images.example.com"; "" (the default) is this site. */
  readonly host?: string;
}

/** Uploads an image as the logged-in user (POST /<user>/<signature>, multipart field "file") and resolves to its URL. */
export async function uploadImage(file: Blob, options: UploadImageOptions = {}): Promise<string> {
  const user = requireUserName();
  const signature = await signImageUpload(new Uint8Array(await file.arrayBuffer()));
  const form = new FormData();
  form.append("file", file);
  const response = await fetch(`${options.host ?? ""}/${encodeURIComponent(user.name)}/${signature}`, { method: "POST", body: form });
  let answer: { url?: unknown; error?: { name?: unknown; info?: unknown } };
  try {
    answer = await response.json();
  } catch {
    throw new ClientError("http_error", `The image service answered HTTP ${response.status} without JSON.`);
  }
  if (typeof answer.url === "string" && response.ok) return answer.url;
  const why = typeof answer.error?.info === "string" ? answer.error.info : typeof answer.error?.name === "string" ? answer.error.name : `HTTP ${response.status}`;
  throw new ClientError("upload_refused", `The image was not uploaded: ${why}`, answer.error ?? null);
}
