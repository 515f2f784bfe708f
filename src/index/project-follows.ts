/**
 * The follow plugin's state in the index (hivemind, Hive's list variants included): one `follows` row per
 * (follower, following) pair holding the follow state — 0 none, 1 follows, 2 ignores (mutes); following
 * and muting exclude each other, as Hive's separate tables do — and the three list flags: `blacklisted`
 * (the follower's blacklist), `follow_blacklists` and `follow_muted` (the follower subscribes to the
 * target's blacklist / mute list). A pair with nothing left has no row.
 *
 * `accounts.following` / `accounts.followers` count state-1 rows only, as hivemind's do. A follow that
 * makes the state 1 (from 0 or 2) notifies the followed account. Every change to a follower's rows marks
 * it with the block (`accounts.follows_block`), so readers know when a feed or a mute set moved.
 */
import { existingAccounts } from "./project-accounts.ts";
import { notifyFromAccount } from "./project-social-notifications.ts";
import type { ProjectionContext } from "./projector.ts";
import type { FollowAction, FollowResetWhat, FollowWhat } from "./rules/custom-json.ts";

interface FollowRow {
  [column: string]: number;
  state: number;
  blacklisted: number;
  follow_blacklists: number;
  follow_muted: number;
}

type ListFlag = "blacklisted" | "follow_blacklists" | "follow_muted";

const stateNone = 0;
const stateFollow = 1;
const stateIgnore = 2;

const noRelation: FollowRow = { state: stateNone, blacklisted: 0, follow_blacklists: 0, follow_muted: 0 };

/** What each `what` sets: the follow state, or one list flag. */
const whatEffects: Readonly<Record<FollowWhat, { state: number } | { flag: ListFlag; on: number }>> = {
  follow: { state: stateFollow },
  ignore: { state: stateIgnore },
  clear: { state: stateNone },
  blacklist: { flag: "blacklisted", on: 1 },
  unblacklist: { flag: "blacklisted", on: 0 },
  follow_blacklist: { flag: "follow_blacklists", on: 1 },
  unfollow_blacklist: { flag: "follow_blacklists", on: 0 },
  follow_muted: { flag: "follow_muted", on: 1 },
  unfollow_muted: { flag: "follow_muted", on: 0 },
};

/** What each reset empties: follow states and list flags of all the follower's rows. */
const resetEffects: Readonly<Record<FollowResetWhat, { states: readonly number[]; flags: readonly ListFlag[] }>> = {
  reset_following_list: { states: [stateFollow], flags: [] },
  reset_muted_list: { states: [stateIgnore], flags: [] },
  reset_blacklist: { states: [], flags: ["blacklisted"] },
  reset_follow_blacklist: { states: [], flags: ["follow_blacklists"] },
  reset_follow_muted_list: { states: [], flags: ["follow_muted"] },
  reset_all_lists: { states: [stateFollow, stateIgnore], flags: ["blacklisted", "follow_blacklists", "follow_muted"] },
};

export async function projectFollow(context: ProjectionContext, action: FollowAction): Promise<void> {
  if (action.kind === "follow_reset") {
    await resetLists(context, action.follower, resetEffects[action.what]);
    return;
  }
  // Names that are not accounts are dropped, as hivemind drops them.
  const existing = await existingAccounts(context, action.following);
  for (const following of action.following) {
    if (existing.has(following)) await applyFollow(context, action.follower, following, action.what);
  }
}

async function applyFollow(context: ProjectionContext, follower: string, following: string, what: FollowWhat): Promise<void> {
  const { tx, time } = context;
  const old = await tx.get<FollowRow>(
    "SELECT state, blacklisted, follow_blacklists, follow_muted FROM follows WHERE follower = ? AND following = ?",
    [follower, following],
  );
  const before = old ?? noRelation;
  const effect = whatEffects[what];
  const after: FollowRow = "state" in effect ? { ...before, state: effect.state } : { ...before, [effect.flag]: effect.on };
  if (sameRelation(before, after)) return;

  if (isEmpty(after)) {
    await tx.run("DELETE FROM follows WHERE follower = ? AND following = ?", [follower, following]);
  } else if (old === undefined) {
    await tx.run(
      "INSERT INTO follows (follower, following, state, blacklisted, follow_blacklists, follow_muted, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      [follower, following, after.state, after.blacklisted, after.follow_blacklists, after.follow_muted, time],
    );
  } else {
    // created_at dates the current follow or mute: it moves when the state becomes one of them.
    const since = after.state !== before.state && after.state !== stateNone ? time : null;
    await tx.run(
      "UPDATE follows SET state = ?, blacklisted = ?, follow_blacklists = ?, follow_muted = ?, created_at = COALESCE(CAST(? AS BIGINT), created_at) WHERE follower = ? AND following = ?",
      [after.state, after.blacklisted, after.follow_blacklists, after.follow_muted, since, follower, following],
    );
  }

  const delta = before.state !== stateFollow && after.state === stateFollow ? 1 : before.state === stateFollow && after.state !== stateFollow ? -1 : 0;
  await context.tx.run("UPDATE accounts SET following = following + ?, follows_block = ? WHERE name = ?", [delta, context.blockNum, follower]);
  if (delta !== 0) await context.tx.run("UPDATE accounts SET followers = followers + ? WHERE name = ?", [delta, following]);
  if (delta === 1) await notifyFromAccount(context, { type: "follow", src: follower, dst: following });
}

async function resetLists(context: ProjectionContext, follower: string, reset: { states: readonly number[]; flags: readonly ListFlag[] }): Promise<void> {
  const { tx } = context;
  await tx.run("UPDATE accounts SET follows_block = ? WHERE name = ?", [context.blockNum, follower]);
  if (reset.states.includes(stateFollow)) {
    await tx.run("UPDATE accounts SET followers = followers - 1 WHERE name IN (SELECT following FROM follows WHERE follower = ? AND state = 1)", [follower]);
    // Every follow of `follower` is gone, so it follows nobody.
    await tx.run("UPDATE accounts SET following = 0 WHERE name = ?", [follower]);
  }
  for (const state of reset.states) await tx.run("UPDATE follows SET state = 0 WHERE follower = ? AND state = ?", [follower, state]);
  for (const flag of reset.flags) await tx.run(`UPDATE follows SET ${flag} = 0 WHERE follower = ? AND ${flag} <> 0`, [follower]);
  await tx.run("DELETE FROM follows WHERE follower = ? AND state = 0 AND blacklisted = 0 AND follow_blacklists = 0 AND follow_muted = 0", [follower]);
}

function sameRelation(a: FollowRow, b: FollowRow): boolean {
  return a.state === b.state && a.blacklisted === b.blacklisted && a.follow_blacklists === b.follow_blacklists && a.follow_muted === b.follow_muted;
}

function isEmpty(row: FollowRow): boolean {
  return sameRelation(row, noRelation);
}
