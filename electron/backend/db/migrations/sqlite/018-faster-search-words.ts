/**
 * Nothing changes on SQLite: FTS5 splits words itself. The PostgreSQL migration of this number makes
 * the search column's word splitting (earmark_search_words) several times cheaper with the same result.
 */
export default /* sql */ `
SELECT 1;
`;
