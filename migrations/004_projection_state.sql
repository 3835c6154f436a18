-- Where each projection stands. Read tables live in generations (<table>__g<n>) behind views of
-- the public name; a rebuild fills generation n+1 beside the live one and swaps the views.
CREATE TABLE projection_state (
  name                text PRIMARY KEY,
  live_generation     int NOT NULL,
  live_version        int NOT NULL,
  live_checkpoint     text,
  live_events         bigint NOT NULL DEFAULT 0,
  live_updated_at     timestamptz NOT NULL DEFAULT now(),
  next_generation     int,
  next_version        int,
  next_checkpoint     text,
  next_events         bigint NOT NULL DEFAULT 0,
  rebuild_requested_at timestamptz,
  rebuild_started_at  timestamptz,
  last_rebuild_at     timestamptz,
  last_error          text,
  CHECK ((next_generation IS NULL) = (next_version IS NULL))
);
