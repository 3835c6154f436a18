-- Retention (audit §4.1): queue_history rows past the archive age move here, out of the live
-- read model, and are deleted once past the delete age. Same columns as queue_history, plus when
-- the row was archived.
CREATE TABLE queue_history_archive (
  position     bigint PRIMARY KEY,
  stream_id    text NOT NULL,
  job_id       text NOT NULL,
  directory_id text,
  event        text NOT NULL,
  attempt      int,
  delay_ms     int,
  error_class  text,
  actor        text NOT NULL,
  details      jsonb NOT NULL,
  created_at   timestamptz NOT NULL,
  archived_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX queue_history_archive_job_idx ON queue_history_archive (job_id, position);
CREATE INDEX queue_history_archive_created_at_idx ON queue_history_archive (created_at);

-- One row. The queue_history projection skips events older than the horizon, so a rebuild or a
-- verify never brings archived rows back into the live table.
CREATE TABLE retention_state (
  id                            boolean PRIMARY KEY DEFAULT true CHECK (id),
  queue_history_archived_before timestamptz,
  last_run_at                   timestamptz
);

INSERT INTO retention_state (id) VALUES (true);
