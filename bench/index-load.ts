/**
 * A closed-loop HTTP/1.1 load generator for JSON-RPC: a fixed number of keep-alive connections, each with
 * one request in flight, over raw sockets (Node's http client would cost more CPU per request than the
 * servers it measures). Latency is measured per request from write to complete response, with
 * microsecond resolution. A response is an error unless it is HTTP 200 with a JSON-RPC result.
 */
import { Socket } from "node:net";

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

/** The response in `buffer` once complete: its status and body, and where it ends; null while incomplete. */
function parseResponse(buffer: Buffer): { status: number; body: Buffer; end: number } | null {
  const head = buffer.indexOf(headerEnd);
  if (head < 0) return null;
  const header = buffer.toString("latin1", 0, head);
  const status = Number(header.slice(9, 12));
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(header);
  const start = head + 4;
  if (length !== null) {
    const end = start + Number(length[1]);
    return buffer.length < end ? null : { status, body: buffer.subarray(start, end), end };
  }
  if (!/\r\ntransfer-encoding:\s*chunked/i.test(header)) throw new Error(`a response without a length: ${header}`);
  const chunks: Buffer[] = [];
  let at = start;
  for (;;) {
    const lineEnd = buffer.indexOf("\r\n", at);
    if (lineEnd < 0) return null;
    const size = Number.parseInt(buffer.toString("latin1", at, lineEnd), 16);
    const dataStart = lineEnd + 2;
    if (buffer.length < dataStart + size + 2) return null;
    if (size === 0) return { status, body: Buffer.concat(chunks), end: dataStart + 2 };
    chunks.push(buffer.subarray(dataStart, dataStart + size));
    at = dataStart + size + 2;
  }
}

function requestBytes(host: string, body: string): Buffer {
  const payload = Buffer.from(body);
  const head = `POST / HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${payload.length}\r\nConnection: keep-alive\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), payload]);
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const url = new URL(options.url);
  const requests = options.bodies.map((body) => requestBytes(url.host, body));
  let next = 0;
  let errors = 0;
  let firstError = "";
  const latencies: number[] = [];
  const begin = performance.now();
  const measureFrom = begin + options.warmupSeconds * 1000;
  const measureTo = measureFrom + options.seconds * 1000;
  let completed = 0;

  const fail = (message: string) => {
    errors++;
    firstError ||= message;
  };

  const runConnection = () =>
    new Promise<void>((resolve, reject) => {
      const socket = new Socket();
      socket.setNoDelay(true);
      let pending: Buffer = Buffer.alloc(0);
      let sentAt = 0;
      const send = () => {
        if (performance.now() >= measureTo) {
          socket.end();
          resolve();
          return;
        }
        sentAt = performance.now();
        socket.write(requests[next++ % requests.length]);
      };
      socket.on("data", (data: Buffer) => {
        pending = pending.length === 0 ? data : Buffer.concat([pending, data]);
        const response = parseResponse(pending);
        if (response === null) return;
        const now = performance.now();
        pending = pending.subarray(response.end);
        if (response.status !== 200) fail(`HTTP ${response.status}: ${response.body.toString().slice(0, 300)}`);
        else if (response.body.subarray(0, errorPrefix.length).equals(errorPrefix)) fail(response.body.toString().slice(0, 300));
        if (sentAt >= measureFrom && now <= measureTo) {
          completed++;
          latencies.push(now - sentAt);
        }
        send();
      });
      socket.on("error", reject);
      socket.connect(Number(url.port), url.hostname, send);
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
  };
}
