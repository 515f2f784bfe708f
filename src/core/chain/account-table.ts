/**
 * Accounts in columns. Every account is touched every few seconds under load, and as an object with
 * twenty boxed bigints and two manabar objects it cost ≈ 900 bytes and turned each balance change into a
 * dead bigint in the old generation. Here an account is a row: its 64-bit amounts in `BigInt64Array`
 * columns, its times and counts in `Uint32Array` columns (steemd's widths: `share_type` is int64,
 * `time_point_sec` and the counters uint32), and its names, keys and metadata in plain arrays, with
 * single-key authorities (nearly all) held as the key alone. Callers see `Account` through one view object per row whose getters read the columns, so a
 * record read before a `patch` shows the new values, as with in-place patching.
 *
 * A value outside its column's range is a bug in the rules (steemd's checked integers would throw), so
 * it is refused with a RangeError rather than wrapped. Writes are undoable; accounts are never deleted,
 * so undoing an insert removes the last row.
 */
import { int64Max, int64Min } from "../../stdx/bigint.ts";
import { grownCopy } from "../../stdx/bytes.ts";
import type { PublicKey } from "../crypto/keys.ts";
import { type Authority, createSingleKeyAuthority, getSingleKey } from "../protocol/authority.ts";
import type { Account, Manabar } from "./state.ts";
import type { UndoLog } from "./table.ts";

type FieldName = keyof Account;

const bigintFields = [
  "balance", "savings_balance", "sbd_balance", "savings_sbd_balance", "reward_sbd_balance", "reward_steem_balance",
  "reward_vesting_balance", "reward_vesting_steem", "vesting_shares", "delegated_vesting_shares", "received_vesting_shares",
  "vesting_withdraw_rate", "withdrawn", "to_withdraw", "curation_rewards", "posting_rewards", "pending_claimed_accounts",
  "sbd_seconds", "savings_sbd_seconds", "max_rc_creation_adjustment",
] as const satisfies readonly FieldName[];

const uint32Fields = [
  "id", "last_owner_update", "last_account_update", "created", "comment_count", "lifetime_vote_count", "post_count",
  "next_vesting_withdrawal", "withdraw_routes", "last_post", "last_root_post", "last_post_edit", "last_vote_time",
  "sbd_seconds_last_update", "sbd_last_interest_payment", "savings_sbd_seconds_last_update", "savings_sbd_last_interest_payment",
  "savings_withdraw_requests",
] as const satisfies readonly FieldName[];

const referenceFields = [
  "name", "memo_key", "json_metadata", "posting_json_metadata", "proxy",
  "recovery_account", "reset_account", "can_vote", "reputation",
] as const satisfies readonly FieldName[];

const manabarFields = ["voting_manabar", "downvote_manabar", "rc_manabar"] as const satisfies readonly FieldName[];

/** Stored as the key alone when single-key (`getSingleKey`), rebuilt on read: ≈ 170 bytes less an authority. */
const authorityFields = ["owner", "active", "posting"] as const satisfies readonly FieldName[];

/** Every field lands in exactly one list (checked at compile time both ways). */
type Listed =
  | (typeof bigintFields)[number]
  | (typeof uint32Fields)[number]
  | (typeof referenceFields)[number]
  | (typeof manabarFields)[number]
  | (typeof authorityFields)[number];
const everyFieldListed: Record<Exclude<FieldName, Listed>, never> & Record<Exclude<Listed, FieldName>, never> = {};
void everyFieldListed;

const kindBigint = 0;
const kindUint32 = 1;
const kindReference = 2;
const kindManabar = 3;
const kindAuthority = 4;

/** Field name → [kind, column index]. */
const fieldSlots = new Map<string, readonly [number, number]>([
  ...bigintFields.map((name, i) => [name, [kindBigint, i]] as const),
  ...uint32Fields.map((name, i) => [name, [kindUint32, i]] as const),
  ...referenceFields.map((name, i) => [name, [kindReference, i]] as const),
  ...manabarFields.map((name, i) => [name, [kindManabar, i]] as const),
  ...authorityFields.map((name, i) => [name, [kindAuthority, i]] as const),
]);

const capacityMin = 1024;

/** A run of accounts as a snapshot stores it: each column's slice, in the table's column order. */
export interface AccountSection {
  readonly count: number;
  readonly bigints: readonly BigInt64Array[];
  readonly uint32s: readonly Uint32Array[];
  readonly manas: readonly BigInt64Array[];
  readonly manaTimes: readonly Uint32Array[];
  readonly references: readonly unknown[][];
  readonly authorities: readonly (Authority | PublicKey)[][];
}

/** One per account; its getters (defined by AccountTable) read the table's columns at the row. */
class AccountView {
  constructor(readonly table: AccountTable, readonly row: number) {}
}

