-- One AES-256 data key per customer, outside the append-only log: the personal fields of
-- customer events are stored sealed under it, and erasure deletes it (crypto-shredding).
-- Not granted to dbolt_customer: customers' own reads go through the read model.
CREATE TABLE customer_data_keys (
  customer_id text PRIMARY KEY,
  data_key    bytea NOT NULL CHECK (octet_length(data_key) = 32),
  created_at  timestamptz NOT NULL DEFAULT now()
);
