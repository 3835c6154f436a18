-- How each directory's mapping fares, written by workers after each submission that reached the
-- form: successes, failures and the last one, and re-detections (a learned selector no longer
-- matched and detection found the field elsewhere). Not derived from events: which selectors
-- matched is not in the log.
CREATE TABLE directory_mapping_health (
  directory_id           text PRIMARY KEY REFERENCES directories (id) ON DELETE CASCADE,
  succeeded              integer NOT NULL DEFAULT 0,
  failed                 integer NOT NULL DEFAULT 0,
  last_failure_at        timestamptz,
  last_failure           text,
  redetections           integer NOT NULL DEFAULT 0,
  last_redetected_at     timestamptz,
  last_redetected_fields text[] NOT NULL DEFAULT '{}',
  updated_at             timestamptz NOT NULL DEFAULT now()
);
