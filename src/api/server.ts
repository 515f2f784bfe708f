/**
 * The HTTP and WebSocket front door: JSON-RPC on POST / (whatever the Content-Type, as dsteem sends
 * text/plain) and on WebSocket messages to /, CORS for browser clients, and a bounded request size.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import { WebSocketServer } from "ws";
import type { MethodTable } from "./methods/method-table.ts";
import type { ApiContext } from "./ports.ts";
import { handleRpcText, requestBytesMax } from "./rpc/dispatch.ts";

export interface ApiServerOptions {
  readonly context: ApiContext;
  readonly methods: MethodTable;
  /** Serves GET requests (the web app); without it GET / answers a short JSON status. */
  readonly handlePage?: (request: IncomingMessage, response: ServerResponse) => void;
}

/** Requests one WebSocket may have waiting at once (each may be a batch); more are refused, not queued. */
export const socketRequestsInFlightMax = 256;

const corsHeaders = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers": "content-type, accept",
  "access-control-max-age": "86400",
};

export function createApiServer(options: ApiServerOptions): Server {
  const server = createServer((request, response) => {
    if (request.method === "OPTIONS") {
      response.writeHead(204, corsHeaders).end();
      return;
    }
    if (request.method === "POST") {
      readBody(request, response, (text) => {
        handleRpcText(options.context, options.methods, text).then((body) => {
          response.writeHead(200, { ...corsHeaders, "content-type": "application/json; charset=utf-8" }).end(body);
        });
      });
      return;
    }
    if (request.method === "GET" && options.handlePage !== undefined) {
      options.handlePage(request, response);
      return;
    }
    if (request.method === "GET" || request.method === "HEAD") {
      const props = options.context.node.state.props.value;
      const body = JSON.stringify({ name: "kettle", head_block_number: props.head_block_number, jsonrpc: "POST / or WebSocket /" });
      response.writeHead(200, { ...corsHeaders, "content-type": "application/json" }).end(body);
      return;
    }
    response.writeHead(405, { ...corsHeaders, allow: "GET, POST, OPTIONS" }).end();
  });
  server.keepAliveTimeout = 65_000;
  const sockets = new WebSocketServer({ server, maxPayload: requestBytesMax });
  sockets.on("connection", (socket) => {
    let inFlight = 0;
    socket.on("message", (data) => {
      if (inFlight >= socketRequestsInFlightMax) {
        socket.send(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message: `node_busy: at most ${socketRequestsInFlightMax} requests may be in flight on one WebSocket` }, id: null }));
        return;
      }
      inFlight++;
      handleRpcText(options.context, options.methods, data.toString()).then((body) => {
        inFlight--;
        if (socket.readyState === socket.OPEN) socket.send(body);
      });
    });
  });
  return server;
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
