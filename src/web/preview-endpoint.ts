/**
 * POST /api/render: the editor's live preview. The draft is rendered by the very function that renders
 * published posts, so the preview is the final page's body; nothing is stored or logged.
 */
import { EndpointError, readJsonBody, sendEndpointError, sendJson } from "./http-body.ts";
import { renderPostBody } from "./render/index.ts";
import type { PostEndpoint } from "./web-app.ts";

/** A draft's bytes: Steem's comment body limit is 64 KiB of UTF-8, and a preview request adds a little. */
export const previewRequestBytesMax = 80 * 1024;

export function createPreviewEndpoint(options: { proxifyImage: (url: string, width: number) => string }): PostEndpoint {
  return (request, response) => {
    readJsonBody(request, previewRequestBytesMax).then((body) => {
      if (typeof body.body !== "string") throw new EndpointError(400, "invalid_body", "Send {\"body\": \"…markdown or HTML…\"}.");
      const rendered = renderPostBody(body.body, { proxifyImage: options.proxifyImage });
      sendJson(response, 200, { html: rendered.html, images: rendered.images, mentions: rendered.mentions, tags: rendered.tags });
    }).catch((error: unknown) => sendEndpointError(response, error));
  };
}
