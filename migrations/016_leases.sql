-- Who runs each one-at-a-time duty (a projection, a reaction, a periodic sweep), by holder
-- identity. Session advisory locks cannot say this behind the embedded server: every client
-- shares its one session there, and session locks are re-entrant, so two processes both got one.
-- A holder renews its row before `expires_at`; another may take the row once it has expired, or
-- at once when the holder's server session (session_pid, session_started) is gone.
CREATE TABLE leases (
  name            text PRIMARY KEY,
  holder_id       text NOT NULL,
  holder          text NOT NULL,
  session_pid     int NOT NULL,
  session_started timestamptz,
  acquired_at     timestamptz NOT NULL,
  renewed_at      timestamptz NOT NULL,
  expires_at      timestamptz NOT NULL
);
