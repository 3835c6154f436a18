-- Who may sign in: staff accounts (role admin or staff) and customer logins (each belongs to one
-- customer; a customer may have several). Emails are stored lower-cased, so uniqueness ignores case.
-- password_hash carries its own algorithm and parameters ("scrypt$N$r$p$salt$hash").
CREATE TABLE staff_accounts (
  id             text PRIMARY KEY,
  email          text NOT NULL UNIQUE CHECK (email = lower(email)),
  display_name   text NOT NULL,
  role           text NOT NULL CHECK (role IN ('admin', 'staff')),
  password_hash  text NOT NULL,
  disabled       boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL
);

CREATE TABLE customer_logins (
  id             text PRIMARY KEY,
  email          text NOT NULL UNIQUE CHECK (email = lower(email)),
  customer_id    text NOT NULL REFERENCES customers (id),
  password_hash  text NOT NULL,
  disabled       boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL
);

CREATE INDEX customer_logins_customer ON customer_logins (customer_id);
