/** PostgreSQL twin of sqlite/019-edit-versions: the versions that refuse a save made from an older one. */
export default /* sql */ `
ALTER TABLE rubrics ADD COLUMN draft_version bigint NOT NULL DEFAULT 0;
ALTER TABLE rubrics ADD COLUMN draft_changed_by bigint REFERENCES reviewer_profiles(id);
ALTER TABLE rubrics ADD COLUMN draft_changed_at text;
ALTER TABLE coaching_sessions ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE coaching_sessions ADD COLUMN updated_by bigint REFERENCES reviewer_profiles(id);
ALTER TABLE coaching_actions ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE coaching_notes ADD COLUMN version bigint NOT NULL DEFAULT 1;
`;
