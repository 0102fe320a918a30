/**
 * The search column's word splitting (migration 015) cost more than the rest of the import's search
 * indexing together: translate() compares every character of a segment with each of the 32 ASCII
 * punctuation characters in turn (15 µs for a 100-character chat turn). One regular expression over the
 * same characters, by code point, gives the very same text (tested over every character up to U+FFFF)
 * in a fraction of the time, so the stored search documents stay valid: replacing the function's body
 * rewrites no row, and segments imported before and after this migration are searched alike.
 */
export default /* sql */ `
CREATE OR REPLACE FUNCTION earmark_search_words(value text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $f$ SELECT regexp_replace(earmark_fold(value), '[\\x21-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7e]', ' ', 'g') $f$;
`;
