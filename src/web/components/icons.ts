/**
 * The site's few icons as inline SVG (no icon font, no emoji, which many systems cannot draw): decorative,
 * so hidden from screen readers; the text beside each says what it means.
 */
import { type Html, trustedHtml } from "../html.ts";

const paths = {
  reply: '<path d="M4 5h16v11H8l-4 4z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/>',
  bell: '<path d="M6 16V11a6 6 0 0 1 12 0v5l2 2H4zM10 20a2 2 0 0 0 4 0" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/>',
  reblog: '<path d="M4 9l3-3 3 3M7 6v9a3 3 0 0 0 3 3h6M20 15l-3 3-3-3M17 18V9a3 3 0 0 0-3-3H8" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>',
  mention: '<circle cx="12" cy="12" r="4" fill="none" stroke="currentColor" stroke-width="2"/><path d="M16 8v5a2 2 0 0 0 4 0v-1a8 8 0 1 0-3 6" fill="none" stroke="currentColor" stroke-width="2"/>',
  person: '<circle cx="12" cy="8" r="4" fill="none" stroke="currentColor" stroke-width="2"/><path d="M4 21a8 8 0 0 1 16 0" fill="none" stroke="currentColor" stroke-width="2"/>',
  up: '<path d="M12 5l7 12H5z" fill="currentColor"/>',
  community: '<path d="M3 11l9-7 9 7v9H3z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/>',
  shield: '<path d="M12 3l8 3v6c0 5-4 8-8 9-4-1-8-4-8-9V6z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/>',
  pin: '<path d="M9 3h6l-1 6 4 4H6l4-4zM12 13v8" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/>',
  mute: '<path d="M4 9h4l5-4v14l-5-4H4zM17 9l4 6M21 9l-4 6" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/>',
  flag: '<path d="M5 21V4h11l-2 4 2 4H5" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/>',
  warning: '<path d="M12 3l10 18H2zM12 10v5M12 18v.5" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/>',
  gear: '<circle cx="12" cy="12" r="3" fill="none" stroke="currentColor" stroke-width="2"/><path d="M12 2v3M12 19v3M2 12h3M19 12h3M5 5l2 2M17 17l2 2M5 19l2-2M17 7l2-2" stroke="currentColor" stroke-width="2"/>',
  dot: '<circle cx="12" cy="12" r="3" fill="currentColor"/>',
} as const;

export type IconName = keyof typeof paths;

const rendered = new Map<IconName, Html>();

/** An icon sized to the text around it. */
export function icon(name: IconName): Html {
  let svg = rendered.get(name);
  if (svg === undefined) {
    svg = trustedHtml(`<svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">${paths[name]}</svg>`);
    rendered.set(name, svg);
  }
  return svg;
}
