/**
 * `segments_interaction_of` (segment id → interaction) served the search on `segments` itself. Since
 * migration 026 PostgreSQL's search reads `segment_search`, which carries the interaction beside each
 * document; no query on PostgreSQL uses the index any more (the transcript, its turns and the cascade
 * of a delete go by interaction and number, the snippets by id), while every imported segment paid for
 * it: one of the three btrees on `segments`, about 0.6 µs of server CPU a segment.
 *
 * SQLite keeps it: its search joins the FTS5 table to `segments` by id through this index.
 */
export default /* sql */ `
DROP INDEX IF EXISTS segments_interaction_of;
`;
