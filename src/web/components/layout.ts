/**
 * The document around every page: head (title, description, Open Graph and Twitter tags, canonical link,
 * the style sheet), the header (logo, main navigation, search, the reader's menu or log in / sign up), the
 * page's main content, and the footer. Client scripts load as modules at the end; the page works without them.
 */
import { icon } from "./icons.ts";
import { type Html, html, trustedHtml } from "../html.ts";
import type { PageContext, PageView } from "../page.ts";

const logo = trustedHtml(
  '<svg class="logo-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false"><path d="M7 13h16a1 1 0 0 1 1 1v6a8 8 0 0 1-8 8h-2a8 8 0 0 1-8-8v-6a1 1 0 0 1 1-1z" fill="currentColor"/><path d="M24 15h2a3 3 0 0 1 0 6h-2" fill="none" stroke="currentColor" stroke-width="2"/><path d="M12 4c0 2-2 2-2 4s2 2 2 4M17 4c0 2-2 2-2 4s2 2 2 4" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"/></svg>',
);

function absolute(context: PageContext, path: string): string {
  return /^https?:\/\//.test(path) ? path : `${context.url.origin}${path}`;
}

function metaTags(context: PageContext, view: PageView, title: string): Html {
  const canonical = view.canonicalPath === undefined ? null : absolute(context, view.canonicalPath);
  const image = view.image ? absolute(context, view.image) : null;
  return html`<meta name="description" content="${view.description ?? ""}">
<meta property="og:site_name" content="${context.site.name}">
<meta property="og:title" content="${title}">
<meta property="og:type" content="${view.type ?? "website"}">
${view.description ? html`<meta property="og:description" content="${view.description}">` : ""}
${canonical ? html`<meta property="og:url" content="${canonical}"><link rel="canonical" href="${canonical}">` : ""}
${image ? html`<meta property="og:image" content="${image}"><meta name="twitter:image" content="${image}">` : ""}
<meta name="twitter:card" content="${image ? "summary_large_image" : "summary"}">
<meta name="twitter:title" content="${title}">
${view.noindex ? html`<meta name="robots" content="noindex">` : ""}`;
}

function readerMenu(context: PageContext): Html {
  const observer = context.observer;
  if (observer === null) {
    return html`<div class="reader" data-reader="">
  <a class="button button-quiet" href="/login.html">Log in</a>
  ${context.site.signupOpen ? html`<a class="button" href="/signup">Sign up</a>` : ""}
</div>`;
  }
  return html`<div class="reader" data-reader="${observer}">
  <a class="button button-quiet" href="/submit.html">Write</a>
  <a class="notifications-bell" href="/@${observer}/notifications" aria-label="Notifications">${icon("bell")}<span class="badge" data-unread-count hidden></span></a>
  <details class="menu">
    <summary><img class="avatar avatar-small" src="/u/${observer}/avatar/small" alt="" width="32" height="32"><span class="visually-hidden">Account menu for </span>@${observer}</summary>
    <ul role="list">
      <li><a href="/@${observer}">Profile</a></li>
      <li><a href="/@${observer}/feed">My feed</a></li>
      <li><a href="/@${observer}/notifications">Notifications</a></li>
      <li><a href="/@${observer}/wallet">Wallet</a></li>
      <li><a href="/@${observer}/communities">Communities</a></li>
      <li><a href="/@${observer}/settings">Settings</a></li>
      <li><button type="button" data-action="logout">Log out</button></li>
    </ul>
  </details>
</div>`;
}

function header(context: PageContext): Html {
  const q = context.url.pathname === "/search" ? (context.url.searchParams.get("q") ?? "") : "";
  return html`<header class="site-header">
  <a class="skip-link" href="#main">Skip to content</a>
  <a class="brand" href="/" aria-label="${context.site.name} home">${logo}<span>${context.site.name}</span></a>
  <nav class="main-nav" aria-label="Main">
    <a href="/trending">Posts</a>
    <a href="/communities">Communities</a>
    <a href="/tags">Tags</a>
    <a href="/rewards">Rewards</a>
  </nav>
  <form class="search-form" action="/search" method="get" role="search">
    <label class="visually-hidden" for="site-search">Search</label>
    <input id="site-search" name="q" type="search" placeholder="Search" value="${q}" maxlength="200">
  </form>
  ${readerMenu(context)}
</header>`;
}

function footer(context: PageContext): Html {
  return html`<footer class="site-footer">
  <p>${context.site.name} — a self-hosted social blogging network. Every post, vote and payout is a signed transaction anyone can audit.</p>
  <nav aria-label="Footer"><a href="/communities">Communities</a> · <a href="/tags">Tags</a> · <a href="/rewards">Rewards</a> · <a href="/welcome">About</a> · <a href="/faq.html">FAQ</a></nav>
</footer>`;
}

/** The whole HTML document of a page view (`htmlBytes` encodes it to send). */
export function renderDocument(context: PageContext, view: PageView): Html {
  const title = view.title === "" ? context.site.name : `${view.title} — ${context.site.name}`;
  const scripts = new Set<string>();
  for (const entry of ["app", ...(view.scripts ?? [])]) for (const path of context.site.scriptPaths(entry)) scripts.add(path);
  return html`<!doctype html><html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${metaTags(context, view, title)}
<link rel="stylesheet" href="${context.site.stylePath}">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
</head>
<body>
${header(context)}
<main id="main" class="${view.wide ? "main main-wide" : "main"}" tabindex="-1">
${view.main}
</main>
${footer(context)}
<div class="toast-region" role="status" aria-live="polite" data-toasts></div>
${[...scripts].map((path) => html`<script type="module" src="${path}"></script>`)}
</body>
</html>`;
}
