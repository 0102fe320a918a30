/**
 * The weekly review queue (issue 15): plans say which interactions to sample and who reviews them; each
 * week's draw is kept with what the plan said at that moment and the seed it was drawn with, and every
 * item says why it was picked, so "why was this call reviewed?" has an answer long after the plan
 * changed. A replaced item stays, with who replaced it, when and why, beside its replacement.
 *
 * interactions.customer_rating: the customer's own verdict (bad / neutral / good), one filter of a plan.
 */
export default /* sql */ `
ALTER TABLE interactions ADD COLUMN customer_rating TEXT
  CHECK (customer_rating IS NULL OR customer_rating IN ('bad', 'neutral', 'good'));

CREATE TABLE queue_plans (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
  filters TEXT NOT NULL,
  quota_per TEXT NOT NULL CHECK (quota_per IN ('agent', 'team', 'reviewer')),
  quota_count INTEGER NOT NULL CHECK (quota_count BETWEEN 1 AND 1000),
  created_by INTEGER REFERENCES reviewer_profiles(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX queue_plans_name ON queue_plans (lower(name));

CREATE TABLE queue_plan_reviewers (
  plan_id INTEGER NOT NULL REFERENCES queue_plans(id) ON DELETE CASCADE,
  profile_id INTEGER NOT NULL REFERENCES reviewer_profiles(id),
  PRIMARY KEY (plan_id, profile_id)
) STRICT;

CREATE TABLE queue_draws (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES queue_plans(id),
  week TEXT NOT NULL CHECK (length(week) = 8),
  seed TEXT NOT NULL,
  plan_snapshot TEXT NOT NULL,
  short TEXT NOT NULL,
  drawn_by INTEGER REFERENCES reviewer_profiles(id),
  drawn_at TEXT NOT NULL,
  UNIQUE (plan_id, week)
) STRICT;

CREATE TABLE queue_items (
  id INTEGER PRIMARY KEY,
  draw_id INTEGER NOT NULL REFERENCES queue_draws(id) ON DELETE CASCADE,
  interaction_id INTEGER NOT NULL REFERENCES interactions(id),
  agent_id INTEGER NOT NULL REFERENCES agents(id),
  reviewer_id INTEGER NOT NULL REFERENCES reviewer_profiles(id),
  position INTEGER NOT NULL,
  channel TEXT NOT NULL,
  day TEXT NOT NULL,
  pool INTEGER NOT NULL,
  assigned_at TEXT NOT NULL,
  replaces_id INTEGER REFERENCES queue_items(id),
  replaced_at TEXT,
  replaced_by INTEGER REFERENCES reviewer_profiles(id),
  replaced_reason TEXT CHECK (replaced_reason IS NULL OR length(replaced_reason) BETWEEN 1 AND 500),
  UNIQUE (draw_id, interaction_id)
) STRICT;
CREATE INDEX queue_items_reviewer ON queue_items (reviewer_id, draw_id);
CREATE INDEX queue_items_interaction ON queue_items (interaction_id);
`;
