/**
 * The HTTP and WebSocket front door: JSON-RPC on POST / (whatever the Content-Type, as dsteem sends
 * text/plain) and on WebSocket messages to /, CORS for browser clients, and a bounded request size.
 * WebSocket connections may also subscribe to events (subscriptions.ts); a connection that does not read
 * them fast enough is closed rather than buffered without bound.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import { type WebSocket, WebSocketServer } from "ws";
import { type RpcRouter, requestBytesMax, routeRpcBody, routeRpcText, withMethods } from "./rpc/dispatch.ts";
import { type SubscriptionHub, subscriptionMethodsOverHttp } from "./subscriptions.ts";

export interface ApiServerOptions {
  /** Where each JSON-RPC call goes. */
  readonly router: RpcRouter;
  /** Serves `kettle.subscribe` on WebSocket connections; without it there are no subscriptions. */
  readonly subscriptions: SubscriptionHub | null;
  /** The short JSON answer to GET / when there is no page handler (name, head block…). */
  readonly status: () => Promise<Record<string, unknown>>;
  /** Serves GET and HEAD requests (the web app); without it, or when GET / asks for JSON, GET / answers `status`. */
  readonly handlePage?: (request: IncomingMessage, response: ServerResponse) => void;
  /** Takes POSTs to paths other than / (image uploads, sign-up) and says whether it did; the rest are JSON-RPC. */
  readonly handlePost?: (request: IncomingMessage, response: ServerResponse) => boolean;
}

export interface ApiServer {
  readonly http: Server;
  /** Stops accepting, closes every HTTP and WebSocket connection, and resolves once all are gone. */
  close(): Promise<void>;
}

/** Requests one WebSocket may have waiting at once (each may be a batch); more are refused, not queued. */
export const socketRequestsInFlightMax = 256;

/** Bytes a WebSocket may have waiting to be sent before it is closed as too slow (1013 "try again later"). */
export const socketBufferedBytesMax = 8 * 1024 * 1024;

/** How long a WebSocket client has to answer the close frame when the server shuts down. */
const socketCloseGraceMs = 1000;

const corsHeaders = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers": "content-type, accept",
  "access-control-max-age": "86400",
};

export function createApiServer(options: ApiServerOptions): ApiServer {
  const httpRouter = options.subscriptions === null ? options.router : withMethods(options.router, subscriptionMethodsOverHttp);
  const server = createServer((request, response) => {
    if (request.method === "OPTIONS") {
      response.writeHead(204, corsHeaders).end();
      return;
    }
    if (request.method === "POST") {
      if (options.handlePost !== undefined && request.url !== "/" && !request.url?.startsWith("/?") && options.handlePost(request, response)) return;
      readBody(request, response, (text) => {
        routeRpcBody(httpRouter, text).then((body) => {
          const headers = { ...corsHeaders, "content-type": "application/json; charset=utf-8" };
          if (typeof body === "string") {
            response.writeHead(200, headers).end(body);
            return;
          }
          // Parts go out in one writev, kept bytes as they are (no buffer is allocated for the response).
          let length = 0;
          for (const part of body) length += typeof part === "string" ? Buffer.byteLength(part) : part.length;
          response.writeHead(200, { ...headers, "content-length": length });
          response.cork();
          for (const part of body) response.write(part);
          response.end();
          response.uncork();
        });
      });
      return;
    }
    // A client asking GET / for JSON gets the status (name, head block…) even where the site serves pages.
    const wantsStatus = request.url === "/" && /^application\/json\b/.test(request.headers.accept ?? "");
    if ((request.method === "GET" || request.method === "HEAD") && options.handlePage !== undefined && !wantsStatus) {
      options.handlePage(request, response);
      return;
    }
    if (request.method === "GET" || request.method === "HEAD") {
      options.status().then(
        (status) => response.writeHead(200, { ...corsHeaders, "content-type": "application/json" }).end(JSON.stringify({ ...status, jsonrpc: "POST / or WebSocket /" })),
        () => response.writeHead(503, { ...corsHeaders, "content-type": "application/json" }).end(JSON.stringify({ name: "kettle", error: "status unavailable" })),
      );
      return;
    }
    response.writeHead(405, { ...corsHeaders, allow: "GET, POST, OPTIONS" }).end();
  });
  server.keepAliveTimeout = 65_000;
  const sockets = new WebSocketServer({ server, maxPayload: requestBytesMax });
  sockets.on("connection", (socket) => serveSocket(socket, options));
  let closing: Promise<void> | null = null;
  return {
    http: server,
    close: () => (closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
      // Upgraded connections are the WebSocket server's: a client that does not answer the close frame at once is cut off.
      for (const socket of sockets.clients) socket.close(1001, "the server is shutting down");
      setTimeout(() => {
        for (const socket of sockets.clients) socket.terminate();
      }, socketCloseGraceMs).unref();
    })),
  };
}

function serveSocket(socket: WebSocket, options: ApiServerOptions): void {
  const send = (text: string) => {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > socketBufferedBytesMax) {
      socket.close(1013, `too slow: over ${socketBufferedBytesMax / 1024 / 1024} MiB waiting to be sent`);
      return;
    }
    socket.send(text);
  };
  const session = options.subscriptions?.open(send) ?? null;
  const router = session === null ? options.router : withMethods(options.router, session.methods);
  socket.on("close", () => session?.close());
  let inFlight = 0;
  socket.on("message", (data) => {
    if (inFlight >= socketRequestsInFlightMax) {
      send(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message: `node_busy: at most ${socketRequestsInFlightMax} requests may be in flight on one WebSocket` }, id: null }));
      return;
    }
    inFlight++;
    routeRpcText(router, data.toString()).then((body) => {
      inFlight--;
      send(body);
    });
  });
}

function readBody(request: IncomingMessage, response: ServerResponse, done: (text: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let aborted = false;
  request.on("data", (chunk: Buffer) => {
    if (aborted) return;
    size += chunk.length;
    if (size > requestBytesMax) {
      aborted = true;
      response.writeHead(413, { ...corsHeaders, "content-type": "application/json", connection: "close" });
      response.end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32600, message: `request body over ${requestBytesMax} bytes` }, id: null }));
      request.resume();
      return;
    }
    chunks.push(chunk);
  });
  request.on("end", () => {
    if (aborted) return;
    const text = chunks.length === 1 ? chunks[0].toString("utf8") : Buffer.concat(chunks).toString("utf8");
    // The request object lives until the answer is sent (a block away for synchronous broadcasts): let its bytes go now.
    chunks.length = 0;
    done(text);
  });
}
