// The social-index test network starts on both engines, and hive.db_head_state follows the chain.
import assert from "node:assert/strict";
import { test } from "node:test";
import { onBothDatabases } from "../helpers/social-network.ts";

onBothDatabases("hive.db_head_state", (net) => {
  test("reports the index's head block, its time and age", async () => {
    const block = await net().createAccounts(["harness-one"]);
    const state = await net().call("hive.db_head_state", {});
    assert.ok(state.db_head_block >= block);
    assert.match(state.db_head_time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    assert.ok(state.db_head_age >= 0 && state.db_head_age < 60);
  });
});
