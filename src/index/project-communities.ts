/**
 * Communities in the index, with hivemind's (Hive) rules: registration of `hive-NNNNNN` accounts, the
 * `community` custom_json ops with their role checks and `error` notifications, and which community a new
 * post joins (and whether it is muted there).
 *
 * Every op is checked completely before it writes anything, so a refused op leaves no row but its `error`
 * notification. The checks run in Hive's order (openhive-network/hivemind `community.sql`): the community
 * exists, the named account exists (Steemit's check: Hive drops such ops silently), the actor's role, the
 * post (exists, belongs to this community), then the post's state. Nothing is retroactive: muting a user
 * mutes what they write next, not what they wrote; muting a post does not mute its existing replies.
 */
import type { SqlValue } from "./db/database.ts";
import { insertNotification, type NewNotification } from "./project-notifications.ts";
import type { ProjectionContext } from "./projector.ts";
import {
  accountNotFoundReason,
  checkActorRole,
  checkPostState,
  checkSetRole,
  checkSubscribe,
  checkUnsubscribe,
  communityNotFoundReason,
  type CommunityType,
  communityTypeOf,
  encodeMutedReasons,
  isCommunityName,
  mutedReasonsEnum,
  type PostActionName,
  postMutedReasons,
  postNotFoundReason,
  postNotInCommunityReason,
  roles,
} from "./rules/communities.ts";
import type { CommunityAction, SocialOpRefusal } from "./rules/custom-json.ts";
import { communityNotificationScore, notificationScoreDefault } from "./rules/notifications.ts";
import { notificationScoreOfReputation } from "./rules/reputation-display.ts";

interface CommunityRow {
  [column: string]: SqlValue;
  id: number;
  name: string;
  type_id: number;
}

/**
 * Registers `account` as a community if its name makes it one (called for every new account): the
 * community account becomes its owner and a `new_community` notification is written, as in hivemind.
 *
 * Kettle's friendlier path: `creator`, the account that created the community account (account_create,
 * account_create_with_delegation, create_claimed_account), is made its admin at once. So one transaction
 * signed by the creator — the account_create of hive-NNNNNN, then custom_json `updateProps` and
 * `subscribe` from the creator — sets up a whole community, without hivemind's second step of signing a
 * `setRole` with the community account's own key. The grant is announced like any other role change (a
 * `set_role` notification from the community to the creator). Genesis accounts have no creator.
 */
export async function registerCommunityAccount(context: ProjectionContext, account: string, creator: string | null = null): Promise<void> {
  if (!isCommunityName(account)) return;
  const id = context.takeId("next_community_id");
  await context.tx.run(
    `INSERT INTO communities (id, name, type_id, title, about, lang, is_nsfw, description, flag_text, settings, created_at, subscribers)
     VALUES (?, ?, ?, '', '', 'en', 0, '', '', '{}', ?, 0)`,
    [id, account, communityTypeOf(account), context.time],
  );
  await writeRole(context, id, account, roles.owner);
  await insertNotification(context, { type: "new_community", score: notificationScoreDefault, src: null, dst: account, community: account });
  if (creator !== null && creator !== account) {
    await writeRole(context, id, creator, roles.admin);
    await insertNotification(context, {
      type: "set_role", score: communityNotificationScore(false), src: account, dst: creator, community: account, payload: "admin",
    });
  }
}

/** Applies a parsed community op, or records the refusal of one (an `error` notification to the actor). */
export async function projectCommunityOperation(context: ProjectionContext, op: CommunityAction | SocialOpRefusal): Promise<void> {
  if (op.kind === "error") {
    // hivemind looks the community up before reading the other fields, so an unknown community is the reason.
    const community = op.community === undefined ? undefined : await findCommunity(context, op.community);
    const reason = op.community !== undefined && community === undefined ? communityNotFoundReason(op.community) : op.reason;
    await refuse(context, op.actor, reason, community);
    return;
  }
  const community = await findCommunity(context, op.community);
  if (community === undefined) {
    await refuse(context, op.actor, communityNotFoundReason(op.community), undefined);
    return;
  }
  const refusal = await applyAction(context, community, op);
  if (refusal !== null) await refuse(context, op.actor, refusal, community);
}

