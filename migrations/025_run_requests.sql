-- A customer's request for a new run of its purchased package (POST /api/submissions) when runs
-- need staff approval (SUBMISSION_RUN_APPROVAL=staff). Approval creates the job through the job
-- command (whose events are the record of the run); this row is the request and its decision.
CREATE TABLE run_requests (
  id               uuid PRIMARY KEY,
  customer_id      text NOT NULL REFERENCES customers (id),
  status           text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  -- The caller's Idempotency-Key: a retried request finds its first answer instead of a second request.
  idempotency_key  text,
  requested_by     jsonb NOT NULL,
  requested_at     timestamptz NOT NULL,
  decided_by       jsonb,
  decided_at       timestamptz,
  reason           text,
  job_id           uuid,
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  CHECK ((status = 'approved') = (job_id IS NOT NULL))
);

-- One open request per customer: a second is 409 naming the first.
CREATE UNIQUE INDEX run_requests_one_pending_idx ON run_requests (customer_id) WHERE status = 'pending';
CREATE UNIQUE INDEX run_requests_idempotency_idx ON run_requests (customer_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
-- Staff's queue of decisions (oldest first) and a customer's own list (newest first).
CREATE INDEX run_requests_status_idx ON run_requests (status, requested_at, id);
CREATE INDEX run_requests_customer_idx ON run_requests (customer_id, requested_at DESC, id DESC);

-- Customers read their own requests only (as migration 018 does for customers).
ALTER TABLE run_requests ENABLE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON run_requests FOR SELECT TO dbolt_customer
  USING (customer_id = current_setting('app.customer_id', true));
GRANT SELECT ON run_requests TO dbolt_customer;
