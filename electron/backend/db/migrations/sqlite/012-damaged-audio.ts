/**
 * What was damaged in a recording (MP3 frames skipped, Ogg packets that failed their checksum) is kept
 * with it, so the call's page can say so next to the player: JSON as shared/api AudioDamage, NULL for an
 * intact recording. An import's per-file warnings are kept as JSON too ({ code, message, damage? }[]), so
 * the status of a finished batch still lists them; NULL for rows written before.
 */
export default /* sql */ `
ALTER TABLE recordings ADD COLUMN damage TEXT;
ALTER TABLE import_files ADD COLUMN warnings TEXT;
`;
