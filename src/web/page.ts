/**
 * What a route gets and gives back. A route reads through `api` (the public JSON-RPC methods, in-process)
 * and returns a view — the page's main content and its metadata — or a redirect; the layout around it is
 * `components/layout.ts`'s.
 */
import type { PayoutEconomics } from "./components/payout.ts";
import type { FragmentCache } from "./fragment-cache.ts";
import type { Html } from "./html.ts";
import type { PostTextCache } from "./post-text-cache.ts";
import type { WebApi } from "./web-api.ts";

/** What every page may use that does not depend on the request. */
export interface SiteContext {
  /** The site's name, in titles and the header. */
  readonly name: string;
  /** The path of a client script entry's start file (hashed, immutable) and the chunks it loads at once. */
  scriptPaths(entry: string): readonly string[];
  /** The hashed path of the site's style sheet. */
  readonly stylePath: string;
  /** The image proxy's URL for an image shown `width` pixels wide (`/p/<base58 url>?width=…`). */
  proxifyImage(url: string, width: number): string;
  /** Whether sign-up is offered (a registrar is configured). */
  readonly signupOpen: boolean;
  /** Rendered bodies and card texts, kept across requests. */
  readonly texts: PostTextCache;
  /** Pieces of pages kept while the index's head stays where it is. */
  readonly fragments: FragmentCache;
}

export interface PageContext {
  readonly api: WebApi;
  readonly site: SiteContext;
  readonly url: URL;
  /** The route's captured path parts, already percent-decoded. */
  readonly params: readonly string[];
  /** The reader's account name when they told the site who they are (a cookie holding only the name). */
  readonly observer: string | null;
  /** The chain's head time in seconds (the index's head): what relative times count from. */
  readonly now: number;
  /** Price feed, SBD print rate and curation share at the head, for payout breakdowns. */
  readonly economics: PayoutEconomics;
}

export interface PageView {
  /** The document title, without the site's name. */
  readonly title: string;
  readonly description?: string;
  /** The picture a shared link shows (og:image), an absolute or site-relative URL. */
  readonly image?: string | null;
  /** The page's canonical site-relative path. */
  readonly canonicalPath?: string;
  readonly type?: "website" | "article" | "profile";
  readonly main: Html;
  /** Client script entries this page needs besides the site's own ("app"). */
  readonly scripts?: readonly string[];
  readonly status?: number;
  /** Keep search engines away (settings, errors, muted lists). */
  readonly noindex?: boolean;
  /** The main column takes the whole width (no side columns in the page's own markup). */
  readonly wide?: boolean;
  /**
   * The page reads only the index (at the head) and its URL, so for a reader who is not logged in it may be
   * kept until the head moves (page-cache.ts). Not for pages that read the chain's own state (wallets).
   */
  readonly perHead?: boolean;
}

export interface Redirect {
  readonly redirect: string;
  readonly status?: 301 | 302 | 303;
}

export type PageResult = PageView | Redirect;

export type PageHandler = (context: PageContext) => Promise<PageResult>;

/** A route: a path pattern whose groups become `params`, and its handler. */
export interface Route {
  readonly pattern: RegExp;
  readonly handler: PageHandler;
}

/** An error page's view for a missing account, post, community or page. */
export class PageNotFound extends Error {
  override name = "PageNotFound";
  constructor(readonly what: string, readonly hint?: Html) {
    super(what);
  }
}
