/** Every limit of the image service, with defaults that follow the Steem/Hive image hoster. */

export interface ImageLimits {
  /** Largest accepted image file in an upload. */
  readonly uploadBytesMax: number;
  /** Multipart framing (boundaries, part headers, small fields) allowed on top of the file. */
  readonly multipartOverheadBytesMax: number;
  /** Uploads one account may make in a sliding week. */
  readonly uploadsPerWeekMax: number;
  /** Upload attempts, successful or not, one remote address may make in a sliding hour. */
  readonly uploadsPerAddressPerHourMax: number;
  /** Display reputation (e.g. 25) below which an account may not upload; 0 or less opens uploads to new accounts. */
  readonly reputationMin: number;
  /** Time a client has to send its whole upload. */
  readonly uploadTimeoutMs: number;
  /** Box a proxied image is shrunk into when the request names no size. */
  readonly proxyWidthMax: number;
  readonly proxyHeightMax: number;
  /** Largest width or height a request may ask for explicitly. */
  readonly proxyCustomSizeMax: number;
  /** Decoded pixels (width × height, all frames for animations) an image may have before it is refused. */
  readonly inputPixelsMax: number;
  /** Largest remote image the proxy downloads. */
  readonly remoteBytesMax: number;
  /** Time a remote fetch may take, redirects included. */
  readonly remoteTimeoutMs: number;
  readonly remoteRedirectsMax: number;
  /** Image decodes/encodes running at once (each on libvips threads, off the event loop). */
  readonly transformsInFlightMax: number;
  /** Image jobs that may wait for a slot before new ones are refused as `busy`. */
  readonly transformsWaitingMax: number;
}

export const defaultImageLimits: ImageLimits = Object.freeze({
  uploadBytesMax: 15 * 1024 * 1024,
  multipartOverheadBytesMax: 64 * 1024,
  uploadsPerWeekMax: 300,
  uploadsPerAddressPerHourMax: 120,
  reputationMin: 10,
  uploadTimeoutMs: 120_000,
  proxyWidthMax: 1280,
  proxyHeightMax: 8000,
  proxyCustomSizeMax: 8000,
  inputPixelsMax: 100_000_000,
  remoteBytesMax: 20 * 1024 * 1024,
  remoteTimeoutMs: 10_000,
  remoteRedirectsMax: 3,
  transformsInFlightMax: 2,
  transformsWaitingMax: 64,
});

/** The defaults overridden by `overrides`, checked: a nonsensical limit is a configuration bug, so it throws. */
export function resolveImageLimits(overrides: Partial<ImageLimits> = {}): ImageLimits {
  const limits: ImageLimits = { ...defaultImageLimits, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (name === "reputationMin") {
      if (!Number.isFinite(value)) throw new RangeError(`image limit ${name} must be a finite number, got ${value}`);
      continue;
    }
    const mayBeZero = name === "remoteRedirectsMax" || name === "transformsWaitingMax";
    if (!Number.isSafeInteger(value) || value < (mayBeZero ? 0 : 1)) throw new RangeError(`image limit ${name} must be a ${mayBeZero ? "non-negative" : "positive"} integer, got ${value}`);
  }
  if (limits.proxyWidthMax > limits.proxyCustomSizeMax || limits.proxyHeightMax > limits.proxyCustomSizeMax) {
    throw new RangeError("image limits proxyWidthMax and proxyHeightMax must not exceed proxyCustomSizeMax");
  }
  return Object.freeze(limits);
}
