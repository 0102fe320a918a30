/**
 * Turns what a supervisor types into an FTS5 query without letting FTS5 syntax through:
 * bare words match as prefixes ("refun" finds "refund"), "quoted phrases" match exactly, and
 * every term must match (AND). Tokens split the way the unicode61 tokenizer splits them.
 */
export function toFtsQuery(input: string): string | null {
  const terms: string[] = [];
  for (const match of input.matchAll(/"([^"]*)"?|(\S+)/g)) {
    const [, phrase, word] = match;
    const tokens = (phrase ?? word ?? '').match(/[\p{L}\p{N}]+/gu) ?? [];
    if (tokens.length === 0) continue;
    if (phrase !== undefined) terms.push(`"${tokens.join(' ')}"`);
    else terms.push(...tokens.map((token) => `"${token}"*`));
  }
  return terms.length > 0 ? terms.join(' ') : null;
}
