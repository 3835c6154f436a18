-- Customers become an event-sourced aggregate (stream customer-<id>); this table is now its read
-- model, kept by the customers projection. The projection owns only rows that have a stream
-- (version > 0). Rows inserted by SQL (fixtures, benches, operators' imports) stay at version 0:
-- no event touches them, so no rebuild deletes them; editing one through the API registers it
-- from its row first.
ALTER TABLE customers
  ADD COLUMN logo_url   text NOT NULL DEFAULT '',
  ADD COLUMN status     text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deactivated')),
  ADD COLUMN erased_at  timestamptz,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN version    int NOT NULL DEFAULT 0;