/** Performs the action, or returns why it is refused (having written nothing). */
async function applyAction(context: ProjectionContext, community: CommunityRow, op: CommunityAction): Promise<string | null> {
  if ("account" in op && !(await accountExists(context, op.account))) return accountNotFoundReason(op.account);
  switch (op.action) {
    case "subscribe":
      return subscribe(context, community, op.actor);
    case "unsubscribe":
      return unsubscribe(context, community, op.actor);
    case "setRole":
      return setRole(context, community, op);
    case "setUserTitle":
      return setUserTitle(context, community, op.actor, op.account, op.title);
    case "updateProps":
      return updateProps(context, community, op);
    case "mutePost":
    case "unmutePost":
    case "flagPost":
      return moderatePost(context, community, op.action, op.actor, op.account, op.permlink, op.notes);
    case "pinPost":
    case "unpinPost":
      return moderatePost(context, community, op.action, op.actor, op.account, op.permlink, null);
  }
}

async function subscribe(context: ProjectionContext, community: CommunityRow, actor: string): Promise<string | null> {
  const refusal = checkSubscribe(await isSubscribed(context, community.id, actor));
  if (refusal !== null) return refusal;
  await context.tx.run("INSERT INTO subscriptions (community_id, account, created_at) VALUES (?, ?, ?)", [community.id, actor, context.time]);
  await context.tx.run("UPDATE communities SET subscribers = subscribers + 1 WHERE id = ?", [community.id]);
  // Scored by the subscriber's reputation (Hive); none from a score of 0 or less, none from the community itself.
  const score = notificationScoreOfReputation(await reputationOf(context, actor));
  if (score > 0 && actor !== community.name) {
    await insertNotification(context, { type: "subscribe", score, src: actor, dst: community.name, community: community.name });
  }
  return null;
}

async function unsubscribe(context: ProjectionContext, community: CommunityRow, actor: string): Promise<string | null> {
  const refusal = checkUnsubscribe(await isSubscribed(context, community.id, actor));
  if (refusal !== null) return refusal;
  await context.tx.run("DELETE FROM subscriptions WHERE community_id = ? AND account = ?", [community.id, actor]);
  await context.tx.run("UPDATE communities SET subscribers = subscribers - 1 WHERE id = ?", [community.id]);
  return null;
}

type SetRole = Extract<CommunityAction, { action: "setRole" }>;

async function setRole(context: ProjectionContext, community: CommunityRow, op: SetRole): Promise<string | null> {
  const { actor, account: target } = op;
  const modCount = await context.tx.get<{ n: number }>(
    "SELECT COUNT(*) AS n FROM community_roles WHERE community_id = ? AND role >= ? AND account <> ?",
    [community.id, roles.mod, target],
  );
  const refusal = checkSetRole(await roleOf(context, community.id, actor), await roleOf(context, community.id, target), op.roleId, {
    actor, target, modCount: Number(modCount?.n ?? 0),
  });
  if (refusal !== null) return refusal;
  await writeRole(context, community.id, target, op.roleId);
  await notifyTarget(context, community, { type: "set_role", src: actor, dst: target, payload: op.role });
  return null;
}

async function setUserTitle(context: ProjectionContext, community: CommunityRow, actor: string, target: string, title: string): Promise<string | null> {
  const refusal = checkActorRole("setUserTitle", await roleOf(context, community.id, actor));
  if (refusal !== null) return refusal;
  // A title for an account without a role gives it a guest row that carries the title, as in hivemind.
  await context.tx.run(
    `INSERT INTO community_roles (community_id, account, role, title, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (community_id, account) DO UPDATE SET title = excluded.title`,
    [community.id, target, roles.guest, title, context.time],
  );
  await notifyTarget(context, community, { type: "set_label", src: actor, dst: target, payload: title });
  return null;
}

type UpdateProps = Extract<CommunityAction, { action: "updateProps" }>;

