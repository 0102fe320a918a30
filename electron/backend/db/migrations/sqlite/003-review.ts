/**
 * The review workspace:
 * - tags, the built-in ones seeded here (the renderer translates them by key) and the reviewers' own;
 * - moments: a point or range in a recording, or a turn of a transcript or chat, with a comment and tags;
 *   the author column stays empty until reviewer profiles exist;
 * - where the reviewer left off in each interaction.
 * Keyboard shortcuts live in the settings table (key `shortcuts`), so they need no table of their own.
 */
export default /* sql */ `
CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  builtin TEXT UNIQUE CHECK (builtin IN ('interruption', 'long_silence', 'missed_empathy', 'wrong_information', 'rude', 'exemplary')),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
-- Reviewers' own tag names are unique ignoring case; a built-in tag's stored English name may repeat
-- one of theirs, since people see the built-in ones translated.
CREATE UNIQUE INDEX tags_own_name ON tags (name COLLATE NOCASE) WHERE builtin IS NULL;
INSERT INTO tags (builtin, name) VALUES
  ('interruption', 'Interruption'),
  ('long_silence', 'Long silence'),
  ('missed_empathy', 'Missed empathy'),
  ('wrong_information', 'Wrong information'),
  ('rude', 'Rude'),
  ('exemplary', 'Exemplary');

CREATE TABLE moments (
  id INTEGER PRIMARY KEY,
  interaction_id INTEGER NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
  start_ms INTEGER CHECK (start_ms >= 0),
  end_ms INTEGER CHECK (end_ms IS NULL OR (start_ms IS NOT NULL AND end_ms >= start_ms)),
  turn_seq INTEGER CHECK (turn_seq >= 0),
  comment TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 10000),
  author_id INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (start_ms IS NOT NULL OR turn_seq IS NOT NULL)
) STRICT;
CREATE INDEX moments_interaction ON moments (interaction_id, start_ms);

CREATE TABLE moment_tags (
  moment_id INTEGER NOT NULL REFERENCES moments(id) ON DELETE CASCADE,
  tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  PRIMARY KEY (moment_id, tag_id)
) STRICT, WITHOUT ROWID;
-- Recurring themes: how often each tag was pinned, across interactions.
CREATE INDEX moment_tags_tag ON moment_tags (tag_id);

CREATE TABLE playback_positions (
  interaction_id INTEGER PRIMARY KEY REFERENCES interactions(id) ON DELETE CASCADE,
  position_ms INTEGER NOT NULL CHECK (position_ms >= 0),
  updated_at TEXT NOT NULL
) STRICT;
`;
