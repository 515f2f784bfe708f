/**
 * Loads what the post objects show for a page of posts, in a fixed number of queries however long the
 * page: the posts (with parent, root and author reputation joined in), their votes, the communities and
 * the authors' roles there, and the observer's blacklist labels — never one query per post.
 *
 * Votes are capped per post: a popular post's thousands of votes would otherwise dominate every list it
 * is on. Bridge objects show the biggest votes first (read from `votes_post_rshares` alone) plus the
 * observer's own vote, so a client can still tell whether its user voted; condenser discussions show
 * votes by voter name as far as chain state's get_content would. One statement serves up to 32 posts
 * (`UNION ALL` of per-post `LIMIT`s), so no more vote rows are read than shown.
 */
import type { IndexDatabase, SqlRow } from "../../index/db/database.ts";
import { readObserverFollows } from "./observer-follows.ts";
import { bytewise, chunks, inList } from "./post-sql.ts";

/** A `posts` row as the post objects read it, with its parent's and root's keys and the author's reputation. */
export interface PostRow extends SqlRow {
  id: number;
  author: string;
  permlink: string;
  parent_id: number | null;
  root_id: number;
  depth: number;
  category: string;
  community: string | null;
  title: string;
  body: string;
  json_metadata: string;
  created_at: number;
  updated_at: number;
  active_at: number;
  children: number;
  net_rshares: number | bigint;
  abs_rshares: number | bigint;
  vote_rshares: number | bigint;
  total_votes: number;
  total_vote_weight: number | bigint;
  cashout_at: number;
  payout_at: number;
  is_paidout: number;
  pending_payout: number;
  curator_payout: number;
  payout: number;
  max_accepted_payout: number | bigint;
  percent_sbd: number;
  allow_replies: number;
  allow_votes: number;
  allow_curation: number;
  beneficiaries: string;
  is_muted: number;
  muted_reasons: number;
  is_pinned: number;
  promoted: number;
  reblogs: number;
  author_rewards: number | bigint;
  /** The block that last changed the row or the post's votes, and its root's (src/index/schema.ts). */
  changed_block: number;
  root_changed_block: number;
  parent_author: string | null;
  parent_permlink: string | null;
  root_author: string;
  root_permlink: string;
  root_title: string;
  author_reputation: number | bigint | null;
}

/** A vote as bridge objects show it. */
export interface PostVote {
  readonly voter: string;
  readonly rshares: bigint;
}

/** A vote as condenser discussions show it. */
export interface DetailedVote extends PostVote {
  readonly weight: bigint;
  readonly percent: number;
  readonly time: number;
  /** The voter's raw reputation. */
  readonly reputation: bigint;
}

export interface PostCommunity {
  readonly title: string;
  /** The author's role id there (guest, 0, without a row). */
  readonly role: number;
  readonly roleTitle: string;
}

/** One post and everything its API objects show. */
export interface LoadedPost<V extends PostVote = PostVote> {
  readonly row: PostRow;
  /** Some of its votes (see the file header), each voter once. */
  readonly votes: readonly V[];
  /** Accounts the observer muted: their votes are left out of `active_votes` (Hive). */
  readonly mutedVoters: ReadonlySet<string>;
  readonly authorReputation: bigint;
  /** Set for posts in a registered community. */
  readonly community: PostCommunity | null;
  /** The observer's labels for the author (Hive): "my blacklist", "blacklisted by <list>". */
  readonly blacklists: readonly string[];
}

/**
 * Votes shown per post: in lists (ranked, account, search) enough for a voters popup; on a post page or
 * thread Hive's `list_votes` limit for post objects; in condenser discussions chain state's get_content's.
 */
export const votesShown = { list: 100, post: 1000, condenser: 10000 } as const;

const postColumns = `p.id, p.author, p.permlink, p.parent_id, p.root_id, p.depth, p.category, p.community, p.title, p.body, p.json_metadata,
  p.created_at, p.updated_at, p.active_at, p.children, p.net_rshares, p.abs_rshares, p.vote_rshares, p.total_votes, p.total_vote_weight, p.cashout_at, p.payout_at, p.is_paidout,
  p.pending_payout, p.curator_payout, p.payout, p.max_accepted_payout, p.percent_sbd, p.allow_replies, p.allow_votes, p.allow_curation,
  p.beneficiaries, p.is_muted, p.muted_reasons, p.is_pinned, p.promoted, p.reblogs, p.author_rewards, p.changed_block, r.changed_block AS root_changed_block,
  pp.author AS parent_author, pp.permlink AS parent_permlink, r.author AS root_author, r.permlink AS root_permlink, r.title AS root_title,
  a.reputation AS author_reputation`;

