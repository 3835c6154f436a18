-- Job progress: directories a staff retry (manual JobRequeued) asked to reopen. A submission with
-- such a row is not finished until its stream moves past `after_version`, so a job is not
-- completed on a picture that still shows the retried submission failed. Rows are never updated,
-- which keeps a replayed requeue from reviving a retry already resolved.
CREATE TABLE job_progress_pending_reopens (
  job_id        text NOT NULL,
  directory_id  text NOT NULL,
  requeue_id    text NOT NULL,
  after_version int NOT NULL,
  PRIMARY KEY (job_id, directory_id, requeue_id),
  FOREIGN KEY (job_id, directory_id) REFERENCES job_progress_submissions (job_id, directory_id) ON DELETE CASCADE
);
