/**
 * Hands a request on to the producer unchanged and streams its answer back: a `kettle api` process serves
 * pages from its own index, while images (stored in the producer's data directory) and sign-ups (signed
 * with the producer's registrar key) stay with the producer.
 */
import { type IncomingMessage, type ServerResponse, request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

/** How long the producer has to start answering. */
export const passThroughTimeoutMs = 60_000;

const hopByHop = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection", "te", "trailer", "host"]);

export function createPassThrough(producer: URL): (request: IncomingMessage, response: ServerResponse) => void {
  const send = producer.protocol === "https:" ? httpsRequest : httpRequest;
  return (request, response) => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(request.headers)) if (value !== undefined && !hopByHop.has(name)) headers[name] = value;
    const outgoing = send(new URL(request.url ?? "/", producer), { method: request.method, headers, timeout: passThroughTimeoutMs }, (answer) => {
      const back: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && !hopByHop.has(name)) back[name] = value;
      response.writeHead(answer.statusCode ?? 502, back);
      answer.pipe(response);
    });
    const fail = () => {
      if (response.headersSent) return void response.destroy();
      response.writeHead(502, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "producer_unavailable", message: "The producer could not be reached; try again shortly." } }));
    };
    outgoing.on("timeout", () => outgoing.destroy(new Error("timeout")));
    outgoing.on("error", fail);
    request.pipe(outgoing);
  };
}
