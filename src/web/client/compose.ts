/**
 * Building the operations of a post, a reply or an edit: the comment (its body sent as a diff-match-patch
 * patch when that is smaller than the new body, as condenser does), json_metadata (tags, images, mentions,
 * app, format), and comment_options for a payout choice or beneficiaries. Also permlinks, and the check that
 * a draft does not contain a private key or a master password.
 */
import DiffMatchPatch from "diff-match-patch";
import type { WireOperation } from "./lib/transaction.ts";

export type PayoutChoice = "50" | "100" | "0";

export interface Beneficiary {
  readonly account: string;
  readonly weight: number;
}

export interface CommentDraft {
  readonly author: string;
  readonly permlink: string;
  readonly parentAuthor: string;
  readonly parentPermlink: string;
  readonly title: string;
  readonly body: string;
  readonly tags: readonly string[];
  /** The body already on chain, when editing. */
  readonly previousBody?: string;
  /** Metadata to keep when editing (fields the editor does not manage). */
  readonly previousMetadata?: Record<string, unknown>;
  /** Only for new posts: options cannot change once a post has votes. */
  readonly payout?: PayoutChoice;
  readonly beneficiaries?: readonly Beneficiary[];
}

/** Tags a post may have (Steem's front ends' limit); the first is its category. */
export const tagsMax = 5;

/** A permlink from a title: lowercase words joined by dashes, plus a base-36 time suffix so it is new. */
export function createPermlink(title: string, now = Date.now()): string {
  const slug = title.toLowerCase().normalize("NFKD").replace(/[^a-z0-9\s-]/g, "").trim().replace(/[\s-]+/g, "-").slice(0, 200).replace(/^-|-$/g, "");
  const suffix = now.toString(36);
  return slug === "" ? `post-${suffix}` : `${slug}-${suffix}`;
}

/** A reply's permlink, as condenser makes them: "re-<parent author>-<parent permlink>-<time>". */
export function createReplyPermlink(parentAuthor: string, parentPermlink: string, now = Date.now()): string {
  const base = `re-${parentAuthor.replace(/\./g, "")}-${parentPermlink}`.slice(0, 230);
  return `${base}-${now.toString(36)}`.toLowerCase().replace(/[^a-z0-9-]/g, "");
}

/** Tags from a free-text field: lowercase, split on spaces and commas, "#" dropped, de-duplicated. */
export function parseTags(text: string): string[] {
  return [...new Set(text.toLowerCase().split(/[\s,]+/).map((tag) => tag.replace(/^#/, "")).filter(Boolean))];
}

/** Why a tag list cannot be posted, or null. */
export function describeTagsProblem(tags: readonly string[]): string | null {
  if (tags.length > tagsMax) return `At most ${tagsMax} tags.`;
  const bad = tags.find((tag) => !/^[a-z0-9][a-z0-9-]{0,23}$/.test(tag));
  return bad === undefined ? null : `"${bad}" is not a tag: use lowercase letters, digits and dashes (at most 24).`;
}

/** Whether the text holds something that looks like a private key or a master password (never post those). */
export function containsSecret(text: string): boolean {
  return /\b5[HJK][1-9A-HJ-NP-Za-km-z]{49}\b/.test(text) || /\bP5[1-9A-HJ-NP-Za-km-z]{49,52}\b/.test(text);
}

function bodyToSend(previous: string | undefined, body: string): string {
  if (previous === undefined || previous === "") return body;
  const engine = new DiffMatchPatch();
  const patch = engine.patch_toText(engine.patch_make(previous, body));
  // Only a patch that is smaller, and that reproduces the new body exactly, is sent.
  if (patch === "" || patch.length >= new TextEncoder().encode(body).length) return body;
  const [result, applied] = engine.patch_apply(engine.patch_fromText(patch), previous);
  return result === body && applied.every(Boolean) ? patch : body;
}

function metadataOf(draft: CommentDraft): string {
  const images = [...draft.body.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)|<img[^>]+src="([^"]+)"/g)].map((m) => m[1] ?? m[2]).slice(0, 10);
  const users = [...new Set([...draft.body.matchAll(/(?:^|[^\w/@])@([a-z][a-z0-9.-]{2,15})/g)].map((m) => m[1]))].slice(0, 10);
  const metadata: Record<string, unknown> = { ...(draft.previousMetadata ?? {}), tags: draft.tags, app: "kettle/0.1", format: "markdown" };
  if (images.length > 0) metadata.image = images;
  else delete metadata.image;
  if (users.length > 0) metadata.users = users;
  return JSON.stringify(metadata);
}

/** The operations that publish (or edit) the draft. */
export function createCommentOperations(draft: CommentDraft): WireOperation[] {
  const operations: WireOperation[] = [[
    "comment",
    {
      parent_author: draft.parentAuthor, parent_permlink: draft.parentPermlink, author: draft.author, permlink: draft.permlink,
      title: draft.title, body: bodyToSend(draft.previousBody, draft.body), json_metadata: metadataOf(draft),
    },
  ]];
  const beneficiaries = [...(draft.beneficiaries ?? [])].sort((a, b) => (a.account < b.account ? -1 : 1));
  if ((draft.payout !== undefined && draft.payout !== "50") || beneficiaries.length > 0) {
    operations.push([
      "comment_options",
      {
        author: draft.author, permlink: draft.permlink,
        max_accepted_payout: draft.payout === "0" ? "0.000 SBD" : "1000000.000 SBD",
        percent_steem_dollars: draft.payout === "100" ? 0 : 10000,
        allow_votes: true, allow_curation_rewards: true,
        extensions: beneficiaries.length === 0 ? [] : [[0, { beneficiaries }]],
      },
    ]);
  }
  return operations;
}
