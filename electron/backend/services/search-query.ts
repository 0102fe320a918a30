/**
 * Turns what a supervisor types into a full-text query without letting the engine's syntax through:
 * bare words of three or more letters match as prefixes ("refun" finds "refund"; shorter ones
 * like "ok" only as whole words, which keeps SQLite's prefix table to 3-letter prefixes and the
 * import fast), "quoted phrases" match exactly, and every term must match (AND). Tokens split the
 * way SQLite's unicode61 tokenizer splits them; both engines get the same terms, so they find the same.
 */
const MIN_PREFIX = 3;

/** One thing to find: a word (a prefix when long enough) or a phrase of words in a row. */
export interface SearchTerm {
  tokens: string[];
  phrase: boolean;
}

export function searchTerms(input: string): SearchTerm[] | null {
  const terms: SearchTerm[] = [];
  for (const match of input.matchAll(/"([^"]*)"?|(\S+)/g)) {
    const [, phrase, word] = match;
    const tokens = (phrase ?? word ?? '').match(/[\p{L}\p{N}]+/gu) ?? [];
    if (tokens.length === 0) continue;
    if (phrase !== undefined) terms.push({ tokens, phrase: true });
    else terms.push(...tokens.map((token) => ({ tokens: [token], phrase: false })));
  }
  return terms.length > 0 ? terms : null;
}

const isPrefix = (term: SearchTerm) => !term.phrase && term.tokens[0]!.length >= MIN_PREFIX;

/** SQLite's FTS5 MATCH text: every term quoted, so nothing typed is read as FTS5 syntax. */
export function toFtsQuery(input: string): string | null {
  const terms = searchTerms(input);
  if (!terms) return null;
  return terms
    .map((term) => (isPrefix(term) ? `"${term.tokens[0]}"*` : `"${term.tokens.join(' ')}"`))
    .join(' ');
}

/**
 * PostgreSQL's to_tsquery text (run through earmark_fold, which lowers and folds it as the documents
 * are): `word:*` for a prefix, `a <-> b` for a phrase, `&` between terms. Tokens hold only letters
 * and digits, so none of them is read as tsquery syntax.
 */
export function toTsQuery(input: string): string | null {
  const terms = searchTerms(input);
  if (!terms) return null;
  return terms
    .map((term) => (isPrefix(term) ? `${term.tokens[0]}:*` : `(${term.tokens.join(' <-> ')})`))
    .join(' & ');
}
