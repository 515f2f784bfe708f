/**
 * Pieces of pages kept while the index's head stays where it is. A page is read through the public API at
 * every request, but between two blocks (3 s) most of what it shows is what the previous request showed: the
 * front page's side column is the same for every reader, and a post's card is the same for every reader of a
 * post the API answered with its kept object (web-api.ts hands every page the same frozen value for it). The
 * side column is kept per head time, so it does not outlive the block it was read at. Cards are keyed by the
 * post value itself — a post the API built again (a vote, an edit) is a new value and renders afresh — and
 * by a stamp of everything else they show, so one stays valid across blocks until its post or its relative
 * times change.
 */
import { type Html, encodedHtml } from "./html.ts";

export interface FragmentCache {
  /**
   * `build()`'s result for `key` at head time `now`, built once per head: concurrent requests share one
   * build, and a failed build is not kept.
   */
  perHead<T>(key: string, now: number, build: () => Promise<T>): Promise<T>;
  /**
   * A post card's markup for a shared (frozen) post value, built again when `stamp` (everything besides the
   * post the card shows: relative times, the chain's figures, the reader's vote) differs from the kept one's.
   * Values that are not frozen belong to one request and are built every time.
   */
  card(post: object, stamp: string, build: () => Html): Html;
}

/** Keys `perHead` keeps at once (a few fixed fragments, e.g. the front page's side column). */
export const perHeadKeysMax = 64;

export function createFragmentCache(): FragmentCache {
  const headed = new Map<string, { now: number; value: Promise<unknown> }>();
  const cards = new WeakMap<object, { stamp: string; html: Html }>();
  return {
    perHead<T>(key: string, now: number, build: () => Promise<T>): Promise<T> {
      const kept = headed.get(key);
      if (kept !== undefined && kept.now === now) return kept.value as Promise<T>;
      if (kept === undefined && headed.size >= perHeadKeysMax) headed.clear();
      const entry = { now, value: build() };
      headed.set(key, entry);
      entry.value.catch(() => {
        if (headed.get(key) === entry) headed.delete(key);
      });
      return entry.value;
    },
    card(post, stamp, build) {
      if (!Object.isFrozen(post)) return build();
      const kept = cards.get(post);
      if (kept !== undefined && kept.stamp === stamp) return kept.html;
      const html = encodedHtml(build());
      cards.set(post, { stamp, html });
      return html;
    },
  };
}
