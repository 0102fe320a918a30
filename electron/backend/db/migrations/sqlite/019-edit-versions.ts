/**
 * Two people, one thing (issue 14): what two places may edit at once carries a version, counted up by
 * every save in the same statement that writes it, so a save sent from an older version is refused
 * (`edit_conflict`) instead of silently writing over the other one's work.
 *
 * - rubrics: `draft_version` counts changes of the draft (saved, published, discarded), with who made
 *   the last one and when (`draft_changed_by`, `draft_changed_at`), for the refusal to name them.
 * - coaching_sessions: `version` counts changes of the session's own content (dates, texts, focus items,
 *   links, state); `updated_by` says whose the last one was.
 * - coaching_actions, coaching_notes: a version each, so editing one action or note never refuses an
 *   edit of another.
 */
export default /* sql */ `
ALTER TABLE rubrics ADD COLUMN draft_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rubrics ADD COLUMN draft_changed_by INTEGER REFERENCES reviewer_profiles(id);
ALTER TABLE rubrics ADD COLUMN draft_changed_at TEXT;
ALTER TABLE coaching_sessions ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE coaching_sessions ADD COLUMN updated_by INTEGER REFERENCES reviewer_profiles(id);
ALTER TABLE coaching_actions ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE coaching_notes ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
`;