/** Bridge posts with these ids, keyed by id (ids that no longer exist are absent), with at most `votesMax` votes each. */
export async function loadBridgePosts(db: IndexDatabase, ids: readonly number[], observer: string | null, votesMax: number): Promise<Map<number, LoadedPost>> {
  return loadPosts(db, ids, observer, (postIds) => loadBiggestVotes(db, postIds, votesMax, observer));
}

/** Condenser discussions' posts with these ids, keyed by id. */
export async function loadCondenserPosts(db: IndexDatabase, ids: readonly number[]): Promise<Map<number, LoadedPost<DetailedVote>>> {
  return loadPosts(db, ids, null, (postIds) => loadDetailedVotes(db, postIds));
}

async function loadPosts<V extends PostVote>(
  db: IndexDatabase, ids: readonly number[], observer: string | null, loadVotes: (ids: readonly number[]) => Promise<Map<number, V[]>>,
): Promise<Map<number, LoadedPost<V>>> {
  const out = new Map<number, LoadedPost<V>>();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return out;
  const rows: PostRow[] = [];
  for (const chunk of chunks(unique)) {
    const list = inList(chunk);
    rows.push(...(await db.all<PostRow>(
      `SELECT ${postColumns} FROM posts p
       LEFT JOIN posts pp ON pp.id = p.parent_id
       LEFT JOIN posts r ON r.id = p.root_id
       LEFT JOIN accounts a ON a.name = p.author
       WHERE p.id IN (${list.sql})`,
      list.params,
    )));
  }
  const muted = observer === null ? new Set<string>() : (await readObserverFollows(db, observer, 0)).muted;
  const votes = await loadVotes(rows.map((row) => row.id));
  const authors = [...new Set(rows.map((row) => row.author))];
  const communities = await loadCommunities(db, rows, authors);
  const blacklists = observer === null ? new Map<string, string[]>() : await loadBlacklists(db, observer, authors);
  for (const row of rows) {
    out.set(row.id, {
      row,
      votes: votes.get(row.id) ?? [],
      mutedVoters: muted,
      authorReputation: BigInt(row.author_reputation ?? 0),
      community: row.community === null ? null : (communities.get(`${row.community}/${row.author}`) ?? null),
      blacklists: blacklists.get(row.author) ?? [],
    });
  }
  return out;
}

/** Posts whose votes one statement reads. */
const votePostsPerStatement = 32;

/** Rows of `perPost` (one post's votes; params: post id, limit) for each of `ids`, a statement per 32 posts. */
async function votesPerPost<R extends SqlRow>(db: IndexDatabase, ids: readonly number[], perPost: string, limit: number): Promise<R[]> {
  const rows: R[] = [];
  for (let i = 0; i < ids.length; i += votePostsPerStatement) {
    const chunk = ids.slice(i, i + votePostsPerStatement);
    const sql = chunk.map((_, n) => `SELECT * FROM (${perPost}) s${n}`).join(" UNION ALL ");
    rows.push(...(await db.all<R>(sql, chunk.flatMap((id) => [id, limit]))));
  }
  return rows;
}

function groupByPost<R extends { post_id: number }, V>(rows: readonly R[], toVote: (row: R) => V): Map<number, V[]> {
  const out = new Map<number, V[]>();
  for (const row of rows) {
    const votes = out.get(row.post_id) ?? [];
    votes.push(toVote(row));
    out.set(row.post_id, votes);
  }
  return out;
}

/** Code unit order, which is bytewise for account names (ASCII). */
export const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface BridgeVoteRow extends SqlRow {
  post_id: number;
  voter: string;
  rshares: number | bigint;
}

/** Each post's biggest votes (rshares, then voter, descending), and the observer's own vote wherever it is not among them. */
async function loadBiggestVotes(db: IndexDatabase, ids: readonly number[], limit: number, observer: string | null): Promise<Map<number, PostVote[]>> {
  const rows = await votesPerPost<BridgeVoteRow>(db, ids, "SELECT post_id, voter, rshares FROM votes WHERE post_id = ? ORDER BY rshares DESC, voter DESC LIMIT ?", limit);
  const out = groupByPost(rows, (row) => ({ voter: row.voter, rshares: BigInt(row.rshares) }));
  if (observer !== null) {
    for (const [postId, rshares] of await ownVotes(db, observer, ids)) {
      const votes = out.get(postId) ?? [];
      if (!votes.some((vote) => vote.voter === observer)) votes.push({ voter: observer, rshares });
      out.set(postId, votes);
    }
  }
  // UNION ALL keeps no order between its parts' rows, and the observer's vote goes in its place.
  for (const votes of out.values()) sortBridgeVotes(votes);
  return out;
}

/** Bridge order of votes, in place: rshares, then voter, descending. */
export function sortBridgeVotes(votes: PostVote[]): PostVote[] {
  return votes.sort((a, b) => (a.rshares === b.rshares ? byName(b.voter, a.voter) : a.rshares > b.rshares ? -1 : 1));
}

