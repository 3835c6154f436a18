-- What the fleet view shows of a worker process beyond its liveness, refreshed with every
-- heartbeat: the roles the process runs, how many submissions it may run at once (now, and the
-- most its governor may choose), its consumer's circuit breaker and its browser. NULL until a
-- process that writes them beats (a row of an older version, or a seed query's insert).
ALTER TABLE worker_heartbeats
  ADD COLUMN roles text[] NOT NULL DEFAULT '{}',
  ADD COLUMN concurrency int,
  ADD COLUMN max_concurrency int,
  ADD COLUMN breaker jsonb,
  ADD COLUMN browser jsonb;
