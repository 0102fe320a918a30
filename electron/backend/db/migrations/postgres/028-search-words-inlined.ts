/**
 * The import's search documents are computed by two SQL functions, earmark_search_words (the word
 * splitting of 018) around earmark_fold (lower case, accents off). PostgreSQL copies a SQL function's
 * body into the query calling it, costing no more than the expression written out, only when the body is
 * no more volatile than the function is declared. earmark_fold calls unaccent(), which the extension
 * declares STABLE (its rules file can change), so the IMMUTABLE earmark_fold was never copied in: every
 * imported segment ran it as a call of its own (a small query plan each time), about 1 µs of the
 * server's CPU, 7 % of what an imported segment costs it (1,000,000 chat turns, alternated full runs).
 *
 * The searches need earmark_fold IMMUTABLE: then the planner turns a search's query text into its tsquery
 * once, while planning; declared STABLE, the query's tsquery was built again for every row ts_rank ranked
 * (three times the server's CPU for a common word). So the triggers get STABLE twins, made from the very
 * bodies of the two functions (whichever fold the server has: unaccent, or the fixed list of letters),
 * and the documents they compute are the ones the functions give (the test compares them).
 */
export default /* sql */ `
DO $$
DECLARE
  fold text := (SELECT prosrc FROM pg_proc WHERE oid = 'earmark_fold(text)'::regprocedure);
  words text := (SELECT prosrc FROM pg_proc WHERE oid = 'earmark_search_words(text)'::regprocedure);
BEGIN
  IF position('earmark_fold(' IN words) = 0 THEN
    RAISE EXCEPTION 'earmark_search_words does not call earmark_fold: %', words;
  END IF;
  EXECUTE format('CREATE FUNCTION earmark_document_fold(value text) RETURNS text '
    'LANGUAGE sql STABLE STRICT PARALLEL SAFE AS %L', fold);
  EXECUTE format('CREATE FUNCTION earmark_document_words(value text) RETURNS text '
    'LANGUAGE sql STABLE STRICT PARALLEL SAFE AS %L', replace(words, 'earmark_fold(', 'earmark_document_fold('));
END
$$;

CREATE OR REPLACE FUNCTION earmark_segments_added() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  INSERT INTO segment_search (segment_id, interaction_id, search_document)
    SELECT id, interaction_id, to_tsvector('earmark_search'::regconfig, earmark_document_words(text)) FROM new_rows;
  RETURN NULL;
END
$f$;
CREATE OR REPLACE FUNCTION earmark_segments_changed() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  DELETE FROM segment_search s USING old_rows o WHERE s.interaction_id = o.interaction_id AND s.segment_id = o.id;
  INSERT INTO segment_search (segment_id, interaction_id, search_document)
    SELECT id, interaction_id, to_tsvector('earmark_search'::regconfig, earmark_document_words(text)) FROM new_rows;
  RETURN NULL;
END
$f$;
`;
