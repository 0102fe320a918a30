/**
 * A segment's interaction was checked by its foreign key row by row: a query per segment, about 3 µs of
 * server CPU, a fifth of what an imported segment costs PostgreSQL. Triggers now check every row a
 * statement adds or changes at once (one import file's 10,000 turns: one query), with the key's
 * guarantees kept:
 *
 * - a segment needs its interaction: one naming none refused with foreign_key_violation, the error the
 *   key gave (same constraint name and wording);
 * - the interactions it names are locked as the key locked them (FOR KEY SHARE), so none is deleted until
 *   the adding transaction ends, and one whose delete committed meanwhile is not found;
 * - deleting interactions deletes their segments (ON DELETE CASCADE), truncating them truncates them;
 * - an interaction's id cannot change while segments name it.
 *
 * SQLite keeps its foreign key: it checks a row with an index probe, not a query.
 */
export default /* sql */ `
DO $$
DECLARE
  key text;
BEGIN
  SELECT conname INTO key FROM pg_constraint
    WHERE conrelid = 'segments'::regclass AND confrelid = 'interactions'::regclass AND contype = 'f';
  IF key IS NOT NULL THEN
    EXECUTE format('ALTER TABLE segments DROP CONSTRAINT %I', key);
  END IF;
END
$$;

CREATE FUNCTION earmark_segments_have_interactions() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE
  named bigint;
  found bigint;
  missing bigint;
BEGIN
  SELECT count(DISTINCT interaction_id) INTO named FROM added;
  SELECT count(*) INTO found FROM (
    SELECT 1 FROM interactions i WHERE i.id IN (SELECT interaction_id FROM added) FOR KEY SHARE OF i
  ) locked;
  IF found < named THEN
    SELECT a.interaction_id INTO missing FROM added a
      WHERE NOT EXISTS (SELECT 1 FROM interactions i WHERE i.id = a.interaction_id) LIMIT 1;
    RAISE EXCEPTION 'insert or update on table "segments" violates foreign key constraint "segments_interaction_id_fkey"'
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'segments_interaction_id_fkey', TABLE = 'segments',
        DETAIL = format('Key (interaction_id)=(%s) is not present in table "interactions".', missing);
  END IF;
  RETURN NULL;
END
$f$;

CREATE TRIGGER segments_added_have_interactions AFTER INSERT ON segments
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION earmark_segments_have_interactions();
CREATE TRIGGER segments_changed_have_interactions AFTER UPDATE ON segments
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION earmark_segments_have_interactions();

CREATE FUNCTION earmark_interactions_drop_segments() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  DELETE FROM segments s USING gone g WHERE s.interaction_id = g.id;
  RETURN NULL;
END
$f$;

CREATE TRIGGER interactions_deleted_drop_segments AFTER DELETE ON interactions
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION earmark_interactions_drop_segments();

CREATE FUNCTION earmark_interactions_truncate_segments() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  TRUNCATE segments;
  RETURN NULL;
END
$f$;

CREATE TRIGGER interactions_truncated_truncate_segments AFTER TRUNCATE ON interactions
  FOR EACH STATEMENT EXECUTE FUNCTION earmark_interactions_truncate_segments();

CREATE FUNCTION earmark_interaction_id_unused() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF EXISTS (SELECT 1 FROM segments WHERE interaction_id = OLD.id) THEN
    RAISE EXCEPTION 'update or delete on table "interactions" violates foreign key constraint "segments_interaction_id_fkey" on table "segments"'
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'segments_interaction_id_fkey', TABLE = 'interactions',
        DETAIL = format('Key (id)=(%s) is still referenced from table "segments".', OLD.id);
  END IF;
  RETURN NULL;
END
$f$;

CREATE TRIGGER interactions_id_kept_for_segments AFTER UPDATE OF id ON interactions
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION earmark_interaction_id_unused();
`;
