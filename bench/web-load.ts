/**
 * The GET variant of bench:index's load generator (index-load.ts's `runClosedLoop`): a fixed
 * number of keep-alive connections over raw sockets, one request in flight on each, every connection reading
 * into one reused buffer, requests taken in turn from a fixed list. Latency is measured per request from
 * write to complete response. A response is an error unless it is HTTP 200.
 */
import { type ClosedLoopResult, runClosedLoop } from "./index-load.ts";

/** One GET: a path (with its query) and, for a logged-in reader, the cookie naming them. */
export interface PageRequest {
  readonly path: string;
  readonly observer?: string;
}

export interface GetLoadOptions {
  readonly url: string;
  readonly connections: number;
  readonly warmupSeconds: number;
  readonly seconds: number;
  /** Sent in turn, round-robin over all connections. */
  readonly requests: readonly PageRequest[];
}

/** What a load run measured, with the mean bytes of a response (head and body) in the measured window. */
export type GetLoadResult = ClosedLoopResult;

/** The bytes of one GET request as a browser without caches would send it (no compression asked for). */
export function getRequestBytes(host: string, request: PageRequest): Buffer {
  const cookie = request.observer === undefined ? "" : `Cookie: kettle_user=${request.observer}\r\n`;
  return Buffer.from(`GET ${request.path} HTTP/1.1\r\nHost: ${host}\r\nAccept: text/html\r\n${cookie}Connection: keep-alive\r\n\r\n`, "latin1");
}

/** Loads the server at `options.url` with the GETs, warm-up first, and says what the measured window saw. */
export function runGetLoad(options: GetLoadOptions): Promise<GetLoadResult> {
  const url = new URL(options.url);
  return runClosedLoop({
    ...options,
    requests: options.requests.map((request) => getRequestBytes(url.host, request)),
    check: (response, index) => (response.status === 200 ? null : `HTTP ${response.status} for ${options.requests[index].path}: ${response.body.toString().slice(0, 300)}`),
  });
}
