/**
 * What the social index reads out of a post's text and metadata and out of an account's profile metadata.
 *
 * Reproduces steemit/hivemind `hive/utils/post.py` (`mentions`, `post_basic`), `hive/utils/normalize.py`
 * (`safe_img_url`, `trunc`), `hive/utils/account.py` (`safe_profile_metadata`) and `hive/server/
 * bridge_api/objects.py` (`truncate_body`), with openhive-network/hivemind's versions of the same rules
 * (`hive/utils/account.py`, `hive/db/sql_scripts/hive_post_operations.sql` `prepare_tags`,
 * `massive_sync.sql`, `postgrest/utilities/extract_profile_metadata.sql`).
 *
 * Where the forks differ, and what we chose:
 * - mentions: Steemit's pattern (3–16 characters). Hive's SQL pattern matches 2–17 characters and may
 *   start with `.` or `-`, but only names of existing accounts count, which are 3–16 characters starting
 *   with a letter, so the accounts found agree.
 * - tags: Steemit keeps the category first and at most 5 tags, stripping `#` and spaces only at the ends;
 *   Hive keeps every tag and removes `#` and whitespace anywhere. We take Steemit's order and cap of 5
 *   with Hive's cleaning (a tag "my tag" becomes "mytag" rather than a tag with a space in it).
 *   Non-string tags: Python's `str()` and PostgreSQL's JSON text disagree on everything except integers
 *   and booleans, so only strings, integers and booleans count.
 * - profile: posting_json_metadata's `profile` wins whenever it is an object (Hive); Steemit also
 *   demands `"version": 2` in it. Fields are cleaned as both forks' Python does (`process_profile`).
 *   Non-string values other than integers are ignored (Python prints `None`/`True` where Hive's SQL
 *   gives nothing/`true`), and a NUL
 *   drops any field, including website and images (Python checks only the text fields).
 * - json_metadata: parsed like Python's lenient `ujson`: raw control characters inside strings are
 *   tolerated.
 * Lengths count code points, as Python's `len` and PostgreSQL's `LENGTH` do.
 */
import { assert } from "../../stdx/assert.ts";

/** Characters Python's `str.strip()` removes (those for which `str.isspace()` is true). */
const pythonWhitespace = "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";

/** Number of code points in `text` (Python's `len`). */
export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** The first `count` code points of `text` (Python's `text[0:count]`), never splitting a surrogate pair. */
export function sliceCodePoints(text: string, count: number): string {
  let index = 0;
  let taken = 0;
  while (index < text.length && taken < count) {
    const code = text.charCodeAt(index);
    index += code >= 0xd800 && code <= 0xdbff && index + 1 < text.length ? 2 : 1;
    taken += 1;
  }
  return text.slice(0, index);
}

/** Python's `str.strip()` with no argument. */
export function stripPythonWhitespace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && pythonWhitespace.includes(text[start])) start += 1;
  while (end > start && pythonWhitespace.includes(text[end - 1])) end -= 1;
  return text.slice(start, end);
}

// ---------------------------------------------------------------------------------------------- mentions

/**
 * `@name` not preceded by a letter, digit or any of `_!#$%&*@/`; the name starts and ends with a letter
 * or digit, has 3–16 characters of letters, digits, `-` and `.`, and is not directly followed by a lower-case
 * letter (so a 17-letter run names nobody).
 */
const mentionPattern = /(?:^|[^a-zA-Z0-9_!#$%&*@/])@([a-zA-Z0-9][a-zA-Z0-9.-]{1,14}[a-zA-Z0-9])(?![a-z])/g;

/**
 * Account names @-mentioned in a post body (steemit/hivemind `hive/utils/post.py` `mentions`), lower-cased,
 * each once, in order of first appearance. hivemind then keeps only names of existing accounts, other
 * than the author and the parent author; that check is the caller's.
 */
export function extractMentions(body: string): string[] {
  const names = new Set<string>();
  for (const match of body.matchAll(mentionPattern)) names.add(match[1].toLowerCase());
  return [...names];
}

// -------------------------------------------------------------------------------------------- json_metadata

/**
 * A post's or account's json_metadata text as an object (steemit/hivemind `post_basic`, `load_json_key`):
 * anything that does not parse, or parses to something other than a plain object (array, string, number,
 * null), gives `{}`. Never throws. Raw control characters inside JSON strings, which `JSON.parse`
 * refuses and Python's ujson accepts, are escaped and the text parsed again.
 */
export function parseJsonMetadata(text: string): Record<string, unknown> {
  if (typeof text !== "string" || text.length === 0) return {};
  const parsed = parseJsonLeniently(text);
  return isPlainObject(parsed) ? parsed : {};
}

function parseJsonLeniently(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      return JSON.parse(escapeControlCharactersInStrings(text));
    } catch {
      return undefined;
    }
  }
}

