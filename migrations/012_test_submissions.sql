-- One-off test submissions (POST /api/autobolt/test-submissions): a single directory, run
-- synchronously outside any job, kept for staff and AutoBolt tools to look back at. Not
-- event-sourced: no job, no retries, nothing projects from them.
CREATE TABLE test_submissions (
  id            uuid PRIMARY KEY,
  directory_id  text NOT NULL,
  dry_run       boolean NOT NULL,
  outcome       jsonb NOT NULL,
  actor         jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX test_submissions_recent_idx ON test_submissions (created_at DESC, id DESC);
