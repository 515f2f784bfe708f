/**
 * Rendered bodies and card texts, kept by post and edit time: rendering markdown and sanitizing costs
 * milliseconds, a page is served in less, and a post's body only changes when it is edited (its `updated`
 * time moves). Bounded by the bytes held; the oldest entries go first.
 */
import { type RenderedBody, firstImage, renderPostBody, summarizeBody } from "./render/index.ts";
import type { BridgePost } from "./bridge-post.ts";

/** Bytes (UTF-16 code units × 2) of rendered text kept. */
export const renderedTextBytesMax = 64 * 1024 * 1024;

/** Characters of a card's summary. */
export const cardSummaryChars = 140;

export interface CardText {
  readonly summary: string;
  readonly image: string | null;
}

export interface PostTextCache {
  body(post: BridgePost): RenderedBody;
  card(post: BridgePost): CardText;
}

class BoundedMap<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private bytes = 0;
  constructor(private readonly bytesMax: number) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V, bytes: number): void {
    this.entries.set(key, { value, bytes });
    this.bytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.bytesMax) break;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
  }
}

/** A cache whose body renders use the site's image proxy and host. */
export function createPostTextCache(options: { proxifyImage: (url: string, width: number) => string; siteHost?: string }): PostTextCache {
  const bodies = new BoundedMap<RenderedBody>(renderedTextBytesMax / 2);
  const cards = new BoundedMap<CardText>(renderedTextBytesMax / 2);
  const keyOf = (post: BridgePost) => `${post.author}/${post.permlink}@${post.updated}`;
  return {
    body(post) {
      const key = keyOf(post);
      let rendered = bodies.get(key);
      if (rendered === undefined) {
        const lowQuality = post.stats?.gray === true || post.stats?.hide === true;
        rendered = renderPostBody(post.body, { proxifyImage: options.proxifyImage, siteHost: options.siteHost, lowQuality });
        bodies.set(key, rendered, rendered.html.length * 2 + 256);
      }
      return rendered;
    },
    card(post) {
      const key = keyOf(post);
      let card = cards.get(key);
      if (card === undefined) {
        card = { summary: summarizeBody(post.body, cardSummaryChars), image: firstImage(post.body, post.json_metadata?.image) };
        cards.set(key, card, card.summary.length * 2 + (card.image?.length ?? 0) * 2 + 128);
      }
      return card;
    },
  };
}
