-- API keys for integrations (X-API-Key), managed by admins. Only a SHA-256 of each key is kept:
-- keys are 32 random bytes, so a fast unsalted hash cannot be brute-forced and lets a request find
-- its key with one indexed lookup. Rows are never deleted: revoked and rotated keys stay as the
-- audit of who had access when. All times come from the app's clock, not now(), so tests move them.
CREATE TABLE api_keys (
  id             uuid PRIMARY KEY,
  name           text NOT NULL,
  scopes         text[] NOT NULL,
  key_hash       bytea NOT NULL UNIQUE,
  -- The key's first characters: enough to tell keys apart in a listing, far too few to guess the rest.
  prefix         text NOT NULL,
  -- 1 for a new key; each rotation issues version + 1 under the same name, pointing back at its
  -- predecessor (no foreign key: the log copy moves rows in no particular order).
  version        int NOT NULL,
  rotated_from   uuid,
  created_at     timestamptz NOT NULL,
  created_by     jsonb NOT NULL,
  expires_at     timestamptz,
  -- Set when rotated: the key keeps working until grace_ends_at.
  rotated_at     timestamptz,
  grace_ends_at  timestamptz,
  revoked_at     timestamptz,
  revoked_by     jsonb,
  last_used_at   timestamptz
);

-- One current key per name; rotated and revoked keys give their name up.
CREATE UNIQUE INDEX api_keys_current_name_idx ON api_keys (name) WHERE revoked_at IS NULL AND rotated_at IS NULL;
