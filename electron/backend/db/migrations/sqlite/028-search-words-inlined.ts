/**
 * Nothing changes on SQLite: its search words are FTS5's. The PostgreSQL migration of this number gives
 * its search-document triggers STABLE twins of the word functions, which PostgreSQL copies into them.
 */
export default /* sql */ `
SELECT 1;
`;
