/**
 * How a safe URL becomes a link: internal links stay plain, external ones open in a new tab without the opener
 * or referrer, and links to phishing hosts or with text claiming another host are refused.
 */
import type { Element } from "domhandler";
import { createElement, createText } from "./dom-nodes.ts";
import { isPhishingHost, phishingWarning } from "./phishing.ts";
import { parseSafeUrl, type SafeUrl } from "./safe-url.ts";

/** What the link rules need to know about the page. */
export interface LinkContext {
  readonly siteHost?: string;
  readonly lowQuality?: boolean;
  readonly phishingHosts?: ReadonlySet<string>;
}

/**
 * rel for links that leave the site. "ugc" marks user content for search engines; "nofollow" is added for
 * low-rated or muted content, which is what RenderBodyOptions.lowQuality promises.
 */
export function externalLinkRel(context: LinkContext): string {
  return context.lowQuality === true ? "noopener noreferrer nofollow ugc" : "noopener noreferrer ugc";
}

function withoutWww(host: string): string {
  return host.toLowerCase().replace(/^www\./, "");
}

/** Whether a URL stays on this site: a site-relative path, or an absolute URL on `siteHost` (with or without www.). */
export function isInternalUrl(url: SafeUrl, context: LinkContext): boolean {
  if (url.host === null) return true;
  return context.siteHost !== undefined && context.siteHost !== "" && withoutWww(url.host) === withoutWww(context.siteHost);
}

/**
 * The host a link's visible text claims to go to, or null when the text does not look like a URL. Text counts as
 * a URL when it starts with a scheme, "//" or "www.", or starts with the site's own host. Plain words with dots
 * ("Node.js") do not count, so ordinary link text is never flagged. "?" stands for URL-like text that does not
 * parse (for example one with credentials), which never matches a real host.
 */
export function claimedHostOfLinkText(text: string, context: LinkContext): string | null {
  const trimmed = text.trim();
  if (trimmed === "" || /\s/.test(trimmed)) return null;
  const ownHost = context.siteHost === undefined || context.siteHost === "" ? null : withoutWww(context.siteHost);
  const bare = withoutWww(trimmed);
  const claimsOwnHost = ownHost !== null && bare.startsWith(ownHost) && /^(?:[/?#]|$)/.test(bare.slice(ownHost.length));
  if (!claimsOwnHost && !/^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(trimmed) && !/^www\./i.test(trimmed)) return null;
  return parseSafeUrl(trimmed)?.host ?? "?";
}

/** Whether an external link's text claims a different host than the one it opens (a classic phishing trick). */
export function isLookAlikeLink(text: string, url: SafeUrl, context: LinkContext): boolean {
  if (url.host === null) return false;
  const claimed = claimedHostOfLinkText(text, context);
  return claimed !== null && withoutWww(claimed) !== withoutWww(url.host);
}

/** Whether a link must not be clickable: it leaves the site and goes to a phishing host or disguises its host. */
export function isSuspiciousLink(text: string, url: SafeUrl, context: LinkContext): boolean {
  if (url.host === null || isInternalUrl(url, context)) return false;
  return isPhishingHost(url.host, context.phishingHosts) || isLookAlikeLink(text, url, context);
}

/** The attributes of a link to `url`; `title` is the author's title, kept on internal links only. */
export function linkAttributes(url: SafeUrl, context: LinkContext, title?: string): Record<string, string> {
  if (isInternalUrl(url, context)) return title === undefined || title === "" ? { href: url.href } : { href: url.href, title };
  return {
    href: url.href,
    class: "external",
    target: "_blank",
    rel: externalLinkRel(context),
    title: `This link leaves the site for ${url.host}`,
  };
}

/** The non-clickable stand-in for a refused link: its text, with a warning as tooltip. */
export function createPhishyNotice(text: string): Element {
  return createElement("div", { class: "phishy", title: phishingWarning }, [createText(text)]);
}
