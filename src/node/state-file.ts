/**
 * The state as a snapshot payload: frames of [u32 LE length][V8-serialized value], first the head
 * (version, global properties, block ids), then one frame per section of at most a few thousand records.
 * Written section by section, a snapshot of a state with 100,000 accounts holds one section's plain
 * copies and bytes at a time instead of the whole state as one value and one buffer (a transient about
 * the size of the live heap, every 1,200 blocks, under load).
 */
import v8 from "node:v8";
import { type StateHead, type StateSection, exportStateSections, importStateSections } from "../core/chain/state-snapshot.ts";
import type { ChainState } from "../core/chain/state.ts";

/** The payload's parts, produced one section at a time; the state must not change until they are consumed. */
export function* encodeStateFrames(state: ChainState): IterableIterator<Uint8Array> {
  const { head, sections } = exportStateSections(state);
  yield* frame(v8.serialize(head));
  for (const section of sections) yield* frame(v8.serialize(section));
}

/** The state a payload describes; null when it was written by a version with another state shape. */
export function decodeStateFrames(payload: Uint8Array): ChainState | null {
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  let at = 0;
  const next = (): unknown => {
    if (at + 4 > payload.length) throw new Error(`snapshot frame header cut off at byte ${at}`);
    const length = view.getUint32(at, true);
    if (at + 4 + length > payload.length) throw new Error(`snapshot frame at byte ${at} runs past the end`);
    const value = v8.deserialize(payload.subarray(at + 4, at + 4 + length));
    at += 4 + length;
    return value;
  };
  const head = next() as StateHead;
  function* sections(): IterableIterator<StateSection> {
    while (at < payload.length) yield next() as StateSection;
  }
  return importStateSections(head, sections());
}

function* frame(bytes: Uint8Array): IterableIterator<Uint8Array> {
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, bytes.length, true);
  yield length;
  yield bytes;
}