/** Rewrites U+0000–U+001F inside JSON string literals as `\u00XX`; everything else is kept. */
function escapeControlCharactersInStrings(text: string): string {
  let out = "";
  let inString = false;
  let escaped = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    const code = text.charCodeAt(index);
    if (inString && !escaped && code < 0x20) {
      out += `\\u${code.toString(16).padStart(4, "0")}`;
      continue;
    }
    if (escaped) escaped = false;
    else if (inString && character === "\\") escaped = true;
    else if (character === '"') inString = !inString;
    out += character;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// ------------------------------------------------------------------------------------------------------ tags

/** Tags a post is listed under, category included (Steemit's cap). */
export const postTagsMax = 5;
/** Longest tag kept, in code points; longer ones are cut (both forks). */
export const tagLengthMax = 32;

/**
 * The tags a root post is filed under (steemit/hivemind `post_basic`; Hive `prepare_tags`): the category,
 * then `json_metadata.tags` when it is an array; each one with `#` and whitespace removed, lower-cased,
 * cut to 32 code points; empty and repeated tags dropped; at most 5. Strings, integers and booleans count
 * as tags, other values are skipped. `jsonMetadata` is the parsed object (a string is parsed first).
 * A post is NSFW when its tags include `nsfw`. Only root posts have tags; comments inherit nothing.
 */
export function postTags(jsonMetadata: unknown, category: string): string[] {
  const metadata = typeof jsonMetadata === "string" ? parseJsonMetadata(jsonMetadata) : jsonMetadata;
  const listed = isPlainObject(metadata) && Array.isArray(metadata.tags) ? metadata.tags : [];
  const tags: string[] = [];
  for (const candidate of [category, ...listed]) {
    const tag = cleanTag(candidate);
    if (tag === null || tags.includes(tag)) continue;
    tags.push(tag);
    if (tags.length === postTagsMax) break;
  }
  return tags;
}

function cleanTag(value: unknown): string | null {
  let text: string;
  if (typeof value === "string") text = value;
  else if (typeof value === "boolean" || (typeof value === "number" && Number.isSafeInteger(value))) text = String(value);
  else return null;
  const tag = sliceCodePoints(text.replace(/[#\s]/g, "").toLowerCase(), tagLengthMax);
  return tag === "" ? null : tag;
}

// ---------------------------------------------------------------------------------------------------- images

/** Longest image URL kept, exclusive (steemit/hivemind `safe_img_url`'s `max_size`). */
export const imageUrlLengthLimit = 1024;

/**
 * A post's image list as hivemind cleans `json_metadata.image` (steemit/hivemind `post_basic` with
 * `safe_img_url`): a single value becomes a list; each entry must be a string shorter than 1024 characters
 * starting with `http`, and is kept with surrounding whitespace stripped. The first is the thumbnail.
 */
export function postImageUrls(jsonMetadata: unknown): string[] {
  if (!isPlainObject(jsonMetadata) || !jsonMetadata.image) return [];
  const listed = Array.isArray(jsonMetadata.image) ? jsonMetadata.image : [jsonMetadata.image];
  const urls: string[] = [];
  for (const url of listed) {
    if (typeof url !== "string" || codePointLength(url) >= imageUrlLengthLimit || !url.startsWith("http")) continue;
    const stripped = stripPythonWhitespace(url);
    if (stripped !== "") urls.push(stripped);
  }
  return urls;
}

// ------------------------------------------------------------------------------------------------------ body

/** Code points of body kept in the stored preview (steemit/hivemind `post_basic`). */
export const bodyPreviewLength = 1024;

/** A body with each NUL replaced by `[NUL]`, as steemit/hivemind stores it (PostgreSQL text cannot hold NUL). */
export function replaceNulCharacters(body: string): string {
  return body.includes("\0") ? body.replaceAll("\0", "[NUL]") : body;
}

/**
 * A body cut for `truncate_body` (steemit/hivemind `bridge_api/objects.py`; Hive `left(body, n)`): the
 * first `length` code points, or the whole body when `length` is 0.
 */
export function truncateBody(body: string, length: number): string {
  assert(Number.isSafeInteger(length) && length >= 0, "truncate_body must be a whole number ≥ 0");
  return length === 0 ? body : sliceCodePoints(body, length);
}

/** The stored preview of a body: NULs replaced, then the first 1024 code points (steemit/hivemind `post_basic`). */
export function bodyPreview(body: string): string {
  return sliceCodePoints(replaceNulCharacters(body), bodyPreviewLength);
}

// --------------------------------------------------------------------------------------------------- profile

/** `metadata.profile` of `bridge.get_profile`: every field present, '' when missing or refused. */
export interface Profile {
  readonly name: string;
  readonly about: string;
  readonly location: string;
  readonly website: string;
  readonly profile_image: string;
  readonly cover_image: string;
  readonly blacklist_description: string;
  readonly muted_list_description: string;
}

/** Caps from hivemind `process_profile`; a longer text keeps `cap − 3` code points plus `...`. */
export const profileTextLengthMax = { name: 20, about: 160, location: 30, blacklist_description: 256, muted_list_description: 256 } as const;
/** A longer website is dropped, not cut. */
export const profileWebsiteLengthMax = 100;
/** A longer profile or cover image URL is dropped. */
export const profileImageUrlLengthMax = 1024;

/**
 * The sanitised profile of `bridge.get_profile` (hivemind `hive/utils/account.py` `safe_profile_metadata`,
 * `process_profile`). The profile object is `posting_json_metadata.profile` when that is an object, else
 * `json_metadata.profile`, else empty. Then: name, about, location and the two list descriptions are
 * stripped and capped (see `profileTextLengthMax`), and a name starting with `@` is refused; a website
 * longer than 100 is refused and one without `http://`/`https://` gets `http://` in front; profile and
 * cover images must start with `http://` or `https://` and be at most 1024 long.
 */
export function normalizeProfile(jsonMetadata: string, postingJsonMetadata: string): Profile {
  const source = profileObject(postingJsonMetadata) ?? profileObject(jsonMetadata) ?? {};
  const name = cappedText(source, "name");
  return {
    name: name.startsWith("@") ? "" : name,
    about: cappedText(source, "about"),
    location: cappedText(source, "location"),
    website: website(profileValue(source, "website")),
    profile_image: imageUrl(profileValue(source, "profile_image")),
    cover_image: imageUrl(profileValue(source, "cover_image")),
    blacklist_description: cappedText(source, "blacklist_description"),
    muted_list_description: cappedText(source, "muted_list_description"),
  };
}

function profileObject(text: string): Record<string, unknown> | null {
  const profile = parseJsonMetadata(text).profile;
  return isPlainObject(profile) ? profile : null;
}

/** A profile field as text: strings, and integers as digits; absent, other types and NUL-bearing text → ''. */
function profileValue(profile: Record<string, unknown>, key: string): string {
  if (!Object.hasOwn(profile, key)) return "";
  const value = profile[key];
  const text = typeof value === "string" ? value : typeof value === "number" && Number.isSafeInteger(value) ? String(value) : "";
  return text.includes("\0") ? "" : text;
}

/** hivemind `normalize.trunc`: strip, then if longer than the cap keep `cap − 3` code points and add `...`. */
function cappedText(profile: Record<string, unknown>, key: keyof typeof profileTextLengthMax): string {
  const text = stripPythonWhitespace(profileValue(profile, key));
  const cap = profileTextLengthMax[key];
  return codePointLength(text) > cap ? `${sliceCodePoints(text, cap - 3)}...` : text;
}

function website(text: string): string {
  if (text === "" || codePointLength(text) > profileWebsiteLengthMax) return "";
  return hasHttpScheme(text) ? text : `http://${text}`;
}

function imageUrl(text: string): string {
  return hasHttpScheme(text) && codePointLength(text) <= profileImageUrlLengthMax ? text : "";
}

function hasHttpScheme(url: string): boolean {
  return url.startsWith("http://") || url.startsWith("https://");
}
