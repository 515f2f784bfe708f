/**
 * `bench:web`'s page types: the requests each is loaded with — posts sampled from the index, trending lists
 * drawn as the data set's activity favours them (page 1, or the next page as the site links it) — half of
 * them by logged-in readers, and the markup each page must hold.
 */
import { accountName, communityName, tagName, type World } from "./index-dataset.ts";
import type { PageRequest } from "./web-load.ts";
import type { PagePost, SampledPosts } from "./web-pages.ts";
import type { PageWorkload } from "./web-report.ts";
import { listPagePicks, nextPagePath, shuffled } from "./web-sample.ts";

/** Share of requests made by a logged-in reader (a cookie naming one of the observers). */
const observerShare = 0.5;
/** Requests in each list page type's pool, sent in turn. */
const poolSize = 2_000;

const withObserver = (path: string, observers: readonly string[], random: () => number): PageRequest =>
  observers.length > 0 && random() < observerShare ? { path, observer: observers[Math.floor(random() * observers.length)] } : { path };

/** The post page workloads, requests in a seeded random order. */
export function postWorkloads(posts: SampledPosts, largeThreadReplies: number, observers: readonly string[], random: () => number): PageWorkload[] {
  const paths = (list: readonly PagePost[]) => shuffled(list, random).map((post) => withObserver(post.path, observers, random));
  return [
    { name: `post page, ${posts.sampled.length} posts of the last 30 days`, requests: paths(posts.sampled), marker: 'class="post-title"', targeted: true },
    { name: `post page, the ${posts.large.length} threads of ${largeThreadReplies}+ replies only`, requests: paths(posts.large), marker: 'class="post-title"', targeted: false },
  ];
}

/** Markup of a list page that shows posts. */
const cardMarker = 'class="post-card';

/**
 * The trending workloads. Next pages are found on the first pages (their "Next page" link), so each list is
 * fetched once here. A list whose next page is empty (a page holding exactly its last posts has the link:
 * keyset paging cannot know) is asked for its first page instead, so every page requested shows posts.
 */
export async function rankedWorkloads(url: string, world: World, observers: readonly string[], random: () => number): Promise<PageWorkload[]> {
  const nextOf = new Map<string, string | null>();
  const page = async (path: string) => (await fetch(new URL(path, url))).text();
  const next = async (path: string): Promise<string | null> => {
    if (!nextOf.has(path)) {
      const second = nextPagePath(await page(path));
      nextOf.set(path, second !== null && (await page(second)).includes(cardMarker) ? second : null);
    }
    return nextOf.get(path)!;
  };
  const pool = async (pick: (random: () => number) => string): Promise<PageRequest[]> => {
    const requests: PageRequest[] = [];
    for (const { list, page } of listPagePicks(poolSize, random, pick, 0.7)) {
      const second = page === 2 ? await next(list) : null;
      requests.push(withObserver(second ?? list, observers, random));
    }
    return requests;
  };
  const globalPaths = ["/", "/trending", "/trending"];
  return [
    { name: "trending, global (/, /trending; page 1 and next)", requests: await pool((r) => globalPaths[Math.floor(r() * globalPaths.length)]), marker: cardMarker, targeted: true },
    { name: "trending, by community (page 1 and next)", requests: await pool((r) => `/trending/${communityName(world.communityPick.sample(r))}`), marker: cardMarker, targeted: true },
    { name: "trending, by tag (page 1 and next)", requests: await pool((r) => `/trending/${tagName(world.tagPick.sample(r))}`), marker: cardMarker, targeted: true },
  ];
}

/** The distinct observers: accounts that vote and write (the data set's activity weights). */
export function observerNames(world: World, count: number, random: () => number): string[] {
  const names = new Set<string>();
  for (let tries = 0; names.size < count && tries < count * 100; tries++) names.add(accountName(world.activity.sample(random)));
  return [...names];
}
