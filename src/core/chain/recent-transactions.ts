/**
 * Ids of transactions that have not expired yet (duplicate detection). It holds every transaction of the
 * last hour — millions under load — so it is an open-addressing hash table in one Uint32Array: per slot
 * the 20-byte id as five words and the expiration (0 marks an empty slot), 24 bytes a slot and 30 to 45
 * bytes per id (`stdx/open-addressing.ts` keeps tables 53–80 % full) where a Map of hex strings costs ≈ 150.
 *
 * Expired ids are forgotten lazily. An id whose expiration has passed can never be admitted again (a
 * transaction with that id carries the same expiration and is refused as expired), so ids at or before
 * the last cleared time are treated as absent by `has`, `size` and `entries`; the table is rebuilt
 * without them once they outnumber the live ones. Additions are undoable.
 */
import { bytesToHex, readUint32LE } from "../../stdx/bytes.ts";
import { grownCapacity, mustGrow, nextSlot, probeStart, tableCapacityMin } from "../../stdx/open-addressing.ts";
import type { UndoLog } from "./table.ts";

const wordsPerSlot = 6;
const expirationWord = 5;

/** A run of live ids as a snapshot stores them. */
export interface RecentTransactionsSection {
  /** Live ids in the whole table. */
  readonly live: number;
  /** Per id: its five words and its expiration. */
  readonly slots: Uint32Array;
}

export class RecentTransactions {
  private slots = new Uint32Array(tableCapacityMin * wordsPerSlot);
  private capacity = tableCapacityMin;
  /** Occupied slots, live and lazily expired. */
  private occupied = 0;
  /** Occupied slots whose expiration is at or before `clearedThrough`. */
  private expired = 0;
  /** Ids per expiration second (for counting what each block's clearing expires). */
  private readonly perSecond = new Map<number, number>();
  /** Ids expiring at or before this time are gone. */
  private clearedThrough: number;

  constructor(private readonly undo: UndoLog, headTime: number) {
    this.clearedThrough = headTime;
  }

  /** Ids not yet expired. */
  get size(): number {
    return this.occupied - this.expired;
  }

  /** Bytes held by the slots. */
  get typedArrayBytes(): number {
    return this.slots.byteLength;
  }

  has(id: Uint8Array): boolean {
    const slot = this.find(id);
    return slot >= 0 && this.slots[slot * wordsPerSlot + expirationWord] > this.clearedThrough;
  }

  /** Remembers `id` until `expiration` (seconds, > 0); undone with the surrounding session. */
  add(id: Uint8Array, expiration: number): void {
    if (!(expiration > this.clearedThrough && expiration <= 0xffffffff)) throw new RangeError(`expiration ${expiration} is not after ${this.clearedThrough}`);
    const existing = this.find(id);
    if (existing >= 0) {
      // Only an expired entry can be found here; a live one would have been a duplicate.
      const previous = this.slots[existing * wordsPerSlot + expirationWord];
      this.removeSlot(existing);
      this.undo.record(() => this.insert(id, previous));
    }
    this.insert(id, expiration);
    this.undo.record(() => this.removeSlot(this.find(id)));
  }

  /** Forgets every id expiring at or before `now` (`previousTime` is the head time before this block). */
  clearExpired(previousTime: number, now: number, windowSeconds: number): void {
    const last = Math.min(now, previousTime + windowSeconds);
    for (let t = Math.max(previousTime, this.clearedThrough) + 1; t <= last; t++) {
      const count = this.perSecond.get(t);
      if (count === undefined) continue;
      this.expired += count;
      this.perSecond.delete(t);
    }
    this.clearedThrough = Math.max(this.clearedThrough, now);
    if (this.expired > tableCapacityMin && this.expired * 2 > this.occupied) this.rebuild(this.capacity);
  }

  /** Live ids (hex) with their expirations, in table order. */
  *entries(): IterableIterator<[string, number]> {
    const slots = this.slots;
    for (let slot = 0; slot < this.capacity; slot++) {
      const at = slot * wordsPerSlot;
      const expiration = slots[at + expirationWord];
      if (expiration > this.clearedThrough) yield [bytesToHex(idBytes(slots, at)), expiration];
    }
  }

  /**
   * Live ids as snapshot sections: up to `perSection` slots (id words and expiration) packed in a
   * Uint32Array, with the number of live ids in all (a loading table sizes itself for them first:
   * sections come in slot order, which is hash order, and inserting keys in hash order into a table
   * still too small would pile them into one probe run).
   */
  *exportSections(perSection: number): IterableIterator<RecentTransactionsSection> {
    const live = this.size;
    const slots = this.slots;
    let packed = new Uint32Array(perSection * wordsPerSlot);
    let used = 0;
    for (let slot = 0; slot < this.capacity; slot++) {
      const at = slot * wordsPerSlot;
      if (slots[at + expirationWord] <= this.clearedThrough) continue;
      for (let word = 0; word < wordsPerSlot; word++) packed[used * wordsPerSlot + word] = slots[at + word];
      if (++used === perSection) {
        yield { live, slots: packed };
        packed = new Uint32Array(perSection * wordsPerSlot);
        used = 0;
      }
    }
    if (used > 0) yield { live, slots: packed.slice(0, used * wordsPerSlot) };
  }

