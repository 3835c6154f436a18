/** The server session running the statement, as pg_stat_activity names it. */
const SESSION = `pg_backend_pid(), (SELECT backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid())`;

/**
 * Takes or renews one lease in one statement: free, expired, already ours, or held from a server
 * session that no longer exists (a process that died on a real server; behind the embedded server
 * the one session never ends, so there only the TTL frees it). An unreadable backend_start
 * (another role's session) counts as alive. $1 name, $2 holder id, $3 holder, $4 TTL in ms.
 */
export const ACQUIRE_LEASE_SQL = `
  INSERT INTO leases AS l (name, holder_id, holder, session_pid, session_started, acquired_at, renewed_at, expires_at)
  SELECT $1, $2, $3, ${SESSION}, clock_timestamp(), clock_timestamp(), clock_timestamp() + $4 * interval '1 millisecond'
  ON CONFLICT (name) DO UPDATE SET
    holder_id = EXCLUDED.holder_id, holder = EXCLUDED.holder,
    session_pid = EXCLUDED.session_pid, session_started = EXCLUDED.session_started,
    acquired_at = CASE WHEN l.holder_id = EXCLUDED.holder_id THEN l.acquired_at ELSE EXCLUDED.acquired_at END,
    renewed_at = EXCLUDED.renewed_at, expires_at = EXCLUDED.expires_at
  WHERE l.holder_id = EXCLUDED.holder_id
     OR l.expires_at <= EXCLUDED.renewed_at
     OR NOT EXISTS (SELECT 1 FROM pg_stat_activity a
                    WHERE a.pid = l.session_pid AND (a.backend_start IS NULL OR a.backend_start IS NOT DISTINCT FROM l.session_started))
  RETURNING name`;

/** Extends every lease of the holder that is still its own; the names returned are the ones kept. */
export const RENEW_LEASES_SQL = `
  UPDATE leases SET renewed_at = clock_timestamp(), expires_at = clock_timestamp() + $3 * interval '1 millisecond',
    session_pid = s.pid, session_started = s.started
  FROM (SELECT ${SESSION}) AS s (pid, started)
  WHERE holder_id = $1 AND name = ANY ($2::text[])
  RETURNING name`;

export const RELEASE_LEASES_SQL = 'DELETE FROM leases WHERE holder_id = $1 AND name = ANY ($2::text[])';
