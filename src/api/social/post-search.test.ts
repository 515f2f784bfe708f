// find_text's query language: Hive's syntax parsed into terms, and the FTS5 and tsquery text written from
// them — never anything of the user's text but words of letters and digits.
import assert from "node:assert/strict";
import { test } from "node:test";
import { RpcError } from "../rpc/rpc-error.ts";
import { fts5Expression, parseSearchPattern, searchClausesMax, searchPatternLengthMax, tsqueryText } from "./post-search.ts";

test("words, phrases, +must, -mustnot and title:/body: fields", () => {
  assert.deepEqual(parseSearchPattern(`Kettle "boiling Water" +tea -coffee title:news body:"hot cup"`), [
    { exclude: false, field: "any", words: ["kettle"] },
    { exclude: false, field: "any", words: ["boiling", "water"] },
    { exclude: false, field: "any", words: ["tea"] },
    { exclude: true, field: "any", words: ["coffee"] },
    { exclude: false, field: "title", words: ["news"] },
    { exclude: false, field: "body", words: ["hot", "cup"] },
  ]);
});

test("an unclosed quote closes at the end; punctuation splits words; nothing left gives no term", () => {
  assert.deepEqual(parseSearchPattern(`"open phrase`), [{ exclude: false, field: "any", words: ["open", "phrase"] }]);
  assert.deepEqual(parseSearchPattern("e-mail's"), [{ exclude: false, field: "any", words: ["e", "mail", "s"] }]);
  assert.deepEqual(parseSearchPattern(`  "" * ( ) : - + `), []);
  assert.deepEqual(parseSearchPattern("-title:draft café"), [
    { exclude: true, field: "title", words: ["draft"] },
    { exclude: false, field: "any", words: ["café"] },
  ]);
});

test("FTS5 expressions quote every term and exclude with NOT", () => {
  const clauses = parseSearchPattern(`kettle "boiling water" -coffee -"instant tea" title:news`);
  assert.equal(fts5Expression(clauses), `("kettle" AND "boiling water" AND title : "news") NOT ("coffee" OR "instant tea")`);
  // FTS5 operators and quotes in the input are words or separators, never syntax.
  assert.equal(fts5Expression(parseSearchPattern(`NEAR(a b) "x" OR y* ^z`)), `"near a" AND "b" AND "x" AND "or" AND "y" AND "z"`);
});

test("tsquery text joins phrases with <->, fields as weights, exclusions with !", () => {
  assert.equal(tsqueryText(parseSearchPattern(`kettle "boiling water" -coffee title:news body:cup`)), "(kettle) & (boiling:A <-> water:A | boiling:B <-> water:B) & !(coffee) & (news:A) & (cup:B)");
  assert.equal(tsqueryText(parseSearchPattern(`a&b|c!d:*`)), "(a:A <-> b:A <-> c:A <-> d:A | a:B <-> b:B <-> c:B <-> d:B)");
});

test("patterns that are too long, hold too many terms or only exclude are refused", () => {
  const refused = (pattern: string, message: RegExp) => assert.throws(() => parseSearchPattern(pattern), (error: unknown) => error instanceof RpcError && message.test(error.message));
  refused("x".repeat(searchPatternLengthMax + 1), /at most 500 characters/);
  refused(Array.from({ length: searchClausesMax + 1 }, (_, i) => `w${i}`).join(" "), /at most 20 terms/);
  refused("-coffee -tea", /at least one term to find/);
});
