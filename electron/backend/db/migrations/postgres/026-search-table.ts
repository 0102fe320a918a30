/**
 * The search documents move out of `segments` into a narrow table of their own, `segment_search`
 * (segment, interaction, tsvector), as SQLite keeps them in its FTS5 table. A ranked search reads every
 * matching segment's row for its interaction and its document: in `segments` those rows carry the text,
 * times and speaker too, so a common word's 64,000 matches sat on 34,600 of 44,600 pages. In the narrow
 * table they sit on 25,000 of 27,500, and the worst search of the bench (a prefix in 64,000 segments of
 * 1,000,000) takes a quarter less server CPU (77 → 57 ms). The segments table itself gets narrower too.
 *
 * Kept in step by statement-level triggers over each statement's rows (transition tables), so every
 * writer (the import's COPY, the demo, a workstation's history) fills it without knowing, one set-based
 * INSERT per statement. The document costs what the generated column did; the second row and its key
 * add about 5 % to the server's CPU per imported segment (0.8 of ~15 µs, 10,000-row inserts alternated),
 * the price of a quarter less for every large search. No foreign key: its check, row by row, cost a
 * quarter more at import; the triggers remove a segment's document with it. The documents are computed
 * exactly as the generated column did; existing ones are copied, not recomputed.
 */
export default /* sql */ `
CREATE TABLE segment_search (
  segment_id bigint NOT NULL,
  interaction_id bigint NOT NULL,
  search_document tsvector NOT NULL
);
INSERT INTO segment_search (segment_id, interaction_id, search_document)
  SELECT id, interaction_id, search_document FROM segments ORDER BY interaction_id, id;
DROP INDEX segments_fts;
ALTER TABLE segments DROP COLUMN search_document;
-- An interaction's documents by its id: the best segments of a page of results; and each row once.
ALTER TABLE segment_search ADD PRIMARY KEY (interaction_id, segment_id);
CREATE INDEX segments_fts ON segment_search USING gin (search_document);

CREATE FUNCTION earmark_segments_added() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  INSERT INTO segment_search (segment_id, interaction_id, search_document)
    SELECT id, interaction_id, to_tsvector('earmark_search'::regconfig, earmark_search_words(text)) FROM new_rows;
  RETURN NULL;
END
$f$;
CREATE FUNCTION earmark_segments_removed() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  DELETE FROM segment_search s USING old_rows o WHERE s.interaction_id = o.interaction_id AND s.segment_id = o.id;
  RETURN NULL;
END
$f$;
CREATE FUNCTION earmark_segments_changed() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  DELETE FROM segment_search s USING old_rows o WHERE s.interaction_id = o.interaction_id AND s.segment_id = o.id;
  INSERT INTO segment_search (segment_id, interaction_id, search_document)
    SELECT id, interaction_id, to_tsvector('earmark_search'::regconfig, earmark_search_words(text)) FROM new_rows;
  RETURN NULL;
END
$f$;
CREATE FUNCTION earmark_segments_emptied() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  TRUNCATE segment_search;
  RETURN NULL;
END
$f$;
CREATE TRIGGER segments_searchable_added AFTER INSERT ON segments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION earmark_segments_added();
CREATE TRIGGER segments_searchable_removed AFTER DELETE ON segments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION earmark_segments_removed();
CREATE TRIGGER segments_searchable_changed AFTER UPDATE ON segments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION earmark_segments_changed();
CREATE TRIGGER segments_searchable_emptied AFTER TRUNCATE ON segments
  FOR EACH STATEMENT EXECUTE FUNCTION earmark_segments_emptied();
`;
