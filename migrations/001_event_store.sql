-- The append-only event store. See DESIGN.md "Gap-safe global order on PostgreSQL".
CREATE TABLE streams (
  stream_id  text PRIMARY KEY,
  version    bigint NOT NULL CHECK (version > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE events (
  position       bigint GENERATED ALWAYS AS IDENTITY,
  -- Readers of the global log order and page by (transaction_id, position) and read only below
  -- the oldest running transaction, so a late commit can never be skipped.
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  stream_id      text NOT NULL,
  stream_version bigint NOT NULL CHECK (stream_version > 0),
  event_id       uuid NOT NULL,
  event_type     text NOT NULL,
  data           jsonb NOT NULL,
  metadata       jsonb NOT NULL,
  recorded_at    timestamptz NOT NULL DEFAULT now(),
  -- The read order is the key: one index serves readAll and keeps position unique (identity).
  CONSTRAINT events_pkey PRIMARY KEY (transaction_id, position),
  CONSTRAINT events_stream_version_key UNIQUE (stream_id, stream_version),
  CONSTRAINT events_event_id_key UNIQUE (event_id)
);

CREATE FUNCTION events_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events is append-only: % refused', TG_OP USING ERRCODE = 'DB405';
END $$;

CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION events_are_append_only();
