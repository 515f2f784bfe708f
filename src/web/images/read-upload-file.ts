/**
 * Reads the first file of a multipart/form-data upload into memory, enforcing the file cap, a cap on the
 * whole body (which also catches chunked bodies without a Content-Length) and a deadline.
 */
import type { IncomingMessage } from "node:http";
import busboy from "busboy";
import { ImageError } from "./image-errors.ts";

export interface UploadedFile {
  readonly bytes: Uint8Array;
  /** As the client named it ("" when it gave none). */
  readonly filename: string;
}

export interface ReadUploadFileOptions {
  readonly fileBytesMax: number;
  readonly requestBytesMax: number;
  readonly timeoutMs: number;
  /** Aborts the read (the service is closing). */
  readonly signal: AbortSignal;
}

/** Fields besides the file a form may carry; condenser sends none, but browsers' FormData may add a few. */
const formLimits = { files: 1, fields: 16, fieldSize: 4096, parts: 32, headerPairs: 32 } as const;

export function readUploadFile(request: IncomingMessage, options: ReadUploadFileOptions): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy | null = null;
    const settle = watchUpload(request, options, (outcome) => {
      if (parser !== null && outcome instanceof ImageError) {
        request.unpipe(parser);
        parser.destroy();
      }
      if (outcome instanceof ImageError) reject(outcome);
      else resolve(outcome);
    });
    if (options.signal.aborted) return;
    try {
      parser = busboy({ headers: request.headers, limits: { ...formLimits, fileSize: options.fileBytesMax } });
    } catch {
      return settle(new ImageError("invalid_multipart", "the multipart/form-data body has no valid boundary"));
    }
    const chunks: Buffer[] = [];
    let filename: string | null = null;
    parser.on("file", (_field, stream, info) => {
      // Destroying the parser mid-file fails its stream; the request has been answered by then.
      stream.on("error", () => {});
      // Only the first file counts, as on the image hoster; any other is read past.
      if (filename !== null) return void stream.resume();
      filename = info.filename ?? "";
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("limit", () => settle(tooLarge(options.fileBytesMax)));
    });
    parser.on("error", () => settle(new ImageError("invalid_multipart", "the multipart/form-data body is malformed")));
    parser.on("close", () => {
      const bytes = Buffer.concat(chunks);
      if (filename === null || bytes.length === 0) return settle(new ImageError("missing_file", "the upload carries no file (send it as the first file of a multipart/form-data body)"));
      settle({ bytes, filename });
    });
    request.pipe(parser);
  });
}

/**
 * Watches what can end an upload besides the parser: the body passing its cap, the deadline, the client
 * going away, the service closing. Returns a `settle` that reports the first outcome only.
 */
function watchUpload(request: IncomingMessage, options: ReadUploadFileOptions, done: (outcome: UploadedFile | ImageError) => void): (outcome: UploadedFile | ImageError) => void {
  let settled = false;
  const settle = (outcome: UploadedFile | ImageError): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    options.signal.removeEventListener("abort", shutDown);
    done(outcome);
  };
  const timer = setTimeout(() => settle(new ImageError("request_timeout", `the upload took longer than ${options.timeoutMs / 1000} seconds`)), options.timeoutMs);
  timer.unref();
  const shutDown = (): void => settle(new ImageError("shutting_down", "the image service is shutting down"));
  options.signal.addEventListener("abort", shutDown, { once: true });
  if (options.signal.aborted) shutDown();
  let requestBytes = 0;
  request.on("data", (chunk: Buffer) => {
    requestBytes += chunk.length;
    if (requestBytes > options.requestBytesMax) settle(tooLarge(options.fileBytesMax));
  });
  const cutOff = (): void => settle(new ImageError("invalid_multipart", "the upload was cut off"));
  request.on("error", cutOff);
  request.on("close", () => {
    if (!request.complete) cutOff();
  });
  return settle;
}

export function tooLarge(fileBytesMax: number): ImageError {
  return new ImageError("payload_too_large", `images may be at most ${formatBytes(fileBytesMax)}`);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(bytes % 1024 === 0 ? 0 : 1)} KiB`;
  return `${bytes} bytes`;
}
