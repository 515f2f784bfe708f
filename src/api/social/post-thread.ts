/**
 * A thread as the discussion methods return it: `{"author/permlink": post}` for the top post and its
 * descendants (Steemit's caps, the observer's muted authors' subtrees left out), each post's `replies`
 * holding its children's keys in the order they were written. Shared by bridge.get_discussion (bridge
 * objects) and get_state (condenser objects).
 */
import type { IndexDatabase } from "../../index/db/database.ts";
import { headCache } from "./head-cache.ts";
import { mutedAccountsCached } from "./observer-follows.ts";
import type { LoadedPost, PostVote } from "./post-load.ts";
import { discussionTree } from "./post-queries.ts";

export interface ThreadOptions<V extends PostVote> {
  readonly observer: string | null;
  readonly load: (ids: readonly number[]) => Promise<Map<number, LoadedPost<V>>>;
  /** Builds a post's object; `null` leaves the post out with its subtree. */
  readonly format: (post: LoadedPost<V>) => Record<string, unknown> | null;
}

/** The thread under post `topId` (in thread `rootId`), keyed by "author/permlink"; `{}` when the top post is left out. */
export async function loadThread<V extends PostVote>(
  db: IndexDatabase, topId: number, rootId: number, options: ThreadOptions<V>,
): Promise<Record<string, Record<string, unknown>>> {
  const muted = options.observer === null ? new Set<string>() : await mutedAccountsCached(db, await headCache(db), options.observer);
  const tree = await discussionTree(db, topId, rootId, muted);
  const posts = await options.load(tree.ids);
  const objects = new Map<number, Record<string, unknown>>();
  const removed = new Set<number>();
  const remove = (id: number) => {
    removed.add(id);
    for (const child of tree.children.get(id) ?? []) remove(child);
  };
  // Breadth first, so a removed parent is seen before its children.
  for (const id of tree.ids) {
    if (removed.has(id)) continue;
    const post = posts.get(id);
    const object = post === undefined ? null : options.format(post);
    if (object === null) remove(id);
    else objects.set(id, object);
  }
  const keys = new Map<number, string>();
  for (const [id, object] of objects) keys.set(id, `${object.author}/${object.permlink}`);
  const out: Record<string, Record<string, unknown>> = {};
  for (const id of [...keys.keys()].sort((a, b) => a - b)) {
    const object = objects.get(id)!;
    object.replies = (tree.children.get(id) ?? []).flatMap((child) => {
      const key = keys.get(child);
      return key === undefined ? [] : [key];
    });
    out[keys.get(id)!] = object;
  }
  return out;
}
