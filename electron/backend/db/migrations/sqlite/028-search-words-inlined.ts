/**
 * Nothing changes on SQLite: its search words are FTS5's. The PostgreSQL migration of this number
 * declares its search-word functions STABLE so that PostgreSQL copies them into the queries calling them.
 */
export default /* sql */ `
SELECT 1;
`;