export class AccountTable {
  private readonly rowsByName = new Map<string, number>();
  private capacity = capacityMin;
  private count = 0;
  private readonly bigints: BigInt64Array<ArrayBuffer>[] = bigintFields.map(() => new BigInt64Array(capacityMin));
  private readonly uint32s: Uint32Array<ArrayBuffer>[] = uint32Fields.map(() => new Uint32Array(capacityMin));
  /** Per manabar: current mana (int64) and last update time (uint32). */
  private readonly manas: BigInt64Array<ArrayBuffer>[] = manabarFields.map(() => new BigInt64Array(capacityMin));
  private readonly manaTimes: Uint32Array<ArrayBuffer>[] = manabarFields.map(() => new Uint32Array(capacityMin));
  private readonly references: unknown[][] = referenceFields.map(() => []);
  private readonly authorities: (Authority | PublicKey)[][] = authorityFields.map(() => []);
  private readonly views: Account[] = [];

  constructor(private readonly undo: UndoLog) {}

  static {
    // One getter per field, each reading its own column directly (reads are far more frequent than writes).
    const define = (field: string, get: (view: AccountView) => unknown): void => {
      Object.defineProperty(AccountView.prototype, field, {
        get(this: AccountView) {
          return get(this);
        },
        enumerable: true,
      });
    };
    for (const [i, field] of bigintFields.entries()) define(field, (v) => v.table.bigints[i][v.row]);
    for (const [i, field] of uint32Fields.entries()) define(field, (v) => v.table.uint32s[i][v.row]);
    for (const [i, field] of referenceFields.entries()) define(field, (v) => v.table.references[i][v.row]);
    for (const field of manabarFields) define(field, (v) => v.table.readField(v.row, field));
    for (const [i, field] of authorityFields.entries()) define(field, (v) => expandAuthority(v.table.authorities[i][v.row]));
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by the typed-array columns. */
  get typedArrayBytes(): number {
    return [...this.bigints, ...this.uint32s, ...this.manas, ...this.manaTimes].reduce((sum, column) => sum + column.byteLength, 0);
  }

  has(name: string): boolean {
    return this.rowsByName.has(name);
  }

  /** The live view of the account: its fields always read the current values. */
  get(name: string): Account | undefined {
    const row = this.rowsByName.get(name);
    return row === undefined ? undefined : this.views[row];
  }

  /** Adds a new account (its name must be free); undone by removing it again. */
  insert(account: Account): void {
    if (this.rowsByName.has(account.name)) throw new Error(`account ${account.name} is already stored`);
    if (this.count === this.capacity) this.grow();
    const row = this.count;
    try {
      for (const name of fieldSlots.keys()) this.writeField(row, name, account[name as FieldName]);
    } catch (error) {
      // A value out of range: the row stays unused (typed columns are overwritten by the next insert).
      for (const column of [...this.references, ...this.authorities]) column.length = row;
      throw error;
    }
    this.rowsByName.set(account.name, row);
    this.views.push(new AccountView(this, row) as unknown as Account);
    this.count++;
    this.undo.record(() => this.removeLast(account.name));
  }

  /** Changes the named fields of an account, recording their old values for undo; returns the live view. */
  patch(name: string, patch: Partial<Account>): Account {
    const row = this.rowsByName.get(name);
    if (row === undefined) throw new Error(`no account ${name} to patch`);
    const old: Record<string, unknown> = {};
    for (const field in patch) {
      if (!fieldSlots.has(field)) throw new Error(`patch names ${field}, which accounts do not have`);
      old[field] = this.readField(row, field);
    }
    try {
      for (const field in patch) this.writeField(row, field, patch[field as FieldName]);
    } catch (error) {
      // A value out of range: put back the fields already written (old values always fit).
      for (const field in old) this.writeField(row, field, old[field]);
      throw error;
    }
    this.undo.record(() => {
      for (const field in old) this.writeField(row, field, old[field]);
    });
    return this.views[row];
  }

  /** The rows as snapshot sections of at most `perSection` accounts: copies of the columns' slices. */
  *exportSections(perSection: number): IterableIterator<AccountSection> {
    for (let from = 0; from < this.count; from += perSection) {
      const to = Math.min(this.count, from + perSection);
      yield {
        count: to - from,
        bigints: this.bigints.map((column) => column.slice(from, to)),
        uint32s: this.uint32s.map((column) => column.slice(from, to)),
        manas: this.manas.map((column) => column.slice(from, to)),
        manaTimes: this.manaTimes.map((column) => column.slice(from, to)),
        references: this.references.map((column) => column.slice(from, to)),
        authorities: this.authorities.map((column) => column.slice(from, to)),
      };
    }
  }

  /** Appends a section's rows, outside any undo session (a snapshot is trusted once its checksum holds). */
  loadSection(section: AccountSection): void {
    const { count } = section;
    const shaped =
      section.bigints.length === bigintFields.length && section.uint32s.length === uint32Fields.length &&
      section.manas.length === manabarFields.length && section.manaTimes.length === manabarFields.length &&
      section.references.length === referenceFields.length && section.authorities.length === authorityFields.length &&
      [...section.bigints, ...section.uint32s, ...section.manas, ...section.manaTimes, ...section.references, ...section.authorities].every((c) => c.length === count);
    if (!shaped) throw new Error("account snapshot section does not have this table's columns");
    while (this.count + count > this.capacity) this.grow();
    const at = this.count;
    for (let i = 0; i < this.bigints.length; i++) this.bigints[i].set(section.bigints[i], at);
    for (let i = 0; i < this.uint32s.length; i++) this.uint32s[i].set(section.uint32s[i], at);
    for (let i = 0; i < this.manas.length; i++) this.manas[i].set(section.manas[i], at);
    for (let i = 0; i < this.manaTimes.length; i++) this.manaTimes[i].set(section.manaTimes[i], at);
    for (let i = 0; i < this.references.length; i++) this.references[i].push(...section.references[i]);
    for (let i = 0; i < this.authorities.length; i++) this.authorities[i].push(...section.authorities[i]);
    const names = section.references[0] as string[];
    for (let row = 0; row < count; row++) {
      this.rowsByName.set(names[row], at + row);
      this.views.push(new AccountView(this, at + row) as unknown as Account);
    }
    this.count += count;
  }

  names(): IterableIterator<string> {
    return this.rowsByName.keys();
  }

  /** Live views, in creation order. */
  values(): IterableIterator<Account> {
    return this.views.values();
  }

  /** Name and a plain copy of every account (for snapshots and the state hash), in creation order. */
  *entries(): IterableIterator<[string, Account]> {
    for (let row = 0; row < this.count; row++) {
      const record: Record<string, unknown> = {};
      for (const field of fieldSlots.keys()) record[field] = this.readField(row, field);
      yield [this.references[0][row] as string, record as unknown as Account];
    }
  }

  private readField(row: number, field: string): unknown {
    const [kind, index] = fieldSlots.get(field)!;
    switch (kind) {
      case kindBigint:
        return this.bigints[index][row];
      case kindUint32:
        return this.uint32s[index][row];
      case kindReference:
        return this.references[index][row];
      case kindAuthority:
        return expandAuthority(this.authorities[index][row]);
      default:
        return { current_mana: this.manas[index][row], last_update_time: this.manaTimes[index][row] } satisfies Manabar;
    }
  }

  private writeField(row: number, field: string, value: unknown): void {
    const [kind, index] = fieldSlots.get(field)!;
    switch (kind) {
      case kindBigint:
        this.bigints[index][row] = checkInt64(field, value);
        return;
      case kindUint32:
        this.uint32s[index][row] = checkUint32(field, value);
        return;
      case kindReference:
        this.references[index][row] = value;
        return;
      case kindAuthority:
        this.authorities[index][row] = getSingleKey(value as Authority) ?? (value as Authority);
        return;
      default: {
        const bar = value as Manabar;
        this.manas[index][row] = checkInt64(`${field}.current_mana`, bar?.current_mana);
        this.manaTimes[index][row] = checkUint32(`${field}.last_update_time`, bar?.last_update_time);
      }
    }
  }

  private removeLast(name: string): void {
    const row = this.count - 1;
    if (this.rowsByName.get(name) !== row) throw new Error(`undo of ${name}'s creation out of order`);
    this.rowsByName.delete(name);
    this.views.pop();
    for (const column of this.references) column.length = row;
    for (const column of this.authorities) column.length = row;
    this.count--;
  }

  private grow(): void {
    this.capacity *= 2;
    for (const columns of [this.bigints, this.manas]) for (let i = 0; i < columns.length; i++) columns[i] = grownCopy(columns[i], this.capacity);
    for (const columns of [this.uint32s, this.manaTimes]) for (let i = 0; i < columns.length; i++) columns[i] = grownCopy(columns[i], this.capacity);
  }
}

function expandAuthority(stored: Authority | PublicKey): Authority {
  return typeof stored === "string" ? createSingleKeyAuthority(stored) : stored;
}

function checkInt64(field: string, value: unknown): bigint {
  if (typeof value !== "bigint" || value < int64Min || value > int64Max) throw new RangeError(`account field ${field} = ${String(value)} is not a 64-bit integer`);
  return value;
}

function checkUint32(field: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new RangeError(`account field ${field} = ${String(value)} is not an unsigned 32-bit integer`);
  return value;
}

