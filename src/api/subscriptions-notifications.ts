/**
 * Notifications pushed as the index advances. Every watcher shares one watermark, the id of the last
 * notification handed out: after each newly indexed block (`check`, called by the producer when its
 * index follower has caught up, or every `pollMs` in a `kettle api` process, which sees the producer's
 * progress only through PostgreSQL) the rows above it for the watched accounts are read in id order,
 * rendered as `bridge.account_notifications` renders them, and handed to their watchers. Ids are the
 * projector's, in block order, and `index_state.next_notification_id` is written in the same transaction
 * as the rows, so no row is missed or handed out twice.
 */
import type { IndexDatabase } from "../index/db/database.ts";
import { isNotifyTypeId } from "../index/rules/notifications.ts";
import { invalidParams } from "./rpc/rpc-error.ts";
import { type NotificationRow, notificationColumns, notificationJoins, renderNotification } from "./social/notification-queries.ts";
import type { NotificationEvent, NotificationSource, Unwatch } from "./subscriptions.ts";

/** Accounts per query (an IN list). */
const accountsPerQuery = 500;
/** Notification ids per query window, so a long catch-up reads in bounded steps. */
const idsPerQuery = 10_000;

interface Watcher {
  readonly minScore: number;
  readonly onEvent: (event: NotificationEvent) => void;
}

export interface IndexNotificationOptions {
  /** Checks the index this often while anyone watches (a process that is not told when the index advances); null: only on `check()`. */
  readonly pollMs: number | null;
  /** A failed check (the database went away): reported once until a check succeeds again; retried at the next check. */
  readonly onError: (error: Error) => void;
}

export class IndexNotificationSource implements NotificationSource {
  private readonly watchers = new Map<string, Set<Watcher>>();
  /** The last notification id handed out; null while nobody watches. */
  private watermark: number | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private failing = false;

  constructor(private readonly db: IndexDatabase, private readonly options: IndexNotificationOptions) {}

  async watch(account: string, minScore: number, onEvent: (event: NotificationEvent) => void): Promise<Unwatch> {
    const known = await this.db.get("SELECT id FROM accounts WHERE name = ?", [account]);
    if (known === undefined) throw invalidParams(`account ${account} does not exist`);
    const last = await this.readLastId();
    // Another watch may have set it meanwhile; moving it forward would skip rows its watchers wait for.
    this.watermark ??= last;
    const watcher: Watcher = { minScore, onEvent };
    let set = this.watchers.get(account);
    if (set === undefined) this.watchers.set(account, (set = new Set()));
    set.add(watcher);
    this.schedulePoll();
    return () => this.remove(account, watcher);
  }

  /** Hands out the notifications the index holds beyond the watermark; resolves when done. */
  check(): Promise<void> {
    if (this.running !== null) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Stops polling and forgets every watcher. */
  close(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.watchers.clear();
    this.watermark = null;
  }

  private remove(account: string, watcher: Watcher): void {
    const set = this.watchers.get(account);
    if (set === undefined || !set.delete(watcher)) return;
    if (set.size === 0) this.watchers.delete(account);
    if (this.watchers.size === 0) {
      this.watermark = null;
      if (this.timer !== null) clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private schedulePoll(): void {
    const pollMs = this.options.pollMs;
    if (pollMs === null || this.timer !== null || this.watchers.size === 0) return;
    this.timer = setTimeout(() => {
      this.check().finally(() => {
        this.timer = null;
        this.schedulePoll();
      });
    }, pollMs);
    this.timer.unref();
  }

  private async drain(): Promise<void> {
    try {
      do {
        this.again = false;
        await this.pass();
      } while (this.again);
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.options.onError(error as Error);
      this.failing = true;
    }
  }

  private async pass(): Promise<void> {
    if (this.watermark === null) return;
    const last = await this.readLastId();
    while (this.watermark !== null && this.watermark < last) {
      const from = this.watermark;
      const to = Math.min(last, from + idsPerQuery);
      const rows = await this.readRows(from, to);
      for (const row of rows) this.handOut(row);
      // A watch started meanwhile may have set it further on; never move it back.
      if (this.watermark !== null) this.watermark = Math.max(this.watermark, to);
    }
  }

  private async readLastId(): Promise<number> {
    const state = await this.db.get<{ next_notification_id: number }>("SELECT next_notification_id FROM index_state WHERE id = 1");
    return (state?.next_notification_id ?? 1) - 1;
  }

  /** The watched accounts' notifications with ids in (from, to], in id order per account. */
  private async readRows(from: number, to: number): Promise<NotificationRow[]> {
    const accounts = [...this.watchers.keys()];
    const rows: NotificationRow[] = [];
    for (let i = 0; i < accounts.length; i += accountsPerQuery) {
      const chunk = accounts.slice(i, i + accountsPerQuery);
      rows.push(...await this.db.all<NotificationRow>(
        `SELECT ${notificationColumns} ${notificationJoins}
         WHERE n.id > ? AND n.id <= ? AND n.dst IN (${chunk.map(() => "?").join(", ")}) ORDER BY n.id`,
        [from, to, ...chunk],
      ));
    }
    return rows;
  }

  private handOut(row: NotificationRow): void {
    const watchers = row.dst === null ? undefined : this.watchers.get(row.dst);
    const typeId = row.type_id;
    if (watchers === undefined || !isNotifyTypeId(typeId)) return;
    const event = renderNotification(row);
    for (const watcher of [...watchers]) {
      if (row.score < watcher.minScore) continue;
      try {
        watcher.onEvent(event);
      } catch (error) {
        this.options.onError(error as Error);
      }
    }
  }
}
