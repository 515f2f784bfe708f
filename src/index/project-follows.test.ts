// Follow ops straight through the projector, on SQLite and PostgreSQL: a seeded random run of follows,
// mutes, list flags and resets (with names that are not accounts, self-follows and bulk targets) leaves
// exactly the rows a plain model of hivemind's rules predicts, follow counters equal to a recount, one
// notification per new follow, and the same digest on both engines.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { createTestDatabase } from "../../test/helpers/postgres.ts";
import type { Operation } from "../core/protocol/operation-schemas.ts";
import type { IndexDatabase } from "./db/database.ts";
import { PostgresIndexDatabase } from "./db/postgres.ts";
import { SqliteIndexDatabase } from "./db/sqlite.ts";
import { indexDigest } from "./digest.ts";
import { Projector } from "./projector.ts";
import { notifyTypes } from "./rules/notifications.ts";

const accounts = ["fa", "fb", "fc", "fd", "fe"].map((n) => `${n}-acct`);
const whats = ["blog", "follow", "ignore", "", "blacklist", "unblacklist", "follow_blacklist", "unfollow_blacklist", "follow_muted", "unfollow_muted"];
const resets = ["reset_blacklist", "reset_following_list", "reset_muted_list", "reset_follow_blacklist", "reset_follow_muted_list", "reset_all_lists"];
const genesisTime = 1_700_000_000;

interface Relation {
  [column: string]: number;
  state: number;
  blacklisted: number;
  follow_blacklists: number;
  follow_muted: number;
}

/** hivemind's follow rules, written plainly: the expected rows and notifications. */
class Model {
  readonly rows = new Map<string, Relation>();
  readonly followNotifications = new Map<string, number>();

  apply(follower: string, following: readonly string[], what: string): void {
    if (resets.includes(what)) {
      for (const [key, row] of this.rows) if (key.startsWith(`${follower}/`)) this.rows.set(key, this.reset(row, what));
    } else {
      for (const target of following) {
        if (!accounts.includes(target) || target === follower) continue;
        const key = `${follower}/${target}`;
        const before = this.rows.get(key) ?? { state: 0, blacklisted: 0, follow_blacklists: 0, follow_muted: 0 };
        const after = this.change(before, what);
        if (before.state !== 1 && after.state === 1 && !this.mutes(target, follower)) this.followNotifications.set(target, (this.followNotifications.get(target) ?? 0) + 1);
        this.rows.set(key, after);
      }
    }
    for (const [key, row] of this.rows) if (row.state === 0 && row.blacklisted + row.follow_blacklists + row.follow_muted === 0) this.rows.delete(key);
  }

  private change(row: Relation, what: string): Relation {
    const states: Record<string, number> = { blog: 1, follow: 1, ignore: 2, "": 0 };
    const flags: Record<string, [keyof Relation, number]> = {
      blacklist: ["blacklisted", 1], unblacklist: ["blacklisted", 0], follow_blacklist: ["follow_blacklists", 1], unfollow_blacklist: ["follow_blacklists", 0],
      follow_muted: ["follow_muted", 1], unfollow_muted: ["follow_muted", 0],
    };
    if (what in states) return { ...row, state: states[what] };
    const [column, value] = flags[what];
    return { ...row, [column]: value };
  }

  /** Whether `recipient` muted `source`, directly or through a mute list it follows. */
  private mutes(recipient: string, source: string): boolean {
    if (this.rows.get(`${recipient}/${source}`)?.state === 2) return true;
    return [...this.rows].some(([key, row]) => key.startsWith(`${recipient}/`) && row.follow_muted === 1 && this.rows.get(`${key.split("/")[1]}/${source}`)?.state === 2);
  }

  private reset(row: Relation, what: string): Relation {
    const all = what === "reset_all_lists";
    return {
      state: (all || what === "reset_following_list") && row.state === 1 ? 0 : (all || what === "reset_muted_list") && row.state === 2 ? 0 : row.state,
      blacklisted: all || what === "reset_blacklist" ? 0 : row.blacklisted,
      follow_blacklists: all || what === "reset_follow_blacklist" ? 0 : row.follow_blacklists,
      follow_muted: all || what === "reset_follow_muted_list" ? 0 : row.follow_muted,
    };
  }
}

/** A seeded generator (LCG), so a failure replays. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function followOps(seed: number, count: number): { follower: string; following: string[]; what: string; op: Operation }[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const ops = [];
  for (let i = 0; i < count; i++) {
    const follower = pick(accounts);
    const what = next() < 0.08 ? pick(resets) : pick(whats);
    const following = Array.from({ length: 1 + Math.floor(next() * 3) }, () => (next() < 0.1 ? "ghost-acct" : pick(accounts)));
    const json = JSON.stringify(["follow", { follower, following: following.length === 1 ? following[0] : following, what: what === "" && next() < 0.5 ? [] : [what] }]);
    ops.push({ follower, following: [...new Set(following)], what, op: { type: "custom_json", value: { required_auths: [], required_posting_auths: [follower], id: "follow", json } } as Operation });
  }
  return ops;
}

async function project(db: IndexDatabase, ops: readonly { op: Operation }[]): Promise<void> {
  const projector = await Projector.open(db, { time: genesisTime, names: accounts });
  for (let i = 0; i < ops.length; i += 10) {
    const blockNum = i / 10 + 1;
    const transactions = ops.slice(i, i + 10).map(({ op }) => ({ operations: [op] }));
    await projector.project({ blockNum, blockId: `block-${blockNum}`, timestamp: genesisTime + 3 * blockNum, transactions, virtualOps: [] });
  }
}

test("random follow ops give the model's rows, recounted counters, one notification per new follow, on both engines alike", async () => {
  const ops = followOps(20_240_601, 400);
  const model = new Model();
  for (const { follower, following, what } of ops) model.apply(follower, following, what);

  const temp = await mkdtemp(join(tmpdir(), "kettle-follows-test-"));
  after(() => rm(temp, { recursive: true, force: true }));
  const sqlite = new SqliteIndexDatabase({ path: join(temp, "follows.sqlite") });
  const pgDatabase = await createTestDatabase();
  const postgres = await PostgresIndexDatabase.open({ url: pgDatabase.url });
  try {
    for (const db of [sqlite, postgres]) {
      await project(db, ops);
      const rows = await db.all("SELECT follower, following, state, blacklisted, follow_blacklists, follow_muted FROM follows");
      const actual = new Map(rows.map(({ follower, following, ...relation }) => [`${follower}/${following}`, relation]));
      assert.deepEqual(actual, model.rows, `${db.dialect}: the follows rows`);
      for (const name of accounts) {
        const counts = (await db.get<{ followers: number; following: number }>("SELECT followers, following FROM accounts WHERE name = ?", [name]))!;
        const followers = [...model.rows].filter(([key, row]) => key.endsWith(`/${name}`) && row.state === 1).length;
        const following = [...model.rows].filter(([key, row]) => key.startsWith(`${name}/`) && row.state === 1).length;
        assert.deepEqual(counts, { followers, following }, `${db.dialect}: ${name}'s counters`);
        const notified = (await db.all("SELECT id FROM notifications WHERE type_id = ? AND dst = ?", [notifyTypes.follow, name])).length;
        assert.equal(notified, model.followNotifications.get(name) ?? 0, `${db.dialect}: follow notifications to ${name}`);
      }
    }
    assert.ok(model.rows.size > 3, "the run leaves some relations behind");
    assert.equal(await indexDigest(postgres), await indexDigest(sqlite));
  } finally {
    await sqlite.close();
    await postgres.close();
    await pgDatabase.drop();
  }
});
