-- What each worker holds, refreshed with every heartbeat: when a worker goes silent, the stale-work
-- sweeper makes these messages visible again at once instead of waiting out their visibility timeout.
ALTER TABLE worker_heartbeats ADD COLUMN in_flight_work jsonb NOT NULL DEFAULT '[]'::jsonb;
