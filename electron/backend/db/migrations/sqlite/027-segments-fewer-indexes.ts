/**
 * Nothing changes on SQLite: its search joins the FTS5 table to `segments` through
 * segments_interaction_of. The PostgreSQL migration of this number drops that index, which no
 * PostgreSQL query uses since its search documents moved to segment_search (026).
 */
export default /* sql */ `
SELECT 1;
`;
