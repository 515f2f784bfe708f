/**
 * Video placeholders are blocks (a div), and a div cannot sit inside a paragraph: browsers would close the
 * paragraph early. So a paragraph holding a video is split around it, and a video link becomes a placeholder
 * only when it stands alone on its line in a paragraph or a block container.
 */
import { type ChildNode, type Document, Element, Text } from "domhandler";
import type { DecorateState } from "./decorate-body-dom.ts";
import { createElement, isElementNamed, setChildren } from "./dom-nodes.ts";
import { createVideoPlaceholder } from "./video-embed.ts";

// Elements that may hold a div; a video link inside anything else (strong, a heading, a table cell's span) stays a link.
const blockContainers = new Set(["div", "li", "td", "th", "blockquote", "center"]);

type Segment = { readonly run: ChildNode[] } | { readonly video: Element };

/** Returns the nodes that replace `element`: itself, or for a paragraph with videos, paragraphs and placeholders. */
export function liftVideoBlocks(element: Element, state: DecorateState): ChildNode[] {
  const isParagraph = element.name === "p";
  if (!isParagraph && !blockContainers.has(element.name)) return [element];
  const segments = splitAtVideos(element.children, state);
  if (segments === null) return [element];
  if (!isParagraph) {
    setChildren(element, flatten(segments));
    return [element];
  }
  const nodes: ChildNode[] = [];
  for (const segment of segments) {
    if ("video" in segment) nodes.push(segment.video);
    else if (segment.run.some((node) => !isBlank(node))) nodes.push(createElement("p", { ...element.attribs }, segment.run));
  }
  return nodes;
}

/** The same for the top level of the document, which may hold blocks. */
export function liftVideoBlocksInRoot(document: Document, state: DecorateState): void {
  const segments = splitAtVideos(document.children, state);
  if (segments !== null) setChildren(document, flatten(segments));
}

function flatten(segments: readonly Segment[]): ChildNode[] {
  return segments.flatMap((segment) => ("video" in segment ? [segment.video] : segment.run));
}

function splitAtVideos(children: readonly ChildNode[], state: DecorateState): Segment[] | null {
  const segments: Segment[] = [];
  let run: ChildNode[] = [];
  let found = false;
  for (let index = 0; index < children.length; index++) {
    const video = videoBlockAt(children, index, state);
    if (video === null) {
      run.push(children[index]);
      continue;
    }
    found = true;
    segments.push({ run: withoutTrailingBreak(run) }, { video });
    run = [];
    // The line break that ended the video's line has nothing left to break after a block.
    index = afterLineEnd(children, index + 1) - 1;
  }
  segments.push({ run });
  return found ? segments : null;
}

function videoBlockAt(children: readonly ChildNode[], index: number, state: DecorateState): Element | null {
  const child = children[index];
  if (!(child instanceof Element)) return null;
  if (state.videoBlocks.has(child)) return child;
  const video = state.videoLinks.get(child);
  if (video === undefined || !isAloneOnLine(children, index)) return null;
  return createVideoPlaceholder(video, state.options.proxifyImage);
}

function isAloneOnLine(children: readonly ChildNode[], index: number): boolean {
  let before = index - 1;
  while (before >= 0 && isBlank(children[before])) before--;
  let after = index + 1;
  while (after < children.length && isBlank(children[after])) after++;
  return (before < 0 || isElementNamed(children[before], "br")) && (after >= children.length || isElementNamed(children[after], "br"));
}

function afterLineEnd(children: readonly ChildNode[], index: number): number {
  while (index < children.length && isBlank(children[index])) index++;
  return isElementNamed(children[index], "br") ? index + 1 : index;
}

function withoutTrailingBreak(run: ChildNode[]): ChildNode[] {
  let end = run.length;
  while (end > 0 && isBlank(run[end - 1])) end--;
  if (end > 0 && isElementNamed(run[end - 1], "br")) end--;
  return run.slice(0, end);
}

function isBlank(node: ChildNode): boolean {
  return node instanceof Text && node.data.trim() === "";
}
