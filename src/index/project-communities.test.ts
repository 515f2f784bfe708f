// Communities in the projection, driven op by op against a real index database on both engines: registration
// (hivemind's way and Kettle's creator-is-admin way), every community action with its rows and notifications,
// the role matrix, refusals that leave nothing but their `error` notification, and the muted state of new posts.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { createTestDatabase } from "../../test/helpers/postgres.ts";
import type { IndexDatabase, SqlRow } from "./db/database.ts";
import { PostgresIndexDatabase } from "./db/postgres.ts";
import { SqliteIndexDatabase } from "./db/sqlite.ts";
import { communityOfNewPost, projectCommunityOperation, registerCommunityAccount } from "./project-communities.ts";
import type { ProjectionContext } from "./projector.ts";
import { roles } from "./rules/communities.ts";
import { parseSocialCustomJson } from "./rules/custom-json.ts";
import { type NotifyTypeId, notifyTypeNames } from "./rules/notifications.ts";
import { schemaStatements } from "./schema.ts";

interface Fixture {
  readonly db: IndexDatabase;
  /** Runs `body` as the next block (time advances 3 s) in one transaction. */
  block<T>(body: (context: ProjectionContext) => Promise<T>): Promise<T>;
  cleanup(): Promise<void>;
}

async function openFixture(engine: "sqlite" | "postgres"): Promise<Fixture> {
  let db: IndexDatabase;
  let drop: () => Promise<void>;
  if (engine === "sqlite") {
    const dir = await mkdtemp(join(tmpdir(), "kettle-communities-"));
    db = new SqliteIndexDatabase({ path: join(dir, "index.sqlite") });
    drop = () => rm(dir, { recursive: true, force: true });
  } else {
    const database = await createTestDatabase();
    db = await PostgresIndexDatabase.open({ url: database.url, readers: 2 });
    drop = () => database.drop();
  }
  await db.transaction(async (tx) => {
    for (const statement of schemaStatements(db.dialect)) await tx.run(statement);
  });
  const counters: Record<string, number> = { next_post_id: 1, next_notification_id: 1, next_account_id: 1, next_community_id: 1 };
  let blockNum = 0;
  return {
    db,
    block(body) {
      blockNum++;
      const context: ProjectionContext = {
        dialect: db.dialect, blockNum, time: 1_700_000_000 + 3 * blockNum, operation: null, tx: undefined as never,
        takeId(counter) {
          return counters[counter]++;
        },
      };
      return db.transaction((tx) => body({ ...context, tx }));
    },
    async cleanup() {
      await db.close();
      await drop();
    },
  };
}

/** An account as project-accounts.ts writes it, registered as a community when its name makes it one. */
async function createAccount(context: ProjectionContext, name: string, creator: string | null = null, reputation: bigint | null = null): Promise<void> {
  await context.tx.run(
    `INSERT INTO accounts (id, name, created_at, json_metadata, posting_json_metadata, reputation, post_count, followers, following, lastread_at, active_at)
     VALUES (?, ?, ?, '', '', ?, 0, 0, 0, 0, ?)`,
    [context.takeId("next_account_id"), name, context.time, reputation, context.time],
  );
  await registerCommunityAccount(context, name, creator);
}

/** A post or comment with the community state communityOfNewPost gives it (the columns this module reads). */
async function createPost(context: ProjectionContext, author: string, permlink: string, parent: string | { author: string; permlink: string }): Promise<void> {
  const parentRow = typeof parent === "string" ? undefined : await context.tx.get("SELECT id, root_id, depth, category, community, is_muted FROM posts WHERE author = ? AND permlink = ?", [parent.author, parent.permlink]);
  const category = typeof parent === "string" ? parent : String(parentRow!.category);
  const depth = parentRow === undefined ? 0 : Number(parentRow.depth) + 1;
  const state = await communityOfNewPost(context, {
    author, category, depth, parentCommunity: (parentRow?.community as string | null) ?? null, parentIsMuted: Number(parentRow?.is_muted ?? 0) !== 0,
  });
  const id = context.takeId("next_post_id");
  await context.tx.run(
    `INSERT INTO posts (id, author, permlink, parent_id, root_id, depth, category, community, is_deleted, is_muted, muted_reasons, is_pinned)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 0)`,
    [id, author, permlink, parentRow?.id ?? null, parentRow?.root_id ?? id, depth, category, state.community, state.isMuted ? 1 : 0, state.mutedReasons],
  );
}

