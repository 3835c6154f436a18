-- State of the job-progress reaction: which submissions of a job are finished. Updated
-- idempotently (guarded by submission stream version) before the reaction's checkpoint moves.
CREATE TABLE job_progress_jobs (
  job_id          text PRIMARY KEY,
  directory_count int NOT NULL CHECK (directory_count > 0)
);

CREATE TABLE job_progress_submissions (
  job_id         text NOT NULL,
  directory_id   text NOT NULL,
  status         text NOT NULL,
  terminal       boolean NOT NULL,
  stream_version int NOT NULL,
  PRIMARY KEY (job_id, directory_id)
);
