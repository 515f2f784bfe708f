/**
 * Ids of transactions that have not expired yet (duplicate detection). Kept lean because it holds every
 * transaction of the last hour: one map from id to expiration and, per expiration second, the ids that
 * expire then, so each block forgets expired ids without scanning. Additions are undoable.
 */
import type { UndoLog } from "./table.ts";

export class RecentTransactions {
  private readonly expirations = new Map<string, number>();
  private readonly bySecond = new Map<number, string[]>();

  constructor(private readonly undo: UndoLog) {}

  get size(): number {
    return this.expirations.size;
  }

  has(idHex: string): boolean {
    return this.expirations.has(idHex);
  }

  add(idHex: string, expiration: number): void {
    this.insert(idHex, expiration);
    this.undo.record(() => this.remove(idHex));
  }

  /** Forgets every id expiring at or before `now`, scanning seconds after `previousTime` (≤ 1 hour of them). */
  clearExpired(previousTime: number, now: number, windowSeconds: number): void {
    const last = Math.min(now, previousTime + windowSeconds);
    for (let t = previousTime + 1; t <= last; t++) {
      const ids = this.bySecond.get(t);
      if (ids === undefined) continue;
      for (const id of ids) this.expirations.delete(id);
      this.bySecond.delete(t);
    }
  }

  entries(): IterableIterator<[string, number]> {
    return this.expirations.entries();
  }

  load(entries: Iterable<readonly [string, number]>): void {
    for (const [id, expiration] of entries) this.insert(id, expiration);
  }

  private insert(idHex: string, expiration: number): void {
    this.expirations.set(idHex, expiration);
    let ids = this.bySecond.get(expiration);
    if (ids === undefined) this.bySecond.set(expiration, (ids = []));
    ids.push(idHex);
  }

  private remove(idHex: string): void {
    const expiration = this.expirations.get(idHex);
    if (expiration === undefined) return;
    this.expirations.delete(idHex);
    const ids = this.bySecond.get(expiration)!;
    ids.splice(ids.lastIndexOf(idHex), 1);
    if (ids.length === 0) this.bySecond.delete(expiration);
  }
}
