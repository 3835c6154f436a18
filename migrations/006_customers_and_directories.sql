-- Reference data the job commands read: who the customer is and what they bought, and the
-- directory catalog. Not event-sourced: they are inputs, snapshotted into JobCreated.
CREATE TABLE customers (
  id             text PRIMARY KEY,
  business_name  text NOT NULL,
  email          text NOT NULL,
  phone          text NOT NULL DEFAULT '',
  website        text NOT NULL DEFAULT '',
  address        text NOT NULL DEFAULT '',
  city           text NOT NULL DEFAULT '',
  state          text NOT NULL DEFAULT '',
  zip            text NOT NULL DEFAULT '',
  country        text NOT NULL DEFAULT 'US',
  category       text NOT NULL DEFAULT '',
  description    text NOT NULL DEFAULT '',
  contact_name   text NOT NULL DEFAULT '',
  package_tier   text NOT NULL CHECK (package_tier IN ('enterprise', 'pro', 'growth', 'starter')),
  package_size   int NOT NULL CHECK (package_size BETWEEN 1 AND 500),
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE directories (
  id                text PRIMARY KEY,
  name              text NOT NULL,
  url               text NOT NULL,
  submission_url    text NOT NULL,
  domain            text NOT NULL,
  domain_authority  int,
  category          text NOT NULL DEFAULT 'general',
  difficulty        text NOT NULL DEFAULT 'medium' CHECK (difficulty IN ('easy', 'medium', 'hard')),
  requires_login    boolean NOT NULL DEFAULT false,
  has_captcha       boolean NOT NULL DEFAULT false,
  active            boolean NOT NULL DEFAULT true,
  created_at        timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX directories_active_authority_idx ON directories (active, domain_authority DESC NULLS LAST, id);
