/**
 * Nothing changes on SQLite: its foreign key checks a segment's interaction with an index probe. The
 * PostgreSQL migration of this number checks the segments a statement adds at once instead of row by
 * row, with the same guarantees.
 */
export default /* sql */ `
SELECT 1;
`;
