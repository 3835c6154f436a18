-- The embedded durable queue (the MessageQueue port's PostgreSQL adapter), shaped like SQS.
-- A row is visible when visible_at <= now(); in flight when it also has a receipt and
-- visible_at is still ahead; delayed when it has no receipt and visible_at is ahead.
CREATE TABLE queue_messages (
  id                text PRIMARY KEY,
  seq               bigserial NOT NULL,
  priority          text NOT NULL CHECK (priority IN ('P1', 'P2', 'P3')),
  body              text NOT NULL,
  sent_at           timestamptz NOT NULL DEFAULT now(),
  -- Retention counts from here; a redrive starts the clock again.
  enqueued_at       timestamptz NOT NULL DEFAULT now(),
  visible_at        timestamptz NOT NULL DEFAULT now(),
  receipt           uuid,
  receive_count     int NOT NULL DEFAULT 0,
  first_received_at timestamptz,
  last_received_at  timestamptz
);

-- Receive reads one tier at a time in visible_at order and stops at the first future row.
CREATE INDEX queue_messages_ready_idx ON queue_messages (priority, visible_at, seq);

CREATE TABLE queue_dead_letters (
  id                text PRIMARY KEY,
  seq               bigserial NOT NULL UNIQUE,
  priority          text NOT NULL CHECK (priority IN ('P1', 'P2', 'P3')),
  body              text NOT NULL,
  sent_at           timestamptz NOT NULL,
  receive_count     int NOT NULL,
  first_failure_at  timestamptz,
  last_failure_at   timestamptz,
  error             text,
  dead_lettered_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX queue_dead_letters_dead_lettered_at_idx ON queue_dead_letters (dead_lettered_at);
