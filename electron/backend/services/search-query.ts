/**
 * Turns what a supervisor types into an FTS5 query without letting FTS5 syntax through:
 * bare words of three or more letters match as prefixes ("refun" finds "refund"; shorter ones
 * like "ok" only as whole words, which keeps the index's prefix table to 3-letter prefixes and the
 * import fast), "quoted phrases" match exactly, and every term must match (AND). Tokens split the
 * way the unicode61 tokenizer splits them.
 */
const MIN_PREFIX = 3;

export function toFtsQuery(input: string): string | null {
  const terms: string[] = [];
  for (const match of input.matchAll(/"([^"]*)"?|(\S+)/g)) {
    const [, phrase, word] = match;
    const tokens = (phrase ?? word ?? '').match(/[\p{L}\p{N}]+/gu) ?? [];
    if (tokens.length === 0) continue;
    if (phrase !== undefined) terms.push(`"${tokens.join(' ')}"`);
    else terms.push(...tokens.map((token) => (token.length >= MIN_PREFIX ? `"${token}"*` : `"${token}"`)));
  }
  return terms.length > 0 ? terms.join(' ') : null;
}
