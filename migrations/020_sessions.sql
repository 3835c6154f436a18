-- Signed-in sessions. Only the SHA-256 of a token is kept: a leaked table signs nobody in.
-- Expiry is absolute (expires_at is fixed at sign-in); revoked_at marks a logout or a disabled account.
CREATE TABLE sessions (
  token_hash   text PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('staff', 'customer')),
  account_id   text NOT NULL,
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz
);

CREATE INDEX sessions_account ON sessions (kind, account_id);