/** The observer's votes on any of `ids`: rshares by post id. */
export async function ownVotes(db: IndexDatabase, observer: string, ids: readonly number[]): Promise<Map<number, bigint>> {
  const out = new Map<number, bigint>();
  for (const chunk of chunks(ids)) {
    const list = inList(chunk);
    const rows = await db.all<BridgeVoteRow>(`SELECT post_id, rshares FROM votes WHERE voter = ? AND post_id IN (${list.sql})`, [observer, ...list.params]);
    for (const row of rows) out.set(row.post_id, BigInt(row.rshares));
  }
  return out;
}

interface DetailedVoteRow extends BridgeVoteRow {
  weight: number | bigint;
  percent: number;
  voted_at: number;
  reputation: number | bigint | null;
}

/** Each post's votes by voter name, with each voter's reputation. */
async function loadDetailedVotes(db: IndexDatabase, ids: readonly number[]): Promise<Map<number, DetailedVote[]>> {
  const perPost = `SELECT v.post_id, v.voter, v.rshares, v.weight, v.percent, v.voted_at, a.reputation FROM votes v LEFT JOIN accounts a ON a.name = v.voter
    WHERE v.post_id = ? ORDER BY ${bytewise(db.dialect, "v.voter")} LIMIT ?`;
  const rows = await votesPerPost<DetailedVoteRow>(db, ids, perPost, votesShown.condenser);
  const out = groupByPost(rows, (row) => ({
    voter: row.voter, rshares: BigInt(row.rshares), weight: BigInt(row.weight), percent: row.percent, time: row.voted_at, reputation: BigInt(row.reputation ?? 0),
  }));
  for (const votes of out.values()) votes.sort((a, b) => byName(a.voter, b.voter));
  return out;
}

/** A community's title as posts show it: its name when it has none (Steemit). */
export function communityTitle(name: string, title: string | null): string {
  return title === null || title === "" ? name : title;
}

/** Community title and the author's role, keyed "community/author". */
async function loadCommunities(db: IndexDatabase, rows: readonly PostRow[], authors: readonly string[]): Promise<Map<string, PostCommunity>> {
  const out = new Map<string, PostCommunity>();
  const names = [...new Set(rows.flatMap((row) => (row.community === null ? [] : [row.community])))];
  if (names.length === 0) return out;
  const nameList = inList(names);
  const titles = new Map<string, string>();
  for (const row of await db.all<{ name: string; title: string | null }>(`SELECT name, title FROM communities WHERE name IN (${nameList.sql})`, nameList.params)) {
    titles.set(row.name, communityTitle(row.name, row.title));
  }
  const roles = new Map<string, { role: number; title: string }>();
  for (const authorChunk of chunks(authors)) {
    const authorList = inList(authorChunk);
    const roleRows = await db.all<{ community: string; account: string; role: number; title: string | null }>(
      `SELECT c.name AS community, r.account, r.role, r.title FROM community_roles r JOIN communities c ON c.id = r.community_id
       WHERE c.name IN (${nameList.sql}) AND r.account IN (${authorList.sql})`,
      [...nameList.params, ...authorList.params],
    );
    for (const row of roleRows) roles.set(`${row.community}/${row.account}`, { role: row.role, title: row.title ?? "" });
  }
  for (const row of rows) {
    if (row.community === null) continue;
    // A post names its community only when the community is registered (posts.community); its title falls back to the name (Steemit).
    const key = `${row.community}/${row.author}`;
    const role = roles.get(key);
    out.set(key, { title: titles.get(row.community) ?? row.community, role: role?.role ?? 0, roleTitle: role?.title ?? "" });
  }
  return out;
}

/** The observer's labels per author: their own blacklist first, then each followed blacklist by list name. */
export async function loadBlacklists(db: IndexDatabase, observer: string, authors: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const add = (author: string, label: string) => {
    let labels = out.get(author);
    if (labels === undefined) out.set(author, (labels = []));
    labels.push(label);
  };
  for (const authorChunk of chunks(authors)) {
    const list = inList(authorChunk);
    const own = await db.all<{ author: string }>(
      `SELECT following AS author FROM follows WHERE follower = ? AND blacklisted <> 0 AND following IN (${list.sql})`,
      [observer, ...list.params],
    );
    for (const row of own) add(row.author, "my blacklist");
    const followed = await db.all<{ list: string; author: string }>(
      `SELECT l.following AS list, b.following AS author FROM follows l JOIN follows b ON b.follower = l.following
       WHERE l.follower = ? AND l.follow_blacklists <> 0 AND b.blacklisted <> 0 AND b.following IN (${list.sql})
       ORDER BY ${bytewise(db.dialect, "l.following")}`,
      [observer, ...list.params],
    );
    for (const row of followed) add(row.author, `blacklisted by ${row.list}`);
  }
  return out;
}
