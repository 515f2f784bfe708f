/** Byte helpers shared by every layer: hex, concatenation, comparison. */

const hexCodes = new TextEncoder().encode("0123456789abcdef");
const hexDecoder = new TextDecoder("latin1");

/**
 * Lower-case hex. Built as one flat string (not by concatenation, whose rope strings cost hundreds of
 * bytes each when kept, e.g. as map keys of transaction ids).
 */
export function bytesToHex(bytes: Uint8Array): string {
  const out = new Uint8Array(bytes.length * 2);
  for (let i = 0; i < bytes.length; i++) {
    out[i * 2] = hexCodes[bytes[i] >> 4];
    out[i * 2 + 1] = hexCodes[bytes[i] & 15];
  }
  return hexDecoder.decode(out);
}

const hexValues = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  hexValues["0123456789abcdef".charCodeAt(i)] = i;
  hexValues["0123456789ABCDEF".charCodeAt(i)] = i;
}

/** Parses lower- or upper-case hex; returns null when the text is not whole bytes of hex. */
export function hexToBytesOrNull(hex: string): Uint8Array | null {
  if (hex.length % 2 !== 0) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = hex.charCodeAt(i * 2);
    const lo = hex.charCodeAt(i * 2 + 1);
    const h = hi < 128 ? hexValues[hi] : -1;
    const l = lo < 128 ? hexValues[lo] : -1;
    if (h < 0 || l < 0) return null;
    out[i] = (h << 4) | l;
  }
  return out;
}

export function hexToBytes(hex: string): Uint8Array {
  const out = hexToBytesOrNull(hex);
  if (out === null) throw new TypeError(`invalid hex: ${hex.slice(0, 20)}`);
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Lexicographic byte order, as fc compares fixed-size keys and strings. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder("utf-8", { fatal: true });

export function utf8Encode(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** Decodes strict UTF-8; returns null on invalid sequences. */
export function utf8DecodeOrNull(bytes: Uint8Array): string | null {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    return null;
  }
}

export function utf8ByteLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** True when a JS string holds no lone surrogates, so it round-trips through UTF-8. */
export function isWellFormedUtf16(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

/** The unsigned little-endian 32-bit word at `at`. */
export function readUint32LE(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
}

/**
 * Returns `text` after making V8 flatten it: a string built by concatenation is a tree of rope nodes,
 * and reading a character turns it into one flat string (the garbage collector then drops the rope
 * shell). Kept map keys built by concatenation cost about a third less this way.
 */
export function flatten(text: string): string {
  text.charCodeAt(0);
  return text;
}

type Column = Uint8Array<ArrayBuffer> | Int16Array<ArrayBuffer> | Uint32Array<ArrayBuffer> | BigInt64Array<ArrayBuffer>;

/** A typed array of the same kind with `length` elements, starting with a copy of `array` (for growing columns). */
export function grownCopy<T extends Column>(array: T, length: number): T {
  const next = new (array.constructor as new (n: number) => T)(length);
  next.set(array as never);
  return next;
}
