/**
 * A handler's result that is already JSON text (e.g. assembled from cached post objects): the dispatcher
 * puts it into the response as it is, rather than building and serializing the value again. The text
 * may come in parts, some already UTF-8 encoded (kept post objects are): an HTTP response is then made by
 * copying bytes, with no string built or encoded for it. Whoever makes one vouches that the parts, in
 * order, are one valid JSON value.
 */
export class RawJson {
  readonly parts: readonly (string | Buffer)[];

  constructor(text: string | readonly (string | Buffer)[]) {
    this.parts = typeof text === "string" ? [text] : text;
  }

  /** The whole text, as a string. */
  get text(): string {
    return this.parts.map((part) => (typeof part === "string" ? part : part.toString("utf8"))).join("");
  }
}

/** The parts of a JSON array whose elements are `items`, each one value's text in parts. */
export function jsonArrayParts(items: readonly (readonly (string | Buffer)[])[]): (string | Buffer)[] {
  const parts: (string | Buffer)[] = ["["];
  items.forEach((item, i) => {
    if (i > 0) parts.push(",");
    parts.push(...item);
  });
  parts.push("]");
  return parts;
}
