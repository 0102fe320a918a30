/**
 * `segments_interaction_of` (segment id → interaction) served the search on `segments` itself. Since
 * migration 026 PostgreSQL's search reads `segment_search`, which carries the interaction beside each
 * document; no query on PostgreSQL uses the index any more (the transcript, its turns and the cascade
 * of a delete go by interaction and number, the snippets by id), while every imported segment paid for
 * it: one of the three btrees on `segments`, 0.6–1.0 of about 14 µs of server CPU an imported segment
 * (10,000-row COPYs into databases at 026 and at 027, alternated).
 *
 * SQLite keeps it: its search joins the FTS5 table to `segments` by id through this index.
 */
export default /* sql */ `
DROP INDEX IF EXISTS segments_interaction_of;
`;
