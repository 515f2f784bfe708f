/**
 * A closed-loop HTTP/1.1 load generator for JSON-RPC: a fixed number of keep-alive connections, each with
 * one request in flight, over raw sockets (Node's http client would cost more CPU per request than the
 * servers it measures), each reading into one reused buffer so that the generator allocates next to
 * nothing per response (its garbage collection would otherwise show in the latencies). Latency is measured per request from write to complete response, with
 * microsecond resolution. A response is an error unless it is HTTP 200 with a JSON-RPC result.
 */
import { connect, type Socket } from "node:net";

export interface LoadOptions {
  readonly url: string;
  readonly connections: number;
  readonly warmupSeconds: number;
  readonly seconds: number;
  /** Request bodies, sent in turn. */
  readonly bodies: readonly string[];
}

export interface LoadResult {
  /** Responses completed inside the measured window. */
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Errors during warm-up or measurement (any fails the run). */
  readonly errors: number;
  readonly firstError: string;
}

const errorPrefix = Buffer.from('{"jsonrpc":"2.0","error"');
const headerEnd = Buffer.from("\r\n\r\n");

export interface Response {
  readonly status: number;
  readonly body: Buffer;
}

/**
 * Reads one connection's responses from the bytes it receives, which are only valid during the call (the
 * connection reads into one buffer it reuses: see `runLoad`). A response with a Content-Length (what the
 * measured servers send) is taken in as it comes: only its first bytes are kept, enough to tell a result
 * from an error, and the whole body only of an error (to report it). Copying and collecting every answer —
 * answers of 100 kB come in several reads — would make the generator's own garbage collection part of the
 * latencies it measures. Chunked responses are read whole.
 */
export function responseReader(onResponse: (response: Response) => void): (data: Buffer) => void {
  /** An incomplete head so far (a copy), null when none. */
  let head: Buffer | null = null;
  let status = 0;
  /** Body bytes still to come (Content-Length), -1 while reading a head. */
  let remaining = -1;
  /** The body's first bytes (copies), up to `errorPrefix.length`. */
  let prefix: Buffer[] = [];
  let prefixBytes = 0;
  /** Copies of the whole body so far, when it must be reported (not a 200 result); null otherwise. */
  let whole: Buffer[] | null = null;
  /** A chunked body so far (a copy), null when not reading one. */
  let chunked: Buffer | null = null;
  return (data) => {
    while (data.length > 0) {
      if (chunked !== null) {
        chunked = Buffer.concat([chunked, data]);
        const end = chunkedEnd(chunked);
        if (end === null) return;
        onResponse({ status, body: end.body });
        data = chunked.subarray(end.end);
        chunked = null;
        continue;
      }
      if (remaining < 0) {
        const joined = head === null ? data : Buffer.concat([head, data]);
        const end = joined.indexOf(headerEnd);
        if (end < 0) {
          head = Buffer.from(joined);
          return;
        }
        head = null;
        const header = joined.toString("latin1", 0, end);
        status = Number(header.slice(9, 12));
        data = joined.subarray(end + 4);
        const length = /\r\ncontent-length:\s*(\d+)/i.exec(header);
        if (length === null) {
          if (!/\r\ntransfer-encoding:\s*chunked/i.test(header)) throw new Error(`a response without a length: ${header}`);
          chunked = Buffer.alloc(0);
          continue;
        }
        remaining = Number(length[1]);
        prefix = [];
        prefixBytes = 0;
        whole = status === 200 ? null : [];
      }
      const taken = data.subarray(0, remaining);
      remaining -= taken.length;
      data = data.subarray(taken.length);
      if (prefixBytes < errorPrefix.length && taken.length > 0) {
        const part = Buffer.from(taken.subarray(0, errorPrefix.length - prefixBytes));
        prefix.push(part);
        prefixBytes += part.length;
        // Once the first bytes are in, an error is kept whole from its start.
        if (whole === null && (prefixBytes === errorPrefix.length || remaining === 0) && Buffer.concat(prefix).equals(errorPrefix)) whole = [Buffer.concat(prefix)];
        else if (whole !== null) whole.push(part);
        const rest = taken.subarray(part.length);
        if (whole !== null && rest.length > 0) whole.push(Buffer.from(rest));
      } else if (whole !== null && taken.length > 0) {
        whole.push(Buffer.from(taken));
      }
      if (remaining > 0) return;
      remaining = -1;
      onResponse({ status, body: Buffer.concat(whole ?? prefix) });
    }
  };
}

