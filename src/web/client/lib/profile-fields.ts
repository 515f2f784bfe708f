/**
 * The public profile as the settings form edits it: the fields' limits (the index's own caps, so nothing
 * saved is cut or dropped when it is read back), the checks with a sentence per field, and the metadata
 * JSON to save — the account's existing metadata with its profile updated, every other key kept.
 */

/** The fields the form edits, under their metadata names. */
export const profileFieldNames = ["name", "about", "location", "website", "profile_image", "cover_image"] as const;
export type ProfileFieldName = (typeof profileFieldNames)[number];
export type ProfileFields = Readonly<Record<ProfileFieldName, string>>;

/** Code points each text field may hold (hivemind's `process_profile` caps, which `bridge.get_profile` applies). */
export const profileLengthMax = { name: 20, about: 160, location: 30, website: 100, profile_image: 1024, cover_image: 1024 } as const;

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

function isHttpUrl(text: string): boolean {
  if (!/^https?:\/\/[^\s/?#]+/i.test(text)) return false;
  try {
    return new URL(text).hostname !== "";
  } catch {
    return false;
  }
}

/** An image address: http(s), or a path on this site ("/D…", where uploads live). */
function isImageAddress(text: string): boolean {
  return isHttpUrl(text) || /^\/(?!\/)\S+$/.test(text);
}

/** Why each field cannot be saved (absent when it can); all fields may be empty. */
export function describeProfileProblems(fields: ProfileFields): Partial<Record<ProfileFieldName, string>> {
  const problems: Partial<Record<ProfileFieldName, string>> = {};
  for (const name of profileFieldNames) {
    const value = fields[name].trim();
    if (codePoints(value) > profileLengthMax[name]) problems[name] = `At most ${profileLengthMax[name]} characters.`;
  }
  const name = fields.name.trim();
  if (problems.name === undefined && name.startsWith("@")) problems.name = "A display name cannot start with @.";
  const website = fields.website.trim();
  if (problems.website === undefined && website !== "" && !isHttpUrl(website)) problems.website = "Enter a web address starting with https:// or http://.";
  for (const image of ["profile_image", "cover_image"] as const) {
    const value = fields[image].trim();
    if (problems[image] === undefined && value !== "" && !isImageAddress(value)) problems[image] = "Enter an image address starting with https:// (or upload one).";
  }
  return problems;
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function profileOf(metadata: Record<string, unknown> | null): Record<string, unknown> | null {
  const profile = metadata?.profile;
  return typeof profile === "object" && profile !== null && !Array.isArray(profile) ? (profile as Record<string, unknown>) : null;
}

/**
 * The posting_json_metadata to save: the existing one with `profile` replaced by the edited fields (empty
 * ones removed) over the profile readers see now — posting_json_metadata's, else json_metadata's — so
 * keys the form does not edit survive. `version: 2` is what Steemit's readers look for. Site-relative
 * image paths become absolute on `origin`, as the index keeps only http(s) addresses.
 */
export function createProfileMetadata(postingJsonMetadata: string, jsonMetadata: string, fields: ProfileFields, origin: string): string {
  const posting = parseObject(postingJsonMetadata);
  const profile: Record<string, unknown> = { ...(profileOf(posting) ?? profileOf(parseObject(jsonMetadata)) ?? {}) };
  for (const name of profileFieldNames) {
    let value = fields[name].trim();
    if ((name === "profile_image" || name === "cover_image") && value.startsWith("/")) value = `${origin}${value}`;
    if (value === "") delete profile[name];
    else profile[name] = value;
  }
  profile.version = 2;
  return JSON.stringify({ ...(posting ?? {}), profile });
}
