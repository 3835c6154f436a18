-- Alerts as they fired and resolved (src/alerts/): the history operators query, and the state
-- that lets a lease hand-over neither re-fire nor forget. At most one firing row per (rule, key).
-- *_pending name the webhooks still owed the firing / resolve notification; a failed send stays
-- pending and is retried on the next evaluation.
CREATE TABLE alerts (
  id              uuid PRIMARY KEY,
  rule            text NOT NULL,
  key             text NOT NULL,
  severity        text NOT NULL CHECK (severity IN ('critical', 'warning')),
  state           text NOT NULL CHECK (state IN ('firing', 'resolved')),
  summary         text NOT NULL,
  value           double precision NOT NULL,
  threshold       double precision NOT NULL,
  fired_at        timestamptz NOT NULL,
  resolved_at     timestamptz,
  fire_pending    text[] NOT NULL DEFAULT '{}',
  resolve_pending text[] NOT NULL DEFAULT '{}',
  delivery_error  text,
  CONSTRAINT alerts_resolved_at_check CHECK ((state = 'resolved') = (resolved_at IS NOT NULL))
);

CREATE UNIQUE INDEX alerts_one_firing_idx ON alerts (rule, key) WHERE state = 'firing';
CREATE INDEX alerts_fired_at_idx ON alerts (fired_at DESC, id DESC);
CREATE INDEX alerts_undelivered_idx ON alerts (fired_at) WHERE fire_pending <> '{}' OR resolve_pending <> '{}';
