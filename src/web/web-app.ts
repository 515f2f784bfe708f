/**
 * The web app: GET pages rendered on the server, its static assets, the image service's routes, and the few
 * POST endpoints that are not JSON-RPC (image uploads, sign-up, the editor's preview). It is handed the same
 * RPC router that serves POST /, so pages read exactly what the public API answers.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { base58 } from "@scure/base";
import type { RpcRouter } from "../api/rpc/dispatch.ts";
import { utf8Encode } from "../stdx/bytes.ts";
import { type ChainSnapshot, createChainSnapshotReader } from "./chain-snapshot.ts";
import { renderDocument } from "./components/layout.ts";
import { createFragmentCache } from "./fragment-cache.ts";
import { html, htmlChunks } from "./html.ts";
import { PageNotFound, type PageContext, type PageView, type Route, type SiteContext } from "./page.ts";
import { type CachedPage, createPageCache, pageCacheBytesDefault } from "./page-cache.ts";
import { createPostTextCache } from "./post-text-cache.ts";
import { routes } from "./routes/index.ts";
import { type WebApi, createWebApi } from "./web-api.ts";

/** Client scripts, built once at start: their paths by entry, and a server for them, once `ready`. */
export interface ClientAssets {
  readonly ready: Promise<void>;
  scriptPaths(entry: string): readonly string[];
  /** Serves `/assets/…` scripts; false when the path is not one of them. */
  serve(request: IncomingMessage, response: ServerResponse): boolean;
}

/** The image service's routes (uploads, `/p/…` proxy, stored images, avatars). */
export interface ImageRoutes {
  handle(request: IncomingMessage, response: ServerResponse): boolean;
}

/** A POST endpoint of the site other than JSON-RPC (`/api/signup`, `/api/render`). */
export type PostEndpoint = (request: IncomingMessage, response: ServerResponse, context: { api: WebApi; address: string }) => void;

export interface WebAppOptions {
  readonly router: RpcRouter;
  readonly siteName?: string;
  readonly assets: ClientAssets;
  readonly images?: ImageRoutes;
  readonly signupOpen?: boolean;
  readonly endpoints?: Readonly<Record<string, PostEndpoint>>;
  /** Bytes of pages kept for readers who are not logged in, per head (page-cache.ts); 0 keeps none. */
  readonly pageCacheBytes?: number;
}

export interface WebApp {
  /** Serves a GET or HEAD. */
  handleGet(request: IncomingMessage, response: ServerResponse): void;
  /** Serves a POST other than JSON-RPC on /; false when the path is not the site's. */
  handlePost(request: IncomingMessage, response: ServerResponse): boolean;
}

/** Headers of every page: no inline script may run, nothing may frame the site, images come from it alone. */
export const pageSecurityHeaders = {
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self'; connect-src 'self'; " +
    "frame-src https://www.youtube.com https://player.vimeo.com; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
};

interface StaticFile {
  readonly path: string;
  readonly type: string;
  readonly body: Buffer;
  readonly gzip: Buffer;
  readonly brotli: Buffer;
  readonly etag: string;
}

function staticFile(name: string, type: string, body: Buffer, hashed: boolean): StaticFile {
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 12);
  const dot = name.lastIndexOf(".");
  return {
    path: hashed ? `/assets/${name.slice(0, dot)}-${hash}${name.slice(dot)}` : `/${name}`,
    type, body, gzip: gzipSync(body, { level: 9 }), brotli: brotliCompressSync(body), etag: `"${hash}"`,
  };
}

