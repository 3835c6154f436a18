-- Where each named subscriber of the global log stands, so it resumes after a restart.
CREATE TABLE subscription_checkpoints (
  subscription_id text PRIMARY KEY,
  checkpoint      text NOT NULL,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