/** A `community` custom_json signed by `signer`, parsed as the chain's op would be and projected. */
async function communityOp(context: ProjectionContext, signer: string, json: unknown): Promise<void> {
  const parsed = parseSocialCustomJson({ id: "community", json: JSON.stringify(json), required_auths: [], required_posting_auths: [signer] }, context.time);
  assert.ok(parsed !== null && (parsed.kind === "community" || parsed.kind === "error"), `a community op: ${JSON.stringify(parsed)}`);
  await projectCommunityOperation(context, parsed);
}

interface Notification {
  type: string;
  score: number;
  src: string | null;
  dst: string | null;
  community: string | null;
  post: string | null;
  payload: string | null;
}

/** Notifications with ids above `afterId`, in id order, the post as `author/permlink`. */
async function notificationsAfter(db: IndexDatabase, afterId: number): Promise<Notification[]> {
  const rows = await db.all(
    `SELECT n.type_id, n.score, n.src, n.dst, n.community, n.payload, p.author, p.permlink
     FROM notifications n LEFT JOIN posts p ON p.id = n.post_id WHERE n.id > ? ORDER BY n.id`,
    [afterId],
  );
  return rows.map((row) => ({
    type: notifyTypeNames[row.type_id as NotifyTypeId], score: Number(row.score), src: row.src as string | null, dst: row.dst as string | null,
    community: row.community as string | null, post: row.author === null ? null : `${row.author}/${row.permlink}`, payload: row.payload as string | null,
  }));
}

async function lastNotificationId(db: IndexDatabase): Promise<number> {
  return Number((await db.get("SELECT COALESCE(MAX(id), 0) AS id FROM notifications"))!.id);
}

/** Every community-related row but the notifications, to show a refused op changed none of them. */
async function communityState(db: IndexDatabase): Promise<Record<string, SqlRow[]>> {
  return {
    communities: await db.all("SELECT * FROM communities ORDER BY id"),
    subscriptions: await db.all("SELECT * FROM subscriptions ORDER BY community_id, account"),
    roles: await db.all("SELECT * FROM community_roles ORDER BY community_id, account"),
    flags: await db.all("SELECT * FROM community_flags ORDER BY post_id, account"),
    posts: await db.all("SELECT id, is_muted, muted_reasons, is_pinned FROM posts ORDER BY id"),
  };
}

async function rolesOf(db: IndexDatabase, community: string): Promise<Record<string, [number, string]>> {
  const rows = await db.all(
    "SELECT r.account, r.role, r.title FROM community_roles r JOIN communities c ON c.id = r.community_id WHERE c.name = ? ORDER BY r.account",
    [community],
  );
  return Object.fromEntries(rows.map((row) => [row.account, [Number(row.role), String(row.title)]]));
}

async function postState(db: IndexDatabase, author: string, permlink: string): Promise<{ community: string | null; is_muted: number; muted_reasons: number; is_pinned: number }> {
  const row = await db.get("SELECT community, is_muted, muted_reasons, is_pinned FROM posts WHERE author = ? AND permlink = ?", [author, permlink]);
  assert.ok(row !== undefined, `@${author}/${permlink} exists`);
  return { community: row.community as string | null, is_muted: Number(row.is_muted), muted_reasons: Number(row.muted_reasons), is_pinned: Number(row.is_pinned) };
}

const topic = "hive-112345";
const journal = "hive-212345";
const council = "hive-312345";
const mute = (account: string, permlink: string, notes = "off topic") => ["mutePost", { community: topic, account, permlink, notes }];
const error = (dst: string, payload: string, community: string | null = topic): Notification => ({
  type: "error", score: 35, src: community, dst, community, post: null, payload,
});

