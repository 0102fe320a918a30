/**
 * Nothing changes on SQLite: FTS5's unicode61 tokenizer already splits words at every character that is
 * not a letter or a digit. The PostgreSQL migration of this number makes its search split them the same.
 */
export default /* sql */ `
SELECT 1;
`;
