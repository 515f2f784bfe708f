/** Reading a small JSON request body with a byte cap, for the site's POST endpoints. */
import type { IncomingMessage, ServerResponse } from "node:http";

/** A refusal of a site endpoint: HTTP status, stable code, a message a person can act on. */
export class EndpointError extends Error {
  override name = "EndpointError";
  constructor(readonly status: number, readonly code: string, message: string, readonly retryAfterSeconds?: number) {
    super(message);
  }
}

/** The request's JSON body; an EndpointError when it is too large, not JSON, or not an object. */
export function readJsonBody(request: IncomingMessage, bytesMax: number): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers["content-length"] ?? 0);
    if (declared > bytesMax) {
      request.resume();
      reject(new EndpointError(413, "payload_too_large", `The request is over ${bytesMax} bytes.`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > bytesMax) {
        request.destroy();
        reject(new EndpointError(413, "payload_too_large", `The request is over ${bytesMax} bytes.`));
        return;
      }
      chunks.push(chunk);
    });
    request.on("error", reject);
    request.on("end", () => {
      try {
        const value: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("not an object");
        resolve(value as Record<string, unknown>);
      } catch {
        reject(new EndpointError(400, "invalid_json", "The request body must be a JSON object."));
      }
    });
  });
}

/** Answers with JSON: the value, or `{error: {code, message}}` for an EndpointError (500 for anything else). */
export function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "content-length": Buffer.byteLength(body) }).end(body);
}

export function sendEndpointError(response: ServerResponse, error: unknown): void {
  if (error instanceof EndpointError) {
    if (error.retryAfterSeconds !== undefined) response.setHeader("retry-after", String(error.retryAfterSeconds));
    sendJson(response, error.status, { error: { code: error.code, message: error.message } });
    return;
  }
  sendJson(response, 500, { error: { code: "internal_error", message: "The server could not do that; try again later." } });
}

/** Counts events per key in a sliding window, in memory (a restart forgets them). */
export class WindowLimiter {
  private readonly events = new Map<string, number[]>();
  constructor(private readonly max: number, private readonly windowSeconds: number) {}

  /** Records an event for `key` at `now` (seconds) if under the limit; otherwise the seconds until one is allowed. */
  take(key: string, now: number): number | null {
    const recent = (this.events.get(key) ?? []).filter((time) => time > now - this.windowSeconds);
    if (recent.length >= this.max) {
      this.events.set(key, recent);
      return Math.ceil(recent[0] + this.windowSeconds - now);
    }
    recent.push(now);
    this.events.set(key, recent);
    if (this.events.size > 100_000) this.events.delete(this.events.keys().next().value as string);
    return null;
  }
}