for (const engine of ["sqlite", "postgres"] as const) {
  describe(`community projection (${engine})`, () => {
    let fixture: Fixture;
    let db: IndexDatabase;

    /** Runs `ops` (signer, json) as one block and expects each to be refused with `reason`, changing no row. */
    async function expectRefused(ops: [string, unknown][], expected: Notification[]): Promise<void> {
      const before = await communityState(db);
      const since = await lastNotificationId(db);
      await fixture.block(async (context) => {
        for (const [signer, json] of ops) await communityOp(context, signer, json);
      });
      assert.deepEqual(await notificationsAfter(db, since), expected);
      assert.deepEqual(await communityState(db), before, "a refused op changes no row");
    }

    async function run(signer: string, json: unknown): Promise<Notification[]> {
      const since = await lastNotificationId(db);
      await fixture.block((context) => communityOp(context, signer, json));
      return notificationsAfter(db, since);
    }

    before(async () => {
      fixture = await openFixture(engine);
      db = fixture.db;
      await fixture.block(async (context) => {
        for (const name of ["alice", "bob", "carol", "dave", "erin", "frank"]) await createAccount(context, name);
        await createAccount(context, "rich", null, 10n ** 12n);
        await createAccount(context, "spammer", null, -(10n ** 13n));
      });
    });
    after(() => fixture.cleanup());

    test("a hive-NNNNNN account registers a community: type from its first digit, the account its owner, its creator an admin", async () => {
      const since = await lastNotificationId(db);
      await fixture.block(async (context) => {
        await createAccount(context, topic, "alice");
        await createAccount(context, journal, "alice");
        await createAccount(context, council, null);
        await createAccount(context, "hive-4123456", "alice");
        await createAccount(context, "hive-1234", "alice");
      });
      const communities = await db.all("SELECT id, name, type_id, title, about, lang, is_nsfw, description, flag_text, settings, subscribers FROM communities ORDER BY id");
      const blank = { title: "", about: "", lang: "en", is_nsfw: 0, description: "", flag_text: "", settings: "{}", subscribers: 0 };
      assert.deepEqual(communities, [
        { id: 1, name: topic, type_id: 1, ...blank },
        { id: 2, name: journal, type_id: 2, ...blank },
        { id: 3, name: council, type_id: 3, ...blank },
      ]);
      assert.deepEqual(await rolesOf(db, topic), { alice: [roles.admin, ""], [topic]: [roles.owner, ""] });
      assert.deepEqual(await rolesOf(db, council), { [council]: [roles.owner, ""] }, "no creator, no admin: hivemind's way");
      const created = (name: string): Notification => ({ type: "new_community", score: 35, src: null, dst: name, community: name, post: null, payload: null });
      const adminGrant = (name: string): Notification => ({ type: "set_role", score: 15, src: name, dst: "alice", community: name, post: null, payload: "admin" });
      assert.deepEqual(await notificationsAfter(db, since), [created(topic), adminGrant(topic), created(journal), adminGrant(journal), created(council)]);
    });

    test("hivemind's way: the community account itself grants roles", async () => {
      assert.deepEqual(await run(council, ["setRole", { community: council, account: "bob", role: "admin" }]), [
        { type: "set_role", score: 15, src: council, dst: "bob", community: council, post: null, payload: "admin" },
      ]);
      assert.deepEqual(await rolesOf(db, council), { bob: [roles.admin, ""], [council]: [roles.owner, ""] });
    });

    test("subscribe and unsubscribe keep the count exact; the notification is scored by the subscriber's reputation", async () => {
      const since = await lastNotificationId(db);
      await fixture.block(async (context) => {
        for (const account of ["bob", "carol", "rich", "spammer"]) await communityOp(context, account, ["subscribe", { community: topic }]);
        await communityOp(context, "carol", ["unsubscribe", { community: topic }]);
        await communityOp(context, "carol", ["subscribe", { community: topic }]);
      });
      const subscribed = (src: string, score: number): Notification => ({ type: "subscribe", score, src, dst: topic, community: topic, post: null, payload: null });
      // rich: (log10(1e12) − 9) × 7.5 + 25 = 47.5 → 48; spammer's −5 sends nothing; a new account scores 25.
      assert.deepEqual(await notificationsAfter(db, since), [subscribed("bob", 25), subscribed("carol", 25), subscribed("rich", 48), subscribed("carol", 25)]);
      const subscriptions = await db.all("SELECT account FROM subscriptions WHERE community_id = 1 ORDER BY account");
      assert.deepEqual(subscriptions.map((row) => row.account), ["bob", "carol", "rich", "spammer"]);
      assert.equal((await db.get("SELECT subscribers FROM communities WHERE name = ?", [topic]))!.subscribers, 4);
      await expectRefused([["bob", ["subscribe", { community: topic }]], ["dave", ["unsubscribe", { community: topic }]]], [
        error("bob", "already subscribed"), error("dave", "already unsubscribed"),
      ]);
    });

    test("setRole: who may give what to whom, scored 35 for a subscriber and 15 otherwise", async () => {
      // alice (admin) makes bob (subscribed) a mod and dave (not subscribed) a member.
      assert.deepEqual(await run("alice", ["setRole", { community: topic, account: "bob", role: "mod" }]), [
        { type: "set_role", score: 35, src: "alice", dst: "bob", community: topic, post: null, payload: "mod" },
      ]);
      assert.deepEqual(await run("bob", ["setRole", { community: topic, account: "dave", role: "member" }]), [
        { type: "set_role", score: 15, src: "bob", dst: "dave", community: topic, post: null, payload: "member" },
      ]);
      await expectRefused(
        [
          ["bob", ["setRole", { community: topic, account: "carol", role: "admin" }]],
          ["bob", ["setRole", { community: topic, account: "carol", role: "mod" }]],
          ["bob", ["setRole", { community: topic, account: "alice", role: "member" }]],
          ["alice", ["setRole", { community: topic, account: topic, role: "guest" }]],
          ["alice", ["setRole", { community: topic, account: "carol", role: "admin" }]],
          ["alice", ["setRole", { community: topic, account: "carol", role: "owner" }]],
          ["carol", ["setRole", { community: topic, account: "erin", role: "member" }]],
          ["bob", ["setRole", { community: topic, account: "dave", role: "member" }]],
          ["alice", ["setRole", { community: topic, account: "nobody", role: "member" }]],
          ["alice", ["setRole", { community: topic, account: "carol", role: "boss" }]],
        ],
        [
          error("bob", "cannot promote to or above own rank"),
          error("bob", "cannot promote to or above own rank"),
          error("bob", "cant modify a user with a higher role"),
          error("alice", "cant modify owner role"),
          error("alice", "cannot promote to or above own rank"),
          error("alice", "cannot promote to or above own rank"),
          error("carol", "only mods and up can alter roles"),
          error("bob", "role would not change"),
          error("alice", "account `nobody` not found"),
          error("alice", "invalid role"),
        ],
      );
      // An actor may step down; then they lose the rights of the old role.
      await run("bob", ["setRole", { community: topic, account: "bob", role: "member" }]);
      await expectRefused([["bob", ["setRole", { community: topic, account: "dave", role: "guest" }]]], [error("bob", "only mods and up can alter roles")]);
      await run("alice", ["setRole", { community: topic, account: "bob", role: "mod" }]);
      assert.deepEqual(await rolesOf(db, topic), { alice: [6, ""], bob: [4, ""], dave: [2, ""], [topic]: [8, ""] });
    });

    test("at most 100 accounts hold mod or above", async () => {
      await fixture.block(async (context) => {
        for (let i = 0; i < 97; i++) {
          await createAccount(context, `mod${i}`);
          await context.tx.run("INSERT INTO community_roles (community_id, account, role, title, created_at) VALUES (1, ?, 4, '', 0)", [`mod${i}`]);
        }
      });
      await expectRefused([["alice", ["setRole", { community: topic, account: "erin", role: "mod" }]]], [error("alice", "moderator limit exceeded")]);
      // Changing one of the 100 stays possible.
      await run("alice", ["setRole", { community: topic, account: "mod0", role: "member" }]);
      assert.equal((await run("alice", ["setRole", { community: topic, account: "erin", role: "mod" }]))[0].type, "set_role");
      await fixture.block(async (context) => {
        await context.tx.run("DELETE FROM community_roles WHERE community_id = 1 AND account LIKE 'mod%'");
        await context.tx.run("DELETE FROM community_roles WHERE community_id = 1 AND account = 'erin'");
      });
    });

    test("setUserTitle: mods set titles; an account without a role gets a guest row with the title", async () => {
      assert.deepEqual(await run("bob", ["setUserTitle", { community: topic, account: "carol", title: "Night owl" }]), [
        { type: "set_label", score: 35, src: "bob", dst: "carol", community: topic, post: null, payload: "Night owl" },
      ]);
      await run("bob", ["setUserTitle", { community: topic, account: "dave", title: "Scribe" }]);
      assert.deepEqual(await rolesOf(db, topic), { alice: [6, ""], bob: [4, ""], carol: [0, "Night owl"], dave: [2, "Scribe"], [topic]: [8, ""] });
      // A later role change keeps the title.
      await run("bob", ["setRole", { community: topic, account: "carol", role: "member" }]);
      assert.deepEqual((await rolesOf(db, topic)).carol, [2, "Night owl"]);
      await expectRefused([["dave", ["setUserTitle", { community: topic, account: "dave", title: "Boss" }]]], [error("dave", "only mods can set user titles")]);
    });

    test("updateProps: admins set the props; the rest of the team hears of it", async () => {
      const props = { title: "Kettle Talk", about: "All about kettles", lang: "de", is_nsfw: true, description: "Long text", flag_text: "Be nice", settings: { avatar_url: "https://x.test/a.png" }, type_id: 2 };
      assert.deepEqual(await run("alice", ["updateProps", { community: topic, props }]), [
        { type: "set_props", score: 35, src: "alice", dst: "bob", community: topic, post: null, payload: JSON.stringify(props) },
        { type: "set_props", score: 35, src: "alice", dst: topic, community: topic, post: null, payload: JSON.stringify(props) },
      ]);
      const row = await db.get("SELECT type_id, title, about, lang, is_nsfw, description, flag_text, settings FROM communities WHERE name = ?", [topic]);
      assert.deepEqual({ ...row, settings: JSON.parse(String(row!.settings)) }, { ...props, is_nsfw: 1 });
      await run("alice", ["updateProps", { community: topic, props: { type_id: 1, is_nsfw: false } }]);
      const back = await db.get("SELECT type_id, title, is_nsfw FROM communities WHERE name = ?", [topic]);
      assert.deepEqual(back, { type_id: 1, title: "Kettle Talk", is_nsfw: 0 }, "only the given props change");
      await expectRefused(
        [["bob", ["updateProps", { community: topic, props: { title: "Mine" } }]], ["alice", ["updateProps", { community: topic, props: { lang: "xx" } }]]],
        [error("bob", "only admins can update props"), error("alice", "invalid lang: lang")],
      );
    });

    test("unknown or malformed communities are refused with hivemind's reason", async () => {
      await expectRefused(
        [
          ["carol", ["subscribe", { community: "hive-199999" }]],
          ["carol", ["setRole", { community: "hive-199999", account: "x", role: "boss" }]],
          ["carol", ["subscribe", { community: "kettle" }]],
          ["carol", ["explode", { community: topic }]],
        ],
        [
          error("carol", "Community 'hive-199999' does not exist", null),
          error("carol", "Community 'hive-199999' does not exist", null),
          error("carol", "Community 'kettle' does not exist", null),
          error("carol", "invalid action", null),
        ],
      );
    });

    test("a new post's community and muted state follow the community type, the author's role and the parent", async () => {
      await run(journal, ["setRole", { community: journal, account: "dave", role: "member" }]);
      await run(council, ["setRole", { community: council, account: "dave", role: "member" }]);
      await run("alice", ["setRole", { community: topic, account: "frank", role: "muted" }]);
      await fixture.block(async (context) => {
        await createPost(context, "carol", "topic-guest", topic);
        await createPost(context, "frank", "topic-muted", topic);
        await createPost(context, "carol", "re-muted-author", { author: "frank", permlink: "topic-muted" });
        await createPost(context, "carol", "journal-guest", journal);
        await createPost(context, "dave", "journal-member", journal);
        await createPost(context, "carol", "re-journal-member", { author: "dave", permlink: "journal-member" });
        await createPost(context, "carol", "council-guest", council);
        await createPost(context, "dave", "council-member", council);
        await createPost(context, "carol", "re-council-member", { author: "dave", permlink: "council-member" });
        await createPost(context, "dave", "re-re-council", { author: "carol", permlink: "re-council-member" });
        await createPost(context, "carol", "nowhere", "hive-199999");
        await createPost(context, "carol", "plain", "kettle");
        await createPost(context, "dave", "re-plain", { author: "carol", permlink: "plain" });
      });
      const state = async (author: string, permlink: string) => {
        const { community, is_muted, muted_reasons } = await postState(db, author, permlink);
        return [community, is_muted, muted_reasons];
      };
      // Reason bits: 1 = community type (bit 1 → 2), parent muted (bit 2 → 4), author muted (bit 4 → 16).
      assert.deepEqual(await state("carol", "topic-guest"), [topic, 0, 0]);
      assert.deepEqual(await state("frank", "topic-muted"), [topic, 1, 16]);
      assert.deepEqual(await state("carol", "re-muted-author"), [topic, 1, 4]);
      assert.deepEqual(await state("carol", "journal-guest"), [journal, 1, 2]);
      assert.deepEqual(await state("dave", "journal-member"), [journal, 0, 0]);
      assert.deepEqual(await state("carol", "re-journal-member"), [journal, 0, 0], "anyone may comment in a journal");
      assert.deepEqual(await state("carol", "council-guest"), [council, 1, 2]);
      assert.deepEqual(await state("dave", "council-member"), [council, 0, 0]);
      assert.deepEqual(await state("carol", "re-council-member"), [council, 1, 2], "only members comment in a council");
      assert.deepEqual(await state("dave", "re-re-council"), [council, 1, 4], "a member's reply under a muted comment");
      assert.deepEqual(await state("carol", "nowhere"), [null, 0, 0], "an unregistered community is an ordinary tag");
      assert.deepEqual(await state("carol", "plain"), [null, 0, 0]);
      assert.deepEqual(await state("dave", "re-plain"), [null, 0, 0]);
      // Unmuting the author later does not unmute what they wrote while muted.
      await run("alice", ["setRole", { community: topic, account: "frank", role: "guest" }]);
      assert.deepEqual(await state("frank", "topic-muted"), [topic, 1, 16]);
    });

    test("mutePost and unmutePost: the post's flags and reasons, a notification to its author with the notes", async () => {
      assert.deepEqual(await run("bob", mute("carol", "topic-guest")), [
        { type: "mute_post", score: 35, src: "bob", dst: "carol", community: topic, post: "carol/topic-guest", payload: "off topic" },
      ]);
      assert.deepEqual(await postState(db, "carol", "topic-guest"), { community: topic, is_muted: 1, muted_reasons: 1, is_pinned: 0 });
      await fixture.block((context) => createPost(context, "dave", "re-topic-guest", { author: "carol", permlink: "topic-guest" }));
      assert.deepEqual(await postState(db, "dave", "re-topic-guest"), { community: topic, is_muted: 1, muted_reasons: 4, is_pinned: 0 }, "a reply to a muted post");
      await expectRefused(
        [
          ["bob", mute("carol", "topic-guest")],
          ["carol", mute("dave", "journal-member")],
          ["bob", mute("carol", "journal-guest")],
          ["bob", mute("carol", "no-such-post")],
          ["bob", ["unmutePost", { community: topic, account: "dave", permlink: "re-topic-guest", notes: "fine" }]],
          ["bob", ["unmutePost", { community: topic, account: "carol", permlink: "re-muted-author", notes: "fine" }]],
          ["bob", mute("carol", "topic-guest", "")],
        ],
        [
          error("bob", "post is already muted"),
          error("carol", "only mods and above can mute posts"),
          error("bob", "post does not belong to a community"),
          error("bob", "post does not exists carol/no-such-post"),
          error("bob", "parent post is muted"),
          error("bob", "parent post is muted"),
          error("bob", "key `notes` was blank"),
        ],
      );
      assert.deepEqual(await run("bob", ["unmutePost", { community: topic, account: "carol", permlink: "topic-guest", notes: "fine" }]), [
        { type: "unmute_post", score: 35, src: "bob", dst: "carol", community: topic, post: "carol/topic-guest", payload: "fine" },
      ]);
      assert.deepEqual(await postState(db, "carol", "topic-guest"), { community: topic, is_muted: 0, muted_reasons: 0, is_pinned: 0 });
      assert.deepEqual(await postState(db, "dave", "re-topic-guest"), { community: topic, is_muted: 1, muted_reasons: 4, is_pinned: 0 }, "not retroactive");
      await run("bob", ["unmutePost", { community: topic, account: "dave", permlink: "re-topic-guest", notes: "fine" }]);
      assert.deepEqual(await postState(db, "dave", "re-topic-guest"), { community: topic, is_muted: 0, muted_reasons: 0, is_pinned: 0 });
      await expectRefused([["bob", ["unmutePost", { community: topic, account: "carol", permlink: "topic-guest", notes: "again" }]]], [error("bob", "post is not muted")]);
    });

    test("pinPost and unpinPost", async () => {
      const pinned = await run("bob", ["pinPost", { community: topic, account: "carol", permlink: "topic-guest" }]);
      assert.deepEqual(pinned, [{ type: "pin_post", score: 35, src: "bob", dst: "carol", community: topic, post: "carol/topic-guest", payload: null }]);
      assert.equal((await postState(db, "carol", "topic-guest")).is_pinned, 1);
      await expectRefused(
        [
          ["bob", ["pinPost", { community: topic, account: "carol", permlink: "topic-guest" }]],
          ["dave", ["pinPost", { community: topic, account: "frank", permlink: "topic-muted" }]],
          ["bob", ["unpinPost", { community: topic, account: "frank", permlink: "topic-muted" }]],
          ["dave", ["unpinPost", { community: topic, account: "carol", permlink: "topic-guest" }]],
        ],
        [
          error("bob", "post is already pinned"),
          error("dave", "only mods and above can pin posts"),
          error("bob", "post is not pinned"),
          error("dave", "only mods and above can unpin posts"),
        ],
      );
      const unpinned = await run("alice", ["unpinPost", { community: topic, account: "carol", permlink: "topic-guest" }]);
      assert.deepEqual(unpinned, [{ type: "unpin_post", score: 35, src: "alice", dst: "carol", community: topic, post: "carol/topic-guest", payload: null }]);
      assert.equal((await postState(db, "carol", "topic-guest")).is_pinned, 0);
    });

    test("flagPost: once per account and post, to every mod, admin and owner but the flagger; muted accounts cannot flag", async () => {
      const flag = (permlink: string, notes = "spam") => ["flagPost", { community: topic, account: "carol", permlink, notes }];
      const flagged = (dst: string, src: string): Notification => ({ type: "flag_post", score: 35, src, dst, community: topic, post: "carol/topic-guest", payload: "spam" });
      assert.deepEqual(await run("erin", flag("topic-guest")), [flagged("alice", "erin"), flagged("bob", "erin"), flagged(topic, "erin")]);
      assert.deepEqual(await run("bob", flag("topic-guest")), [flagged("alice", "bob"), flagged(topic, "bob")]);
      const flags = await db.all("SELECT f.account, f.notes, f.community_id, p.permlink FROM community_flags f JOIN posts p ON p.id = f.post_id ORDER BY f.account");
      assert.deepEqual(flags, [
        { account: "bob", notes: "spam", community_id: 1, permlink: "topic-guest" },
        { account: "erin", notes: "spam", community_id: 1, permlink: "topic-guest" },
      ]);
      await run("alice", ["setRole", { community: topic, account: "frank", role: "muted" }]);
      await expectRefused(
        [["erin", flag("topic-guest", "again")], ["frank", flag("topic-guest")], ["erin", flag("journal-guest")]],
        [error("erin", "user already flagged this post"), error("frank", "muted users cannot flag posts"), error("erin", "post does not belong to a community")],
      );
    });
  });
}
