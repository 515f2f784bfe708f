/**
 * Post body rendering for pages, previews, cards and <meta> tags: the public surface of src/web/render.
 */
export { firstImage } from "./first-image.ts";
export { type RenderBodyOptions, type RenderedBody, bodyBytesMax, looksLikeHtmlBody, renderPostBody } from "./render-post-body.ts";
export { builtInPhishingHosts, isPhishingHost } from "./phishing.ts";
export { summarizeBody, summaryCharsDefault } from "./summarize-body.ts";
export { isValidVideoId, parseVideoUrl, type VideoRef } from "./video-embed.ts";
