/**
 * Nothing changes on SQLite: its search documents already live in a table of their own (segments_fts).
 * The PostgreSQL migration of this number moves them out of `segments` into one too (segment_search).
 */
export default /* sql */ `
SELECT 1;
`;
