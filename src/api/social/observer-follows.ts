/**
 * What an observer's own follows rows decide for every list they read: whom they muted (directly, or
 * through the mute lists of accounts they follow — Hive's `muted_accounts_by_id_view`) and whether they
 * keep or follow a blacklist (else no author carries labels for them).
 *
 * Read once and kept across head blocks: the projector marks an account with the block that last changed
 * its follows rows (`accounts.follows_block`), so at each new head one lookup of the observer's mark and
 * those of the mute lists they follow tells whether anything moved. A kept value is the same object from
 * head to head, so what was built from it (a feed page) can tell it is still valid by identity.
 */
import type { IndexDatabase } from "../../index/db/database.ts";
import { cached, type HeadCache, KeptAcrossHeads } from "./head-cache.ts";
import { inList } from "./post-sql.ts";

export interface ObserverFollows {
  readonly observer: string;
  /** Accounts the observer muted, directly or through followed mute lists. */
  readonly muted: ReadonlySet<string>;
  /** Accounts whose mute lists the observer follows (their mutes are the observer's too). */
  readonly muteLists: readonly string[];
  /** The observer keeps a blacklist or follows one. */
  readonly hasBlacklists: boolean;
  /** The head block at which it was read. */
  readonly head: number;
}

/** Observers kept per index; past this many the least recently read go. */
const keptObservers = new KeptAcrossHeads<ObserverFollows>(16_384);

/** The observer's follows as of the cache's head: kept from an earlier head unless a mark moved. */
export function observerFollows(db: IndexDatabase, cache: HeadCache, observer: string): Promise<ObserverFollows> {
  return cached(
    cache, "observer-follows", observer,
    async () => {
      const was = keptObservers.get(db, observer);
      const next = was !== undefined && (was.head === cache.blockNum || (await unchangedSince(db, was))) ? was : await readObserverFollows(db, observer, cache.blockNum);
      keptObservers.keep(db, observer, next);
      return next;
    },
    (value) => 64 + value.muted.size * 48,
  );
}

/** Accounts the observer muted (directly or through followed mute lists), as of the cache's head. */
export async function mutedAccountsCached(db: IndexDatabase, cache: HeadCache, observer: string): Promise<ReadonlySet<string>> {
  return (await observerFollows(db, cache, observer)).muted;
}

/** No follows row of the observer or of a mute list they follow changed after the head `kept` was read at. */
async function unchangedSince(db: IndexDatabase, kept: ObserverFollows): Promise<boolean> {
  const names = [kept.observer, ...kept.muteLists];
  const list = inList(names);
  const row = await db.get<{ mark: number | null }>(`SELECT MAX(follows_block) AS mark FROM accounts WHERE name IN (${list.sql})`, list.params);
  return (row?.mark ?? 0) <= kept.head;
}

/** Reads the observer's follows at head `head`: one pass over their rows, and one over their mute lists' mutes. */
export async function readObserverFollows(db: IndexDatabase, observer: string, head: number): Promise<ObserverFollows> {
  const rows = await db.all<{ following: string; state: number; follow_muted: number; blacklisted: number; follow_blacklists: number }>(
    `SELECT following, state, follow_muted, blacklisted, follow_blacklists FROM follows
     WHERE follower = ? AND (state = 2 OR follow_muted <> 0 OR blacklisted <> 0 OR follow_blacklists <> 0)`,
    [observer],
  );
  const muted = new Set(rows.filter((row) => row.state === 2).map((row) => row.following));
  const muteLists = rows.filter((row) => row.follow_muted !== 0).map((row) => row.following);
  if (muteLists.length > 0) {
    const list = inList(muteLists);
    for (const row of await db.all<{ following: string }>(`SELECT following FROM follows WHERE follower IN (${list.sql}) AND state = 2`, list.params)) {
      muted.add(row.following);
    }
  }
  return { observer, muted, muteLists, hasBlacklists: rows.some((row) => row.blacklisted !== 0 || row.follow_blacklists !== 0), head };
}
