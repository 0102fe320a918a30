/**
 * Nothing changes on SQLite: FTS5's unicode61 tokenizer already splits words at every character that is
 * not a letter or a digit, and its indexes on start times already put missing times where the library
 * lists them. The PostgreSQL migration of this number makes its search split words the same and its
 * start-time indexes hold SQLite's order of missing times.
 */
export default /* sql */ `
SELECT 1;
`;
