/**
 * The search words of a segment are computed by two SQL functions, earmark_search_words (the word
 * splitting of 018) around earmark_fold (lower case, accents off). PostgreSQL copies a SQL function's
 * body into the query that calls it, so it costs no more than the expression written out, only when the
 * body is no more volatile than the function says it is. earmark_fold calls unaccent(), which the
 * extension declares STABLE (its rules file can change), so an IMMUTABLE earmark_fold was never copied
 * in: every imported segment ran it as a function call of its own (a small query plan each time), about
 * 0.5 µs of the server's CPU, 3 % of what an imported segment costs (100,000 chat turns, 2.6 → 2.1 µs a
 * turn). Declared STABLE, as what they call is, both are copied into the import's trigger and the
 * search's query.
 *
 * Immutability bought nothing since 026: no generated column or index expression uses them any more. The
 * text each returns does not change, so the stored search documents stay valid.
 */
export default /* sql */ `
ALTER FUNCTION earmark_fold(text) STABLE;
ALTER FUNCTION earmark_search_words(text) STABLE;
`;
