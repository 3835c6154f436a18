-- Sign-in attempts and lockouts, shared by every API process. A subject is what is counted:
-- "staff:<email>", "customer:<email>" or "ip:<address>". An attempt with failed = NULL is still
-- being checked; it counts like a failure so concurrent guesses cannot slip past the limit.
CREATE TABLE sign_in_attempts (
  id            bigserial PRIMARY KEY,
  subject       text NOT NULL,
  attempted_at  timestamptz NOT NULL,
  failed        boolean
);

CREATE INDEX sign_in_attempts_subject ON sign_in_attempts (subject, attempted_at);

CREATE TABLE sign_in_lockouts (
  subject       text PRIMARY KEY,
  locked_at     timestamptz NOT NULL,
  locked_until  timestamptz NOT NULL,
  failures      integer NOT NULL
);