async function updateProps(context: ProjectionContext, community: CommunityRow, op: UpdateProps): Promise<string | null> {
  const refusal = checkActorRole("updateProps", await roleOf(context, community.id, op.actor));
  if (refusal !== null) return refusal;
  const sets: string[] = [];
  const values: SqlValue[] = [];
  for (const [column, value] of Object.entries(op.props)) {
    sets.push(`${column} = ?`);
    values.push(column === "settings" ? JSON.stringify(value) : typeof value === "boolean" ? (value ? 1 : 0) : (value as string | number));
  }
  await context.tx.run(`UPDATE communities SET ${sets.join(", ")} WHERE id = ?`, [...values, community.id]);
  await notifyTeam(context, community, { type: "set_props", src: op.actor, payload: JSON.stringify(op.rawProps) });
  return null;
}

type PostAction = Extract<PostActionName, "mutePost" | "unmutePost" | "pinPost" | "unpinPost" | "flagPost">;

interface TargetPost {
  [column: string]: SqlValue;
  id: number;
  community: string | null;
  is_muted: number;
  is_pinned: number;
  parent_muted: number | null;
  flagged: number;
}

/** mutePost, unmutePost, pinPost, unpinPost and flagPost on author/permlink; `notes` where the op has them. */
async function moderatePost(
  context: ProjectionContext, community: CommunityRow, action: PostAction, actor: string, author: string, permlink: string, notes: string | null,
): Promise<string | null> {
  const roleRefusal = checkActorRole(action, await roleOf(context, community.id, actor));
  if (roleRefusal !== null) return roleRefusal;
  const post = await context.tx.get<TargetPost>(
    `SELECT p.id, p.community, p.is_muted, p.is_pinned, parent.is_muted AS parent_muted,
       (SELECT COUNT(*) FROM community_flags f WHERE f.post_id = p.id AND f.account = ?) AS flagged
     FROM posts p LEFT JOIN posts parent ON parent.id = p.parent_id
     WHERE p.author = ? AND p.permlink = ? AND p.is_deleted = 0`,
    [actor, author, permlink],
  );
  if (post === undefined) return postNotFoundReason(author, permlink);
  if (post.community !== community.name) return postNotInCommunityReason;
  const stateRefusal = checkPostState(action, {
    muted: post.is_muted !== 0, pinned: post.is_pinned !== 0, parentMuted: (post.parent_muted ?? 0) !== 0, flaggedByActor: Number(post.flagged) > 0,
  });
  if (stateRefusal !== null) return stateRefusal;

  const { tx } = context;
  switch (action) {
    case "mutePost":
      // A moderator's mute replaces whatever reasons the post had; unmuting clears them all (Hive).
      await tx.run("UPDATE posts SET is_muted = 1, muted_reasons = ?, changed_block = ? WHERE id = ?", [encodeMutedReasons([mutedReasonsEnum.MUTED_COMMUNITY_MODERATION]), context.blockNum, post.id]);
      break;
    case "unmutePost":
      await tx.run("UPDATE posts SET is_muted = 0, muted_reasons = 0, changed_block = ? WHERE id = ?", [context.blockNum, post.id]);
      break;
    case "pinPost":
    case "unpinPost":
      await tx.run("UPDATE posts SET is_pinned = ?, changed_block = ? WHERE id = ?", [action === "pinPost" ? 1 : 0, context.blockNum, post.id]);
      break;
    case "flagPost":
      await tx.run("INSERT INTO community_flags (post_id, account, community_id, notes, created_at) VALUES (?, ?, ?, ?, ?)", [
        post.id, actor, community.id, notes, context.time,
      ]);
      await notifyTeam(context, community, { type: "flag_post", src: actor, postId: post.id, payload: notes });
      return null;
  }
  await notifyTarget(context, community, { type: postNotificationTypes[action], src: actor, dst: author, postId: post.id, payload: notes });
  return null;
}

const postNotificationTypes = { mutePost: "mute_post", unmutePost: "unmute_post", pinPost: "pin_post", unpinPost: "unpin_post" } as const;

export interface NewPostInCommunity {
  readonly author: string;
  /** The root post's category (parent_permlink of the root). */
  readonly category: string;
  readonly depth: number;
  /** The parent's community and muted state (comments inherit them); null/false for a top-level post. */
  readonly parentCommunity: string | null;
  readonly parentIsMuted: boolean;
}

export interface PostCommunityState {
  readonly community: string | null;
  readonly isMuted: boolean;
  /** `encodeMutedReasons` of the reasons it is muted for. */
  readonly mutedReasons: number;
}

