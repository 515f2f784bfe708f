/**
 * firstImage: the thumbnail of a post card. The author's choice in json_metadata wins; otherwise the first
 * image in the body.
 */
import { renderPostBody } from "./render-post-body.ts";
import { parseSafeUrl } from "./safe-url.ts";

/**
 * The card image of a post: `json_metadata.image[0]` (a list, or a single string as some clients wrote it) when
 * it is an http(s) URL or a site-relative path, else the first image in the body, else null. The result is in
 * the same safe canonical form as RenderedBody.images.
 */
export function firstImage(body: string, jsonMetadataImages?: unknown): string | null {
  const listed = Array.isArray(jsonMetadataImages) ? jsonMetadataImages[0] : jsonMetadataImages;
  if (typeof listed === "string") {
    const trimmed = listed.trim();
    // Only the forms an author would write: an absolute http(s) URL or a path on this site.
    if (/^https?:\/\//i.test(trimmed) || /^\/(?![/\\])/.test(trimmed)) {
      const url = parseSafeUrl(trimmed);
      if (url !== null) return url.href;
    }
  }
  return renderPostBody(body).images[0] ?? null;
}
