/**
 * `GET /u/<user>/avatar[/<small|medium|large>]` and `GET /u/<user>/cover`: a redirect to the proxied
 * `profile_image` / `cover_image` of the account, or a generated default when it has none usable. Both
 * answers are cached briefly, as the profile can change.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { sha256 } from "../../core/crypto/hash.ts";
import { isValidAccountName } from "../../core/protocol/validation.ts";
import { bytesToHex, utf8Encode } from "../../stdx/bytes.ts";
import { createDefaultAvatar, createDefaultCover } from "./default-avatar.ts";
import type { ImageContext } from "./image-context.ts";
import { ImageError } from "./image-errors.ts";
import { createProxyPath, hashOfPath } from "./image-proxy.ts";
import { sendImageBytes, sendRedirect, shortCacheControl } from "./image-replies.ts";

export const avatarSizes = Object.freeze({ small: 64, medium: 128, large: 512 });
export type AvatarSize = keyof typeof avatarSizes;

/** Longest profile image URL followed; longer ones get the default picture. */
export const profileImageLengthMax = 2048;

export interface AvatarRoute {
  readonly username: string;
  readonly kind: "avatar" | "cover";
  /** Side in pixels for avatars; 0 for covers. */
  readonly size: number;
}

export function matchAvatarRoute(path: string): AvatarRoute | null {
  const segments = path.split("/").slice(1);
  if (segments[0] !== "u" || segments.length < 3 || segments.length > 4) return null;
  const [, username, kind, size] = segments;
  if (kind === "cover" && size === undefined) return { username, kind, size: 0 };
  if (kind !== "avatar") return null;
  if (size === undefined) return { username, kind, size: avatarSizes.medium };
  return Object.hasOwn(avatarSizes, size) ? { username, kind, size: avatarSizes[size as AvatarSize] } : null;
}

/** The profile's image as something the proxy can take (an http(s) URL or a `/D…` path), else null. */
export function usableProfileImage(value: string | undefined): string | null {
  const text = value?.trim() ?? "";
  if (text === "" || text.length > profileImageLengthMax) return null;
  if (text.startsWith("/") && !text.startsWith("//")) return hashOfPath(text) === null ? null : text;
  try {
    const url = new URL(text.startsWith("//") ? `https:${text}` : text);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

export async function handleAvatar(context: ImageContext, request: IncomingMessage, response: ServerResponse, route: AvatarRoute): Promise<void> {
  if (!isValidAccountName(route.username)) throw new ImageError("invalid_account_name", `"${route.username.slice(0, 20)}" is not a valid account name`);
  const account = await context.accountOf(route.username);
  const image = usableProfileImage(route.kind === "avatar" ? account?.profileImage : account?.coverImage);
  if (image !== null) {
    const query: Record<string, string | number> = route.kind === "avatar" ? { width: route.size, height: route.size, mode: "cover" } : {};
    return sendRedirect(response, context.publicUrl + createProxyPath(image, query), shortCacheControl);
  }
  // Unknown accounts get a picture too, so an <img> never breaks on a name.
  const bytes = await context.queue.run(() => (route.kind === "avatar" ? createDefaultAvatar(route.username, route.size) : createDefaultCover(route.username)));
  const etag = `"${bytesToHex(sha256(utf8Encode(`${route.kind}:${route.username}:${route.size}`))).slice(0, 32)}"`;
  sendImageBytes(request, response, bytes, { format: "png", etag, cacheControl: shortCacheControl });
}
