/**
 * YouTube and Vimeo links and iframes become click-to-load placeholders: a thumbnail link that works
 * without JavaScript, which a client script may swap for the player. The server never emits an iframe.
 */
import type { Element } from "domhandler";
import { createElement, createText } from "./dom-nodes.ts";
import { imageWidthPixels, proxifiedImageUrl } from "./safe-url.ts";

/** A video we know how to embed, with an id already checked against the provider's format. */
export interface VideoRef {
  readonly provider: "youtube" | "vimeo";
  readonly id: string;
}

const youtubeIdPattern = /^[A-Za-z0-9_-]{6,20}$/;
const vimeoIdPattern = /^[0-9]{1,12}$/;
const youtubeHosts = new Set(["youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com", "www.youtube-nocookie.com"]);
const vimeoHosts = new Set(["vimeo.com", "www.vimeo.com", "player.vimeo.com"]);

/** The iframe hosts the sanitizer lets through, only so that their iframes can be turned into placeholders. */
export const embedIframeHosts: readonly string[] = ["www.youtube.com", "youtube.com", "www.youtube-nocookie.com", "player.vimeo.com"];

/**
 * Recognizes a video URL (an absolute http(s) URL, already made safe): YouTube watch?v=, youtu.be/, /embed/,
 * /shorts/, /live/ and Vimeo vimeo.com/ID or player.vimeo.com/video/ID. Query strings other than v= are ignored.
 */
export function parseVideoUrl(href: string): VideoRef | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  const host = url.hostname.toLowerCase();
  const segments = url.pathname.split("/").filter((segment) => segment !== "");
  if (host === "youtu.be") return youtube(segments.length === 1 ? segments[0] : undefined);
  if (youtubeHosts.has(host)) {
    if (segments.length === 1 && segments[0] === "watch") return youtube(url.searchParams.get("v") ?? undefined);
    if (segments.length === 2 && ["embed", "shorts", "live", "v"].includes(segments[0])) return youtube(segments[1]);
    return null;
  }
  if (vimeoHosts.has(host)) {
    if (host === "player.vimeo.com") return segments.length === 2 && segments[0] === "video" ? vimeo(segments[1]) : null;
    return segments.length === 1 ? vimeo(segments[0]) : null;
  }
  return null;
}

function youtube(id: string | undefined): VideoRef | null {
  return id !== undefined && youtubeIdPattern.test(id) ? { provider: "youtube", id } : null;
}

function vimeo(id: string | undefined): VideoRef | null {
  return id !== undefined && vimeoIdPattern.test(id) ? { provider: "vimeo", id } : null;
}

/** The page a reader opens when the placeholder is clicked without JavaScript. */
export function videoWatchUrl(video: VideoRef): string {
  return video.provider === "youtube" ? `https://www.youtube.com/watch?v=${video.id}` : `https://vimeo.com/${video.id}`;
}

/** Whether `id` is a valid id for `provider`; the client script checks again before building an iframe. */
export function isValidVideoId(provider: string, id: string): boolean {
  if (provider === "youtube") return youtubeIdPattern.test(id);
  if (provider === "vimeo") return vimeoIdPattern.test(id);
  return false;
}

/**
 * Builds `<div class="videoWrapper" data-embed-provider data-embed-id><a href=watch page><img thumbnail></a></div>`.
 * YouTube gets its thumbnail image (through the image proxy when there is one); Vimeo, whose thumbnails need an
 * API call, gets a text link.
 */
export function createVideoPlaceholder(video: VideoRef, proxifyImage?: (url: string, width: number) => string): Element {
  const thumbnail = `https://img.youtube.com/vi/${video.id}/0.jpg`;
  const content = video.provider === "youtube" ? createElement("img", { src: proxifiedImageUrl(thumbnail, imageWidthPixels, proxifyImage), alt: "YouTube video" }) : createText("Vimeo video");
  const link = createElement("a", { href: videoWatchUrl(video), target: "_blank", rel: "noopener noreferrer" }, [content]);
  return createElement("div", { class: "videoWrapper", "data-embed-provider": video.provider, "data-embed-id": video.id }, [link]);
}
