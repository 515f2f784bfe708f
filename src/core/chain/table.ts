/**
 * Keyed state with an undo log: every write while a session is open records how to restore the old
 * value, so a failed transaction leaves no trace. Records are replaced by `set`, or changed field by field
 * by `patch` (which records the old field values); nothing else may mutate a stored record.
 */
export class UndoLog {
  private readonly entries: (() => void)[] = [];
  private depth = 0;

  get active(): boolean {
    return this.depth > 0;
  }

  record(restore: () => void): void {
    if (this.depth > 0) this.entries.push(restore);
  }

  /** Runs `body` atomically: if it throws, every recorded write is undone and the error rethrown. */
  atomically<T>(body: () => T): T {
    const mark = this.entries.length;
    this.depth++;
    try {
      const result = body();
      this.depth--;
      if (this.depth === 0) this.entries.length = 0;
      return result;
    } catch (error) {
      for (let i = this.entries.length - 1; i >= mark; i--) this.entries[i]();
      this.entries.length = mark;
      this.depth--;
      throw error;
    }
  }
}

/** A map whose writes are undoable, with optional secondary groupings kept in step. */
export class Table<V> {
  private readonly rows = new Map<string, V>();
  private readonly groups: { keyOf: (value: V) => string | null; members: Map<string, Set<string>> }[] = [];

  constructor(private readonly undo: UndoLog) {}

  /** Adds a grouping (e.g. replies by parent); returns its id for `group()`. */
  addGroup(keyOf: (value: V) => string | null): number {
    this.groups.push({ keyOf, members: new Map() });
    return this.groups.length - 1;
  }

  get size(): number {
    return this.rows.size;
  }

  get(key: string): V | undefined {
    return this.rows.get(key);
  }

  has(key: string): boolean {
    return this.rows.has(key);
  }

  set(key: string, value: V): void {
    const previous = this.rows.get(key);
    this.write(key, value);
    this.undo.record(() => (previous === undefined ? this.write(key, undefined) : this.write(key, previous)));
  }

  /**
   * Changes fields of the stored record in place (no copy of the record), recording their old values for
   * undo. For records that are updated often and live long (accounts): replacing them would turn every
   * update into a dead record in the old generation. Only for tables without groups, whose keys could move.
   */
  patch(key: string, patch: Partial<V>): V {
    if (this.groups.length > 0) throw new Error("patch is only for tables without groups");
    const record = this.rows.get(key);
    if (record === undefined) throw new Error(`no record under ${key} to patch`);
    const fields = record as Record<string, unknown>;
    const old: Record<string, unknown> = {};
    for (const name in patch) {
      if (!(name in fields)) throw new Error(`patch adds field ${name}, which would change the record's shape`);
      old[name] = fields[name];
    }
    Object.assign(fields, patch);
    this.undo.record(() => Object.assign(fields, old));
    return record;
  }

  delete(key: string): void {
    const previous = this.rows.get(key);
    if (previous === undefined) return;
    this.write(key, undefined);
    this.undo.record(() => this.write(key, previous));
  }

  /** Keys of the rows in a group, in insertion order. */
  group(groupId: number, groupKey: string): ReadonlySet<string> {
    return this.groups[groupId].members.get(groupKey) ?? emptySet;
  }

  /** Fills an empty table from a snapshot, outside any undo session. */
  load(entries: Iterable<readonly [string, V]>): void {
    for (const [key, value] of entries) this.write(key, value);
  }

  /** The records as snapshot sections: runs of at most `perSection` entries. */
  *exportSections(perSection: number): IterableIterator<readonly (readonly [string, V])[]> {
    let entries: [string, V][] = [];
    for (const entry of this.rows.entries()) {
      entries.push(entry);
      if (entries.length === perSection) {
        yield entries;
        entries = [];
      }
    }
    if (entries.length > 0) yield entries;
  }

  loadSection(section: readonly (readonly [string, V])[]): void {
    this.load(section);
  }

  entries(): IterableIterator<[string, V]> {
    return this.rows.entries();
  }

  values(): IterableIterator<V> {
    return this.rows.values();
  }

  private write(key: string, value: V | undefined): void {
    const previous = this.rows.get(key);
    if (previous !== undefined) {
      for (const g of this.groups) {
        const k = g.keyOf(previous);
        if (k === null) continue;
        const members = g.members.get(k);
        members?.delete(key);
        if (members !== undefined && members.size === 0) g.members.delete(k);
      }
    }
    if (value === undefined) {
      this.rows.delete(key);
      return;
    }
    this.rows.set(key, value);
    for (const g of this.groups) {
      const k = g.keyOf(value);
      if (k === null) continue;
      let members = g.members.get(k);
      if (members === undefined) g.members.set(k, (members = new Set()));
      members.add(key);
    }
  }
}

const emptySet: ReadonlySet<string> = new Set();

/** A single undoable record (the global properties). */
export class Cell<V> {
  constructor(private readonly undo: UndoLog, private current: V) {}

  get value(): V {
    return this.current;
  }

  set value(next: V) {
    const previous = this.current;
    this.current = next;
    this.undo.record(() => (this.current = previous));
  }
}