  loadSection(section: RecentTransactionsSection): void {
    const packed = section.slots;
    if (packed.length % wordsPerSlot !== 0) throw new Error("recent transaction snapshot section is not whole slots");
    if (mustGrow(section.live, this.capacity)) this.rebuild(grownCapacity(section.live, this.capacity));
    for (let at = 0; at < packed.length; at += wordsPerSlot) {
      const expiration = packed[at + expirationWord];
      if (expiration > this.clearedThrough) this.insertWords(packed[at], packed[at + 1], packed[at + 2], packed[at + 3], packed[at + 4], expiration);
    }
  }

  /** The slot holding `id`, or -1. */
  private find(id: Uint8Array): number {
    const slots = this.slots;
    const w0 = readUint32LE(id, 0);
    const capacity = this.capacity;
    for (let slot = probeStart(w0, capacity); ; slot = nextSlot(slot, capacity)) {
      const at = slot * wordsPerSlot;
      if (slots[at + expirationWord] === 0) return -1;
      if (slots[at] === w0 && slots[at + 1] === readUint32LE(id, 4) && slots[at + 2] === readUint32LE(id, 8) && slots[at + 3] === readUint32LE(id, 12) && slots[at + 4] === readUint32LE(id, 16)) return slot;
    }
  }

  private insert(id: Uint8Array, expiration: number): void {
    this.insertWords(readUint32LE(id, 0), readUint32LE(id, 4), readUint32LE(id, 8), readUint32LE(id, 12), readUint32LE(id, 16), expiration);
  }

  /** Adds an id, given as its five little-endian words, growing the table first if it must. */
  private insertWords(w0: number, w1: number, w2: number, w3: number, w4: number, expiration: number): void {
    if (mustGrow(this.occupied + 1, this.capacity)) this.rebuild(this.capacity + 1);
    this.place(w0, w1, w2, w3, w4, expiration);
    this.occupied++;
    if (expiration > this.clearedThrough) this.perSecond.set(expiration, (this.perSecond.get(expiration) ?? 0) + 1);
    else this.expired++;
  }

  /** Writes an id, given as its five little-endian words, and its expiration into a free slot. */
  private place(w0: number, w1: number, w2: number, w3: number, w4: number, expiration: number): void {
    const slots = this.slots;
    const capacity = this.capacity;
    let slot = probeStart(w0, capacity);
    while (slots[slot * wordsPerSlot + expirationWord] !== 0) slot = nextSlot(slot, capacity);
    const at = slot * wordsPerSlot;
    slots[at] = w0;
    slots[at + 1] = w1;
    slots[at + 2] = w2;
    slots[at + 3] = w3;
    slots[at + 4] = w4;
    slots[at + expirationWord] = expiration;
  }

  /** Empties a slot and shifts later members of its probe run back (linear probing without tombstones). */
  private removeSlot(slot: number): void {
    const slots = this.slots;
    const capacity = this.capacity;
    const expiration = slots[slot * wordsPerSlot + expirationWord];
    if (expiration > this.clearedThrough) {
      const count = this.perSecond.get(expiration)! - 1;
      if (count === 0) this.perSecond.delete(expiration);
      else this.perSecond.set(expiration, count);
    } else {
      this.expired--;
    }
    this.occupied--;
    let hole = slot;
    for (let next = nextSlot(hole, capacity); slots[next * wordsPerSlot + expirationWord] !== 0; next = nextSlot(next, capacity)) {
      const home = probeStart(slots[next * wordsPerSlot], capacity);
      // Move `next` into the hole unless its home lies cyclically in (hole, next].
      const stays = hole <= next ? home > hole && home <= next : home > hole || home <= next;
      if (stays) continue;
      slots.copyWithin(hole * wordsPerSlot, next * wordsPerSlot, next * wordsPerSlot + wordsPerSlot);
      hole = next;
    }
    slots.fill(0, hole * wordsPerSlot, hole * wordsPerSlot + wordsPerSlot);
  }

  /** Re-inserts the live ids into a table of at least `capacity` slots, dropping expired ones. */
  private rebuild(capacity: number): void {
    const old = this.slots;
    const oldCapacity = this.capacity;
    const live = this.occupied - this.expired;
    const next = grownCapacity(live, capacity);
    this.slots = new Uint32Array(next * wordsPerSlot);
    this.capacity = next;
    this.occupied = 0;
    this.expired = 0;
    for (let slot = 0; slot < oldCapacity; slot++) {
      const at = slot * wordsPerSlot;
      const expiration = old[at + expirationWord];
      if (expiration > this.clearedThrough) {
        this.place(old[at], old[at + 1], old[at + 2], old[at + 3], old[at + 4], expiration);
        this.occupied++;
      }
    }
  }
}


function idBytes(slots: Uint32Array, at: number): Uint8Array {
  const out = new Uint8Array(20);
  for (let i = 0; i < 5; i++) {
    const word = slots[at + i];
    out[i * 4] = word & 0xff;
    out[i * 4 + 1] = (word >>> 8) & 0xff;
    out[i * 4 + 2] = (word >>> 16) & 0xff;
    out[i * 4 + 3] = word >>> 24;
  }
  return out;
}