/** A chunked body in `buffer` once complete: the body and where it ends; null while incomplete. */
function chunkedEnd(buffer: Buffer): { body: Buffer; end: number } | null {
  const chunks: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = buffer.indexOf("\r\n", at);
    if (lineEnd < 0) return null;
    const size = Number.parseInt(buffer.toString("latin1", at, lineEnd), 16);
    const dataStart = lineEnd + 2;
    if (buffer.length < dataStart + size + 2) return null;
    if (size === 0) return { body: Buffer.concat(chunks), end: dataStart + 2 };
    chunks.push(buffer.subarray(dataStart, dataStart + size));
    at = dataStart + size + 2;
  }
}

function requestBytes(host: string, body: string): Buffer {
  const payload = Buffer.from(body);
  const head = `POST / HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${payload.length}\r\nConnection: keep-alive\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), payload]);
}

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const url = new URL(options.url);
  return runClosedLoop({
    ...options,
    requests: options.bodies.map((body) => requestBytes(url.host, body)),
    check: (response) => {
      if (response.status !== 200) return `HTTP ${response.status}: ${response.body.toString().slice(0, 300)}`;
      if (response.body.subarray(0, errorPrefix.length).equals(errorPrefix)) return response.body.toString().slice(0, 300);
      return null;
    },
  });
}

export interface ClosedLoopOptions {
  readonly url: string;
  readonly connections: number;
  readonly warmupSeconds: number;
  readonly seconds: number;
  /** The bytes of each request, sent in turn, round-robin over all connections. */
  readonly requests: readonly Buffer[];
  /** An error message for a response that is not a success (`index` names its request), null for a success. */
  readonly check: (response: Response, index: number) => string | null;
}

/** What a closed-loop run measured, with the mean bytes received per response (heads and bodies) in the measured window. */
export interface ClosedLoopResult extends LoadResult {
  readonly meanResponseBytes: number;
}

/**
 * The load generator both benchmarks share: `options.connections` keep-alive connections, each with one
 * request in flight, warm-up first, and the latencies of the responses of the measured window.
 */
export async function runClosedLoop(options: ClosedLoopOptions): Promise<ClosedLoopResult> {
  const url = new URL(options.url);
  const requests = options.requests;
  let next = 0;
  let errors = 0;
  let firstError = "";
  const latencies: number[] = [];
  const measureFrom = performance.now() + options.warmupSeconds * 1000;
  const measureTo = measureFrom + options.seconds * 1000;
  let completed = 0;
  let responseBytes = 0;

  const runConnection = () =>
    new Promise<void>((resolve, reject) => {
      let socket: Socket | null = null;
      let sentAt = 0;
      let sentIndex = 0;
      const send = () => {
        if (performance.now() >= measureTo) {
          socket!.end();
          resolve();
          return;
        }
        sentAt = performance.now();
        sentIndex = next++ % requests.length;
        socket!.write(requests[sentIndex]);
      };
      const feed = responseReader((response) => {
        const now = performance.now();
        const error = options.check(response, sentIndex);
        if (error !== null) {
          errors++;
          firstError ||= error;
        }
        if (sentAt >= measureFrom && now <= measureTo) {
          completed++;
          latencies.push(now - sentAt);
        }
        send();
      });
      // Every read lands in the same buffer (no allocation per read): the reader copies what it keeps.
      // (`onread` is taken when the socket is made, so by net.connect.)
      const readBuffer = Buffer.allocUnsafe(256 * 1024);
      socket = connect(
        {
          port: Number(url.port),
          host: url.hostname,
          noDelay: true,
          onread: {
            buffer: readBuffer,
            callback: (bytes: number) => {
              // Heads and bodies alike; heads are a few hundred bytes.
              if (performance.now() >= measureFrom) responseBytes += bytes;
              feed(readBuffer.subarray(0, bytes));
              return true;
            },
          },
        },
        send,
      );
      socket.on("error", reject);
    });

  await Promise.all(Array.from({ length: options.connections }, runConnection));
  latencies.sort((a, b) => a - b);
  const at = (p: number) => (latencies.length === 0 ? Number.NaN : latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))]);
  return {
    requests: completed,
    requestsPerSecond: completed / options.seconds,
    p50Ms: at(50),
    p99Ms: at(99),
    maxMs: latencies.length === 0 ? Number.NaN : latencies[latencies.length - 1],
    errors,
    firstError,
    meanResponseBytes: completed === 0 ? Number.NaN : responseBytes / completed,
  };
}