/**
 * The community a new post belongs to and whether it starts muted there. A top-level post joins the
 * community its category names, if that community is registered (otherwise it is an ordinary post); a
 * comment joins its parent's. It starts muted when the community's type does not let the author's role
 * write it, when the author is muted there, or when its parent is muted (rules/communities.ts
 * `postMutedReasons`); the reasons are frozen on the post.
 */
export async function communityOfNewPost(context: ProjectionContext, post: NewPostInCommunity): Promise<PostCommunityState> {
  const isTopLevel = post.depth === 0;
  const name = isTopLevel ? post.category : post.parentCommunity;
  const community = name !== null && isCommunityName(name) ? await findCommunity(context, name) : undefined;
  const authorRole = community === undefined ? roles.guest : await roleOf(context, community.id, post.author);
  const reasons = postMutedReasons({
    communityType: community === undefined ? null : (community.type_id as CommunityType), authorRole, isTopLevel, parentMuted: post.parentIsMuted,
  });
  return { community: community?.name ?? null, isMuted: reasons.length > 0, mutedReasons: encodeMutedReasons(reasons) };
}

// ------------------------------------------------------------------------------------------------ helpers

async function findCommunity(context: ProjectionContext, name: string): Promise<CommunityRow | undefined> {
  return context.tx.get<CommunityRow>("SELECT id, name, type_id FROM communities WHERE name = ?", [name]);
}

async function accountExists(context: ProjectionContext, name: string): Promise<boolean> {
  return (await context.tx.get("SELECT id FROM accounts WHERE name = ?", [name])) !== undefined;
}

/** An account's role in a community; guest when it has no row. */
async function roleOf(context: ProjectionContext, communityId: number, account: string): Promise<number> {
  const row = await context.tx.get<{ role: number }>("SELECT role FROM community_roles WHERE community_id = ? AND account = ?", [communityId, account]);
  return row?.role ?? roles.guest;
}

async function writeRole(context: ProjectionContext, communityId: number, account: string, role: number): Promise<void> {
  await context.tx.run(
    `INSERT INTO community_roles (community_id, account, role, title, created_at) VALUES (?, ?, ?, '', ?)
     ON CONFLICT (community_id, account) DO UPDATE SET role = excluded.role`,
    [communityId, account, role, context.time],
  );
}

async function isSubscribed(context: ProjectionContext, communityId: number, account: string): Promise<boolean> {
  return (await context.tx.get("SELECT account FROM subscriptions WHERE community_id = ? AND account = ?", [communityId, account])) !== undefined;
}

async function reputationOf(context: ProjectionContext, account: string): Promise<bigint> {
  const row = await context.tx.get<{ reputation: number | bigint | null }>("SELECT reputation FROM accounts WHERE name = ?", [account]);
  return BigInt(row?.reputation ?? 0);
}

type CommunityNotification = Pick<NewNotification, "type" | "src" | "payload" | "postId">;

/** A notification to the account an action is about: 35, or 15 when it is not subscribed to the community. */
async function notifyTarget(context: ProjectionContext, community: CommunityRow, notification: CommunityNotification & { dst: string }): Promise<void> {
  const score = communityNotificationScore(await isSubscribed(context, community.id, notification.dst));
  await insertNotification(context, { ...notification, score, community: community.name });
}

/** A notification (35) to every mod, admin and owner of the community but the actor, in name order. */
async function notifyTeam(context: ProjectionContext, community: CommunityRow, notification: CommunityNotification): Promise<void> {
  const team = await context.tx.all<{ account: string }>("SELECT account FROM community_roles WHERE community_id = ? AND role >= ?", [community.id, roles.mod]);
  // Sorted here, not in SQL, so both engines number the notifications alike (PostgreSQL's collation is not bytewise).
  const members = team.map((row) => row.account).filter((account) => account !== notification.src).sort();
  for (const dst of members) await insertNotification(context, { ...notification, dst, score: notificationScoreDefault, community: community.name });
}

/** The `error` notification for a refused op: from the community (when it exists) to the actor. */
async function refuse(context: ProjectionContext, actor: string, reason: string, community: CommunityRow | undefined): Promise<void> {
  const name = community?.name ?? null;
  await insertNotification(context, { type: "error", score: notificationScoreDefault, src: name, dst: actor, community: name, payload: reason });
}
