/**
 * PostgreSQL's search splits words where SQLite's FTS5 (unicode61) does: at every character that is not
 * a letter or a digit. PostgreSQL's own parser keeps "Gilroy.one" as a host name, "name@email.com" as
 * an address, "1,097.26" as a number and "-5205" (a phone number's last part) as a signed one, so a
 * customer's words glued by punctuation were found on SQLite and not here. The search column now reads
 * the folded text with ASCII punctuation turned into spaces (translate: one character each, no regex).
 * Headlines still mark words in the original text.
 *
 * The library's newest-first order puts interactions without a start time last, as SQLite does
 * (PostgreSQL's DESC would put them first): its indexes now hold that order, so the first page is read
 * off the index instead of sorting every interaction (and joining each one's score) to show fifty.
 */
const PUNCTUATION = `!"#$%&''()*+,-./:;<=>?@[\\]^_\`{|}~`;
const SPACES = ' '.repeat(32);

export default /* sql */ `
CREATE FUNCTION earmark_search_words(value text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $f$ SELECT translate(earmark_fold(value), '${PUNCTUATION}', '${SPACES}') $f$;

DROP INDEX segments_fts;
ALTER TABLE segments DROP COLUMN search_document;
ALTER TABLE segments ADD COLUMN search_document tsvector
  GENERATED ALWAYS AS (to_tsvector('earmark_search'::regconfig, earmark_search_words(text))) STORED;
CREATE INDEX segments_fts ON segments USING gin (search_document);

DROP INDEX interactions_started;
CREATE INDEX interactions_started ON interactions (started_at DESC NULLS LAST, id DESC);
DROP INDEX interactions_kind_started;
CREATE INDEX interactions_kind_started ON interactions (kind, started_at DESC NULLS LAST, id DESC);
`;
