-- Written by workers directly (heartbeats are not events); the seed's shape (audit §1.1).
CREATE TABLE worker_heartbeats (
  worker_id         text PRIMARY KEY,
  status            text NOT NULL CHECK (status IN ('starting', 'idle', 'running', 'paused', 'error', 'stopped')),
  current_job_id    text,
  in_flight         int NOT NULL DEFAULT 0,
  host              text,
  pid               int,
  started_at        timestamptz NOT NULL DEFAULT now(),
  last_heartbeat    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX worker_heartbeats_last_heartbeat_idx ON worker_heartbeats (last_heartbeat);

-- The seed's query `SELECT * FROM stale_workers;` works verbatim.
CREATE VIEW stale_workers AS
  SELECT * FROM worker_heartbeats
  WHERE status <> 'stopped' AND last_heartbeat < now() - interval '2 minutes';
