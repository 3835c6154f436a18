-- Form mappings per directory: `form_mapping` curated (imported from the seed's JSON), `learned_mapping`
-- written by workers after automatic field detection so the next run does not guess again.
ALTER TABLE directories
  ADD COLUMN form_mapping jsonb,
  ADD COLUMN learned_mapping jsonb,
  ADD COLUMN learned_at timestamptz;
