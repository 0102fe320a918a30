/**
 * "Draw more" on a week already drawn (review queue): a QA manager who adds a reviewer or raises a
 * quota mid-week tops the week up to what the plan now asks for. Each top-up is kept like the first
 * draw, with its own seed, the plan as it was at that moment and the shortfalls it found, so every item
 * it added can say why; the items it added point at it. The plan a week is worked under (replacements
 * included) is the one of its latest top-up, else of its draw.
 */
export default /* sql */ `
CREATE TABLE queue_top_ups (
  id INTEGER PRIMARY KEY,
  draw_id INTEGER NOT NULL REFERENCES queue_draws(id) ON DELETE CASCADE,
  seed TEXT NOT NULL,
  plan_snapshot TEXT NOT NULL,
  short TEXT NOT NULL,
  drawn_by INTEGER REFERENCES reviewer_profiles(id),
  drawn_at TEXT NOT NULL,
  UNIQUE (draw_id, seed)
) STRICT;

ALTER TABLE queue_items ADD COLUMN top_up_id INTEGER REFERENCES queue_top_ups(id);
`;
