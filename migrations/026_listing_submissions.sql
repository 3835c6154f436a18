-- Duplicate suppression across jobs: one row per listing sent to one directory, keyed by the
-- SHA-256 of (customer, directory, normalised business fields) (listingKey in src/submissions/idempotency-key.ts).
-- accepted_*: the last submission of it the directory accepted; a later job's submission inside
-- IDEMPOTENCY_WINDOW_DAYS of accepted_at is skipped as 'already-submitted' unless the job is forced.
-- claim_*: the job whose submission may reach the directory now, so two jobs running at once do
-- not both submit; the claiming submission's own stream says when the claim is over.
-- Rows older than the window (by both times) are deleted by the retention pass.
CREATE TABLE listing_submissions (
  listing_key     text PRIMARY KEY,
  directory_id    text NOT NULL,
  customer_id     text NOT NULL,
  accepted_job_id text,
  accepted_at     timestamptz,
  listing_url     text,
  evidence_path   text,
  claim_job_id    text,
  claimed_by      text,
  claimed_at      timestamptz,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX listing_submissions_age_idx ON listing_submissions ((greatest(accepted_at, claimed_at)));

-- Customer-owned rows: a customer session sees its own listings only (as migration 018).
ALTER TABLE listing_submissions ENABLE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON listing_submissions FOR SELECT TO dbolt_customer
  USING (customer_id = current_setting('app.customer_id', true));
GRANT SELECT ON listing_submissions TO dbolt_customer;
