/**
 * The DOM pass over already-sanitized HTML: links text, decorates links and images, and turns videos into
 * placeholders. Every node it adds is built here from checked values, never parsed from the author's markup.
 */
import { type ChildNode, type Document, Element, Text } from "domhandler";
import { createElement, createText, setChildren, textContentOf } from "./dom-nodes.ts";
import { liftVideoBlocks, liftVideoBlocksInRoot } from "./lift-video-blocks.ts";
import { createPhishyNotice, isSuspiciousLink, type LinkContext, linkAttributes } from "./link-policy.ts";
import { isPhishingHost } from "./phishing.ts";
import { imageWidthPixels, parseSafeUrl, proxifiedImageUrl, type SafeUrl } from "./safe-url.ts";
import { splitTextIntoLinks } from "./text-links.ts";
import { createVideoPlaceholder, parseVideoUrl, type VideoRef, videoWatchUrl } from "./video-embed.ts";

/** What the DOM pass needs from the caller's options. */
export interface DecorateOptions extends LinkContext {
  readonly proxifyImage?: (url: string, width: number) => string;
}

/** What a body refers to, each list in order of first appearance without repeats. */
export interface BodyFacts {
  readonly images: string[];
  readonly links: string[];
  readonly mentions: string[];
  readonly tags: string[];
}

/** The state of one pass: options, what was found, and which nodes may become video blocks. */
export interface DecorateState {
  readonly options: DecorateOptions;
  readonly images: Set<string>;
  readonly links: Set<string>;
  readonly mentions: Set<string>;
  readonly tags: Set<string>;
  /** Links to a video; they become placeholders if they stand alone on their line. */
  readonly videoLinks: WeakMap<Element, VideoRef>;
  /** Placeholders made from iframes; they leave any paragraph they are in. */
  readonly videoBlocks: WeakSet<Element>;
}

interface Place {
  readonly insideLink: boolean;
  readonly insideCode: boolean;
}

const outsideLinks: Place = { insideLink: false, insideCode: false };

/** Decorates a sanitized document in place and returns what it refers to. */
export function decorateBodyDom(document: Document, options: DecorateOptions): BodyFacts {
  const state: DecorateState = {
    options,
    images: new Set(),
    links: new Set(),
    mentions: new Set(),
    tags: new Set(),
    videoLinks: new WeakMap(),
    videoBlocks: new WeakSet(),
  };
  setChildren(document, decorateChildren(document.children, state, outsideLinks));
  liftVideoBlocksInRoot(document, state);
  return { images: [...state.images], links: [...state.links], mentions: [...state.mentions], tags: [...state.tags] };
}

function decorateChildren(children: readonly ChildNode[], state: DecorateState, place: Place): ChildNode[] {
  const decorated: ChildNode[] = [];
  // One text node can turn into tens of thousands of nodes; spreading them as arguments would overflow the stack.
  for (const child of children) for (const node of decorateNode(child, state, place)) decorated.push(node);
  return decorated;
}

function decorateNode(node: ChildNode, state: DecorateState, place: Place): ChildNode[] {
  if (node instanceof Text) return place.insideLink || place.insideCode ? [node] : linkText(node.data, characterBefore(node), state);
  // Comments and directives cannot survive the sanitizer; anything else that is not an element is dropped.
  if (!(node instanceof Element)) return [];
  if (node.name === "a") return decorateLink(node, state, place);
  if (node.name === "img") return decorateImage(node, state, place);
  if (node.name === "iframe") return decorateIframe(node, state, place);
  const inCode = place.insideCode || node.name === "code" || node.name === "pre";
  setChildren(node, decorateChildren(node.children, state, { insideLink: place.insideLink, insideCode: inCode }));
  return liftVideoBlocks(node, state);
}

// Text inside these runs on from the text before it, so its last character decides whether "@x" starts a mention.
const inlineElements = new Set(["a", "b", "i", "q", "em", "strong", "code", "span", "del", "strike", "sup", "sub"]);

