/**
 * The whitelist sanitizer: reduces untrusted HTML to the few tags and attributes a post may use. Everything the
 * DOM pass adds afterwards (rel, target, srcset, placeholders) is built by us, not taken from the author.
 */
import sanitizeHtml from "sanitize-html";
import { parseSafeUrl } from "./safe-url.ts";
import { embedIframeHosts } from "./video-embed.ts";

/** Tags an author may use. iframe is only let through so that whitelisted players become placeholders. */
export const bodyTagsAllowed: readonly string[] = [
  "div", "iframe", "del", "a", "p", "b", "i", "q", "br", "ul", "li", "ol", "img",
  "h1", "h2", "h3", "h4", "h5", "h6", "hr", "blockquote", "pre", "code", "em", "strong", "center",
  "table", "thead", "tbody", "tr", "th", "td", "strike", "sup", "sub", "span",
];

/** Classes an author may put on a div (layout helpers Steem posts use, and the markers our own output uses). */
export const divClassesAllowed: readonly string[] = ["pull-left", "pull-right", "text-justify", "text-rtl", "text-center", "text-right", "videoWrapper", "phishy"];

/** The deepest element nesting kept; deeper tags are dropped (their text stays). Real posts stay far below this. */
export const nestingDepthMax = 40;

/** Table cells may be aligned (Steemit allowed `style="text-align:…"`), as these classes. */
export const cellClassesAllowed = ["text-left", "text-right", "text-center"] as const;

function alignmentToClass(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const { style, class: _ignored, ...rest } = attribs;
  const align = /(?:^|;)\s*text-align\s*:\s*(left|right|center)\s*(?:;|$)/i.exec(style ?? "");
  return { tagName, attribs: align === null ? rest : { ...rest, class: `text-${align[1].toLowerCase()}` } };
}

// The content of these is not readable text (or is parsed as raw text by browsers), so it goes with the tag.
const dropWithContent = ["script", "style", "textarea", "option", "select", "xmp", "noscript", "noembed", "noframes", "template", "title", "plaintext", "svg", "math", "object", "applet"];

const options: sanitizeHtml.IOptions = {
  allowedTags: [...bodyTagsAllowed],
  allowedAttributes: {
    a: ["href", "title"],
    img: ["src", "alt", "title"],
    iframe: ["src", "width", "height", "frameborder", "allowfullscreen"],
    div: ["class"],
    td: ["class"],
    th: ["class"],
  },
  allowedClasses: { div: [...divClassesAllowed], td: [...cellClassesAllowed], th: [...cellClassesAllowed] },
  allowedSchemes: ["http", "https"],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ["href", "src", "cite", "srcset", "action", "formaction", "poster", "background", "xlink:href"],
  allowProtocolRelative: false,
  allowedIframeHostnames: [...embedIframeHosts],
  allowIframeRelativeUrls: false,
  nonTextTags: dropWithContent,
  disallowedTagsMode: "discard",
  nestingLimit: nestingDepthMax,
  parseStyleAttributes: true,
  // URLs are put in their canonical safe form before the sanitizer's own scheme check, which then runs as a
  // second line of defence; "//host" and "www.host" become https and "/\\host" tricks are neutralized here.
  transformTags: {
    // markdown-it writes ~~strikethrough~~ as <s>; the whitelist's name for it is <del>.
    s: "del",
    a: (tagName, attribs) => ({ tagName, attribs: withSafeUrl(attribs, "href") }),
    img: (tagName, attribs) => ({ tagName, attribs: withSafeUrl(attribs, "src") }),
    // Cell alignment becomes a class: the site's Content-Security-Policy allows no inline styles.
    td: alignmentToClass,
    th: alignmentToClass,
  },
};

function withSafeUrl(attribs: sanitizeHtml.Attributes, name: string): sanitizeHtml.Attributes {
  const { [name]: raw, ...rest } = attribs;
  const url = parseSafeUrl(raw);
  return url === null ? rest : { ...rest, [name]: url.href };
}

/** Sanitizes HTML with the post-body whitelist; the result holds only allowed tags, attributes and URLs. */
export function sanitizeBodyHtml(html: string): string {
  return sanitizeHtml(html, options);
}