function sendStatic(request: IncomingMessage, response: ServerResponse, file: StaticFile, immutable: boolean): void {
  const headers: Record<string, string> = { "content-type": file.type, etag: file.etag, vary: "accept-encoding", "cache-control": immutable ? "public, max-age=31536000, immutable" : "public, max-age=3600" };
  if (request.headers["if-none-match"] === file.etag) {
    response.writeHead(304, headers).end();
    return;
  }
  const accepts = String(request.headers["accept-encoding"] ?? "");
  const [body, encoding] = /\bbr\b/.test(accepts) ? [file.brotli, "br"] : /\bgzip\b/.test(accepts) ? [file.gzip, "gzip"] : [file.body, null];
  if (encoding !== null) headers["content-encoding"] = encoding;
  headers["content-length"] = String(body.length);
  response.writeHead(200, headers).end(request.method === "HEAD" ? undefined : body);
}

/** The reader's name from the `kettle_user` cookie (only ever a name; never a key). */
export function observerFromCookie(header: string | undefined): string | null {
  const match = /(?:^|;\s*)kettle_user=([a-z][a-z0-9.-]{2,15})(?:;|$)/.exec(header ?? "");
  return match === null ? null : match[1];
}

/** `/p/<base58 url>?width=…`: the image proxy's address of an image. */
export function proxifyImage(url: string, width: number): string {
  return `/p/${base58.encode(utf8Encode(url))}?width=${width}`;
}