function characterBefore(node: Text): string {
  const previous = node.prev;
  if (previous instanceof Text) return previous.data.slice(-1);
  if (previous instanceof Element && inlineElements.has(previous.name)) return textContentOf(previous).slice(-1);
  return "";
}

function linkText(text: string, before: string, state: DecorateState): ChildNode[] {
  const nodes: ChildNode[] = [];
  for (const piece of splitTextIntoLinks(text, before)) {
    if (piece.kind === "text") {
      nodes.push(createText(piece.text));
    } else if (piece.kind === "url") {
      const url = parseSafeUrl(piece.url);
      // A found URL that is not acceptable stays text: unwrapping it as a link would find it again, forever.
      if (url === null) nodes.push(createText(piece.text));
      else for (const node of decorateLinkTo(createElement("a", {}, [createText(piece.text)]), url, state, outsideLinks)) nodes.push(node);
    } else if (piece.kind === "mention") {
      state.mentions.add(piece.account);
      nodes.push(createElement("a", { href: `/@${piece.account}` }, [createText(piece.text)]));
    } else {
      state.tags.add(piece.tag);
      nodes.push(createElement("a", { href: `/trending/${piece.tag}` }, [createText(piece.text)]));
    }
  }
  return nodes;
}

function decorateLink(link: Element, state: DecorateState, place: Place): ChildNode[] {
  const url = parseSafeUrl(link.attribs.href);
  // A link inside a link, or one without a usable URL, is reduced to its content.
  if (place.insideLink || url === null) return decorateChildren(link.children, state, place);
  return decorateLinkTo(link, url, state, place);
}

function decorateLinkTo(link: Element, url: SafeUrl, state: DecorateState, place: Place): ChildNode[] {
  const text = textContentOf(link);
  if (isSuspiciousLink(text, url, state.options)) return [createPhishyNotice(text.trim() === "" ? url.href : text)];
  link.attribs = linkAttributes(url, state.options, link.attribs.title);
  state.links.add(url.href);
  const video = url.host === null ? null : parseVideoUrl(url.href);
  if (video !== null) state.videoLinks.set(link, video);
  setChildren(link, decorateChildren(link.children, state, { insideLink: true, insideCode: place.insideCode }));
  return [link];
}

function decorateImage(image: Element, state: DecorateState, place: Place): ChildNode[] {
  const url = parseSafeUrl(image.attribs.src);
  const alt = (image.attribs.alt ?? "").trim();
  if (url === null) return [createText(alt === "" ? "(broken image)" : `(broken image: ${alt})`)];
  state.images.add(url.href);
  const proxify = state.options.proxifyImage;
  const attribs: Record<string, string> = { src: proxifiedImageUrl(url.href, imageWidthPixels, proxify), alt };
  if (proxify !== undefined) {
    const double = proxifiedImageUrl(url.href, imageWidthPixels * 2, proxify);
    // A comma inside a srcset URL can end the candidate early; such images simply go without a 2× version.
    if (!attribs.src.includes(",") && !double.includes(",")) attribs.srcset = `${attribs.src} 1x, ${double} 2x`;
  }
  if (image.attribs.title !== undefined && image.attribs.title !== "") attribs.title = image.attribs.title;
  attribs.loading = "lazy";
  const rendered = createElement("img", attribs);
  // Images already in a link keep that link; a phishing host's image is shown but not linked to.
  if (place.insideLink || (url.host !== null && isPhishingHost(url.host, state.options.phishingHosts))) return [rendered];
  return [createElement("a", linkAttributes(url, state.options), [rendered])];
}

function decorateIframe(iframe: Element, state: DecorateState, place: Place): ChildNode[] {
  const url = parseSafeUrl(iframe.attribs.src);
  const video = url === null || url.host === null ? null : parseVideoUrl(url.href);
  if (video === null) return [createText("(unsupported embed)")];
  state.links.add(videoWatchUrl(video));
  if (place.insideLink) return [createText(videoWatchUrl(video))];
  const block = createVideoPlaceholder(video, state.options.proxifyImage);
  state.videoBlocks.add(block);
  return [block];
}
