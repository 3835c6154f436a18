-- Customers read their own rows and nothing else, enforced by PostgreSQL as well as by the API:
-- customer-facing queries run as the role dbolt_customer with app.customer_id set for the
-- transaction (src/database/customer-scope.ts). The app's own role owns the tables and is not
-- subject to these policies, so the projector, reactors and staff paths read everything.
-- The role is cluster-wide and has no login; a database user without CREATEROLE needs an
-- operator to create it first (CREATE ROLE dbolt_customer NOLOGIN) and grant it to the app user.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dbolt_customer') THEN
    CREATE ROLE dbolt_customer NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL; -- another database of this cluster created it at the same moment
END $$;

DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'dbolt_customer', 'MEMBER') THEN
    EXECUTE format('GRANT dbolt_customer TO %I', current_user);
  END IF;
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO dbolt_customer', current_schema());
END $$;

ALTER TABLE customers ENABLE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON customers FOR SELECT TO dbolt_customer
  USING (id = current_setting('app.customer_id', true));
GRANT SELECT ON customers TO dbolt_customer;

-- Read tables keyed by job (job_results, queue_history) admit a customer's rows through this:
-- a function, not a subquery in the policy, because a policy would pin the jobs view, which
-- every projection swap drops and recreates. PL/pgSQL, because the view appears after migrations.
CREATE FUNCTION customer_owns_job(job text) RETURNS boolean
  LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN EXISTS (SELECT 1 FROM jobs WHERE id = job AND customer_id = current_setting('app.customer_id', true));
END $$;