export function createWebApp(options: WebAppOptions): WebApp {
  const api = createWebApi(options.router);
  const snapshot = createChainSnapshotReader(api);
  // "../web/" is src/web both from this file and from bin/kettle.mjs's bundle in src/node.
  const css = staticFile("site.css", "text/css; charset=utf-8", readFileSync(new URL("../web/assets/site.css", import.meta.url)), true);
  const favicon = staticFile("favicon.svg", "image/svg+xml", readFileSync(new URL("../web/assets/favicon.svg", import.meta.url)), false);
  const robots = staticFile("robots.txt", "text/plain; charset=utf-8", Buffer.from("User-agent: *\nDisallow: /p/\nDisallow: /api/\n"), false);
  const site: SiteContext = {
    name: options.siteName ?? "Kettle",
    scriptPaths: (entry) => options.assets.scriptPaths(entry),
    stylePath: css.path,
    proxifyImage,
    signupOpen: options.signupOpen ?? false,
    texts: createPostTextCache({ proxifyImage }),
    fragments: createFragmentCache(),
  };
  const knownAccounts = new Set<string>();
  const observerOf = async (request: IncomingMessage): Promise<string | null> => {
    const name = observerFromCookie(request.headers.cookie);
    if (name === null || knownAccounts.has(name)) return name;
    const [found] = await api.call<unknown[]>("condenser_api.lookup_account_names", [[name]]);
    if (found === null || found === undefined) return null;
    knownAccounts.add(name);
    return name;
  };

  const pages = createPageCache(options.pageCacheBytes ?? pageCacheBytesDefault);

  /** The page at `url` as `observer` sees it, or a redirect; `perHead` when it may be kept for the head. */
  const renderPage = async (url: URL, observer: string | null, chain: ChainSnapshot): Promise<RenderedPage> => {
    const base = { api, site, url, observer, now: chain.now, economics: chain.economics };
    const match = findRoute(routes, decodePath(url.pathname));
    let context: PageContext = { ...base, params: [] };
    let view: PageView;
    try {
      if (match === null) throw new PageNotFound(`There is no page at ${url.pathname}`);
      context = { ...base, params: match.params };
      const result = await match.route.handler(context);
      if ("redirect" in result) return { redirect: result.redirect, status: result.status ?? 302 };
      view = result;
    } catch (error) {
      if (!(error instanceof PageNotFound)) throw error;
      view = notFoundView(error);
    }
    // In pieces, the parts kept encoded shared as they are: handed the page as one string, Node measures it,
    // joins it to the head and encodes it, which cost a third more per list page (bench:web).
    return { status: view.status ?? 200, ...htmlChunks(renderDocument(context, view)), perHead: view.perHead === true };
  };

  const servePage = async (request: IncomingMessage, response: ServerResponse, url: URL) => {
    const [observer, chain] = await Promise.all([observerOf(request), snapshot()]);
    const render = () => renderPage(url, observer, chain);
    // Only anonymous readers' pages are shared: a logged-in reader's shows their own votes and menu.
    const page: RenderedPage = observer === null ? await pages.obtain(chain.headBlock, url.href, render, isKept) : await render();
    if ("redirect" in page) {
      response.writeHead(page.status, { location: page.redirect }).end();
      return;
    }
    response.writeHead(page.status, {
      ...pageSecurityHeaders, "content-type": "text/html; charset=utf-8", "content-length": String(page.bytes), "cache-control": "no-cache", vary: "cookie",
    });
    // Written in pieces (Node gathers the writes of one tick into one writev): kept fragments are not copied.
    if (request.method !== "HEAD") for (const chunk of page.chunks) response.write(chunk);
    response.end();
  };

  const sendError = (response: ServerResponse, error: unknown) => {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    response.writeHead(500, { ...pageSecurityHeaders, "content-type": "text/html; charset=utf-8" });
    response.end(`<!doctype html><title>Something went wrong</title><h1>Something went wrong</h1><p>The page could not be shown: ${html`${error instanceof Error ? error.message : "unknown error"}`.text}</p><p><a href="/">Back to the front page</a></p>`);
  };

  const handleGet = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", `http://${request.headers.host ?? "localhost"}`);
    if (url.pathname === css.path) return sendStatic(request, response, css, true);
    if (url.pathname === "/favicon.svg" || url.pathname === "/favicon.ico") return sendStatic(request, response, favicon, false);
    if (url.pathname === "/robots.txt") return sendStatic(request, response, robots, false);
    if (url.pathname.startsWith("/assets/") && options.assets.serve(request, response)) return;
    if (options.images?.handle(request, response)) return;
    servePage(request, response, url).catch((error: unknown) => sendError(response, error));
  };

  // Until the client scripts are built (a moment after start), GETs wait for them.
  let assetsReady = false;
  options.assets.ready.then(() => {
    assetsReady = true;
  }, () => undefined);

  return {
    handleGet(request, response) {
      if (assetsReady) handleGet(request, response);
      else options.assets.ready.then(() => handleGet(request, response), (error: unknown) => sendError(response, error));
    },
    handlePost(request, response) {
      const path = (request.url ?? "/").split("?")[0];
      const endpoint = options.endpoints?.[path];
      if (endpoint !== undefined) {
        endpoint(request, response, { api, address: request.socket.remoteAddress ?? "" });
        return true;
      }
      return options.images?.handle(request, response) ?? false;
    },
  };
}

/** A page ready to send, or a redirect. */
type RenderedPage = (CachedPage & { readonly perHead?: boolean }) | { readonly redirect: string; readonly status: number };

/** Whether a rendered page may be kept for the head: a page, found, that reads only the index. */
function isKept(page: RenderedPage): page is RenderedPage & CachedPage {
  return "chunks" in page && page.perHead === true && page.status === 200;
}

function decodePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

function findRoute(table: readonly Route[], pathname: string): { route: Route; params: string[] } | null {
  for (const route of table) {
    const match = route.pattern.exec(pathname);
    if (match !== null) return { route, params: match.slice(1).map((part) => part ?? "") };
  }
  return null;
}

function notFoundView(error: PageNotFound): PageView {
  return {
    title: "Not found",
    status: 404,
    noindex: true,
    main: html`<section class="error-page">
  <h1>Not found</h1>
  <p>${error.what}.</p>
  ${error.hint ?? ""}
  <form action="/search" method="get" role="search"><label for="not-found-search">Search for it:</label> <input id="not-found-search" name="q" type="search"> <button class="button" type="submit">Search</button></form>
  <p><a href="/">Trending posts</a> · <a href="/created">New posts</a> · <a href="/communities">Communities</a></p>
</section>`,
  };
}
