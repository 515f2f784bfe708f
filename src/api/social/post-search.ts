/**
 * search-api.find_text's query language, parsed once and written out for each engine's full-text search:
 * SQLite FTS5 MATCH expressions and PostgreSQL tsquery text. User text never reaches either engine's
 * syntax: every term is cut into words of letters, digits and marks, and each engine gets only those
 * words, quoted (FTS5) or as bare lexemes (tsquery) — so any input gives a query or a clear error.
 *
 * The language is Hive's (openhive-network/hivemind `preprocess_search_query`): words and "quoted
 * phrases" must all match; `+term` must match too; `-term` must not; `title:` and `body:` restrict a
 * term to one field (`title:"a phrase"` works too). An unclosed quote closes at the end.
 */
import { invalidParams } from "../rpc/rpc-error.ts";

export type SearchField = "any" | "title" | "body";

/** One term: a word or phrase (its words in order), in a field, required or excluded. */
export interface SearchClause {
  readonly exclude: boolean;
  readonly field: SearchField;
  readonly words: readonly string[];
}

/** Longest pattern accepted, and most terms in one. */
export const searchPatternLengthMax = 500;
export const searchClausesMax = 20;

/** The clauses of `pattern`; [] when it holds no word at all. Throws `invalid_params` for patterns that are too long or only exclude. */
export function parseSearchPattern(pattern: string): SearchClause[] {
  if (pattern.length > searchPatternLengthMax) throw invalidParams(`pattern must be at most ${searchPatternLengthMax} characters`);
  const clauses: SearchClause[] = [];
  let i = 0;
  while (i < pattern.length) {
    while (i < pattern.length && /\s/.test(pattern[i])) i++;
    if (i >= pattern.length) break;
    let exclude = false;
    if (pattern[i] === "+" || pattern[i] === "-") {
      exclude = pattern[i] === "-";
      i++;
    }
    let field: SearchField = "any";
    const rest = pattern.slice(i);
    const fieldMatch = /^(title|body):/.exec(rest);
    if (fieldMatch !== null) {
      field = fieldMatch[1] as SearchField;
      i += fieldMatch[0].length;
    }
    let text: string;
    if (pattern[i] === '"') {
      const close = pattern.indexOf('"', i + 1);
      const end = close === -1 ? pattern.length : close;
      text = pattern.slice(i + 1, end);
      i = end + 1;
    } else {
      let end = i;
      while (end < pattern.length && !/\s/.test(pattern[end])) end++;
      text = pattern.slice(i, end);
      i = end;
    }
    const words = wordsOf(text);
    if (words.length > 0) clauses.push({ exclude, field, words });
  }
  if (clauses.length > searchClausesMax) throw invalidParams(`pattern may hold at most ${searchClausesMax} terms`);
  if (clauses.length > 0 && clauses.every((clause) => clause.exclude)) throw invalidParams("pattern needs at least one term to find, not only terms to exclude");
  return clauses;
}

/** Words as both engines' tokenizers see them: runs of letters, digits and combining marks (with a letter or digit), lower-cased. */
function wordsOf(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}\p{M}]+/u).filter((word) => /[\p{L}\p{N}]/u.test(word));
}

/**
 * An FTS5 MATCH expression: required terms joined by AND, excluded ones by `NOT (a OR b)`. Each term is
 * a quoted phrase (its words hold no quote), optionally behind a `title :`/`body :` column filter.
 */
export function fts5Expression(clauses: readonly SearchClause[]): string {
  const term = (clause: SearchClause) => `${clause.field === "any" ? "" : `${clause.field} : `}"${clause.words.join(" ")}"`;
  const required = clauses.filter((clause) => !clause.exclude).map(term).join(" AND ");
  const excluded = clauses.filter((clause) => clause.exclude).map(term);
  return excluded.length === 0 ? required : `(${required}) NOT (${excluded.join(" OR ")})`;
}

/**
 * A tsquery for `to_tsquery('english', …)`: phrases as `a <-> b`, a field as the weight the index gives
 * it (title A, body B), required terms joined by `&`, excluded ones as `!(…)`. The document is the
 * title's vector followed by the body's, so a phrase in either field is asked of each field separately —
 * never across the seam between the title's last word and the body's first.
 */
export function tsqueryText(clauses: readonly SearchClause[]): string {
  const phrase = (words: readonly string[], weight: string) => words.map((word) => `${word}${weight}`).join(" <-> ");
  const term = (clause: SearchClause) => {
    if (clause.field !== "any") return `(${phrase(clause.words, clause.field === "title" ? ":A" : ":B")})`;
    return clause.words.length === 1 ? `(${clause.words[0]})` : `(${phrase(clause.words, ":A")} | ${phrase(clause.words, ":B")})`;
  };
  return clauses.map((clause) => (clause.exclude ? `!${term(clause)}` : term(clause))).join(" & ");
}
