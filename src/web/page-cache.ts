/**
 * Whole pages for readers who are not logged in, kept while the index's head stays where it is. Such a page
 * is a function of its URL and the head alone (the views that say so: `PageView.perHead`), and between two
 * blocks (3 s) the same lists and posts are asked for again and again — Steemit's jussi kept API answers
 * per block for the same reason. Everything is dropped when the head moves; logged-in readers' pages, which
 * show their own votes and menus, are always rendered.
 */

/** A page as sent: its status and its markup in pieces (html.ts `htmlChunks`: kept fragments shared, not copied). */
export interface CachedPage {
  readonly status: number;
  readonly chunks: readonly (string | Buffer)[];
  /** The chunks' total length in UTF-8 bytes. */
  readonly bytes: number;
}

export interface PageCache {
  /** The page kept for `key` at head block `head`, if any. */
  get(head: number, key: string): CachedPage | undefined;
  /** Keeps `page` for `key` at `head` (dropping everything kept at earlier heads; ignored for an earlier head). */
  set(head: number, key: string, page: CachedPage): void;
  /**
   * The page for `key` at `head`: the kept one, the one another request is rendering now, or `render()`'s,
   * kept when `keep` says so. Right after a block every reader of the front page misses at once; one renders.
   */
  obtain<P extends CachedPage | object>(head: number, key: string, render: () => Promise<P>, keep: (page: P) => page is P & CachedPage): Promise<P | CachedPage>;
}

/** Bytes of pages kept by default: some hundreds of list pages. */
export const pageCacheBytesDefault = 32 * 1024 * 1024;

/** A cache of at most `bytesMax` bytes of pages (0: keeps nothing); the oldest go first. */
export function createPageCache(bytesMax: number): PageCache {
  let head = -1;
  let bytes = 0;
  const pages = new Map<string, CachedPage>();
  const rendering = new Map<string, Promise<unknown>>();
  const cache: PageCache = {
    get: (at, key) => (at === head ? pages.get(key) : undefined),
    obtain(at, key, render, keep) {
      const kept = cache.get(at, key);
      if (kept !== undefined) return Promise.resolve(kept);
      const id = `${at} ${key}`;
      let pending = rendering.get(id) as ReturnType<typeof render> | undefined;
      if (pending === undefined) {
        pending = render().then((page) => {
          if (keep(page)) cache.set(at, key, page);
          return page;
        });
        rendering.set(id, pending);
        const done = () => rendering.delete(id);
        pending.then(done, done);
      }
      return pending;
    },
    set(at, key, page) {
      // A page rendered while the head moved on is of no more use.
      if (page.bytes > bytesMax || at < head) return;
      if (at > head) {
        pages.clear();
        bytes = 0;
        head = at;
      }
      const old = pages.get(key);
      if (old !== undefined) {
        pages.delete(key);
        bytes -= old.bytes;
      }
      for (const [oldest, kept] of pages) {
        if (bytes + page.bytes <= bytesMax) break;
        pages.delete(oldest);
        bytes -= kept.bytes;
      }
      pages.set(key, page);
      bytes += page.bytes;
    },
  };
  return cache;
}
