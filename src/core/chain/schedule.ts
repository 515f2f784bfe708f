/**
 * Work that falls due at a time: comment cashouts, power-down weeks, conversions, savings withdrawals,
 * delegation returns. An undoable binary min-heap of (time, order, key), so a block finds what is due in
 * O(log n) per item instead of scanning a table, however far a dev jump skips. `order` breaks ties in
 * time the way steemd's index does (comment id, account id, request id…).
 *
 * Entries are never removed except by `popDue`: a cancelled or rescheduled item leaves its entry behind,
 * and the processor skips an entry whose record is gone or no longer due at that time (steemd's indices
 * would have moved it). The heap's layout is not part of state: snapshots and the state hash use the
 * entries sorted, which is the order they come out in.
 */
import type { UndoLog } from "./table.ts";

export interface ScheduleEntry {
  readonly time: number;
  readonly order: number;
  readonly key: string;
}

function before(a: ScheduleEntry, b: ScheduleEntry): boolean {
  return a.time !== b.time ? a.time < b.time : a.order !== b.order ? a.order < b.order : a.key < b.key;
}

export class Schedule {
  private readonly heap: ScheduleEntry[] = [];

  constructor(private readonly undo: UndoLog) {}

  get size(): number {
    return this.heap.length;
  }

  /** The earliest time anything is due, or null. */
  get nextTime(): number | null {
    return this.heap.length === 0 ? null : this.heap[0].time;
  }

  add(time: number, order: number, key: string): void {
    const entry = { time, order, key };
    this.push(entry);
    this.undo.record(() => this.remove(entry));
  }

  /** Takes the earliest entry if it is due at `now` (time ≤ now). */
  popDue(now: number): ScheduleEntry | null {
    if (this.heap.length === 0 || this.heap[0].time > now) return null;
    const entry = this.pop();
    this.undo.record(() => this.push(entry));
    return entry;
  }

  /** The entries in the order they fall due. */
  sorted(): ScheduleEntry[] {
    return [...this.heap].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  }

  *exportSections(perSection: number): IterableIterator<readonly ScheduleEntry[]> {
    const all = this.sorted();
    for (let i = 0; i < all.length; i += perSection) yield all.slice(i, i + perSection);
  }

  loadSection(section: readonly ScheduleEntry[]): void {
    for (const entry of section) this.push({ time: entry.time, order: entry.order, key: entry.key });
  }

  /** The entries keyed for the state hash: their order is their position when sorted. */
  *entries(): IterableIterator<[string, ScheduleEntry]> {
    const all = this.sorted();
    const width = String(all.length).length;
    for (let i = 0; i < all.length; i++) yield [String(i).padStart(width, "0"), all[i]];
  }

  private push(entry: ScheduleEntry): void {
    const heap = this.heap;
    let i = heap.push(entry) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  private pop(): ScheduleEntry {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private siftDown(start: number): void {
    const heap = this.heap;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < heap.length && before(heap[left], heap[least])) least = left;
      if (right < heap.length && before(heap[right], heap[least])) least = right;
      if (least === i) return;
      [heap[i], heap[least]] = [heap[least], heap[i]];
      i = least;
    }
  }

  /** Undo of an add: the entry is the most recently added still present (undo runs newest first). */
  private remove(entry: ScheduleEntry): void {
    const heap = this.heap;
    const i = heap.indexOf(entry);
    if (i < 0) throw new Error("schedule undo: entry not found");
    const last = heap.pop()!;
    if (i === heap.length) return;
    heap[i] = last;
    // The moved entry may need to go either way.
    let j = i;
    while (j > 0) {
      const parent = (j - 1) >> 1;
      if (!before(heap[j], heap[parent])) break;
      [heap[j], heap[parent]] = [heap[parent], heap[j]];
      j = parent;
    }
    this.siftDown(j);
  }
}
