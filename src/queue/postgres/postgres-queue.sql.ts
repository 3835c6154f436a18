/** Every time is the database's now(): processes on several hosts share one clock. */
const ms = (param: string): string => `(${param}::float8 * interval '1 millisecond')`;

const DEAD_LETTER_COLUMNS = 'id, priority, body, sent_at, receive_count, first_failure_at, last_failure_at, error, subject';

/** A message dead-lettered twice (resent after its first death) keeps only its latest death. */
const DEAD_LETTER_UPSERT = `ON CONFLICT (id) DO UPDATE SET
  seq = excluded.seq, priority = excluded.priority, body = excluded.body, sent_at = excluded.sent_at,
  receive_count = excluded.receive_count, first_failure_at = excluded.first_failure_at,
  last_failure_at = excluded.last_failure_at, error = excluded.error, subject = excluded.subject, dead_lettered_at = now()`;

/** $1 ids, $2 priorities, $3 bodies, $4 delays (ms), $5 subjects (null: none). A resent id still queued is a no-op. */
export const SEND_SQL = `
INSERT INTO queue_messages (id, priority, body, visible_at, subject)
SELECT m.id, m.priority, m.body, now() + ${ms('m.delay_ms')}, m.subject
FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[]) AS m(id, priority, body, delay_ms, subject)
ON CONFLICT (id) DO NOTHING`;

/**
 * $1 tiers in order of preference, $2 max messages, $3 visibility (ms), $4 maxReceiveCount,
 * $5 dead-letter error. The lateral scan serves tier by tier off the (priority, visible_at)
 * index; the outer LIMIT stops it as soon as enough rows are locked. Rows already received
 * maxReceiveCount times go to the dead letters instead of being delivered (as SQS redrives).
 * One row always comes back: `buried` counts the dead-lettered, `id` is null if none delivered.
 */
export const RECEIVE_SQL = `
WITH picked AS (
  SELECT c.id, t.rank, c.visible_at, c.seq
  FROM unnest($1::text[]) WITH ORDINALITY AS t(priority, rank)
  CROSS JOIN LATERAL (
    SELECT m.id, m.visible_at, m.seq FROM queue_messages m
    WHERE m.priority = t.priority AND m.visible_at <= now()
    ORDER BY m.visible_at, m.seq
    LIMIT $2
    FOR UPDATE SKIP LOCKED
  ) c
  LIMIT $2
), dead AS (
  DELETE FROM queue_messages m USING picked p
  WHERE m.id = p.id AND m.receive_count >= $4
  RETURNING m.id, m.priority, m.body, m.sent_at, m.receive_count, m.first_received_at, m.last_received_at, m.subject
), buried AS (
  INSERT INTO queue_dead_letters (${DEAD_LETTER_COLUMNS})
  SELECT id, priority, body, sent_at, receive_count, first_received_at, last_received_at, $5, subject FROM dead
  ${DEAD_LETTER_UPSERT}
  RETURNING id
), delivered AS (
  UPDATE queue_messages m
  SET receipt = gen_random_uuid(), receive_count = m.receive_count + 1, visible_at = now() + ${ms('$3')},
      first_received_at = coalesce(m.first_received_at, now()), last_received_at = now()
  FROM picked p
  WHERE m.id = p.id AND m.receive_count < $4
  RETURNING m.id, m.priority, m.body, m.receipt::text AS receipt, m.receive_count, m.sent_at,
            p.rank, p.visible_at AS was_visible_at, p.seq
)
SELECT d.id, d.priority, d.body, d.receipt, d.receive_count, d.sent_at, b.buried
FROM (SELECT count(*)::int AS buried FROM buried) b
LEFT JOIN delivered d ON true
ORDER BY d.rank, d.was_visible_at, d.seq`;

/** $1 tiers: ms until the next not-yet-visible message (delayed or in flight) becomes visible. */
export const NEXT_VISIBLE_SQL = `
SELECT ceil(extract(epoch FROM min(n.visible_at) - now()) * 1000)::float8 AS wait_ms
FROM unnest($1::text[]) AS t(priority)
CROSS JOIN LATERAL (
  SELECT m.visible_at FROM queue_messages m
  WHERE m.priority = t.priority AND m.visible_at > now()
  ORDER BY m.visible_at LIMIT 1
) n`;

/** $1 ids, $2 receipts. */
export const ACK_SQL = `
DELETE FROM queue_messages m
USING unnest($1::text[], $2::uuid[]) AS a(id, receipt)
WHERE m.id = a.id AND m.receipt = a.receipt`;

/** $1 id, $2 receipt, $3 ms from now. */
export const EXTEND_SQL = `
UPDATE queue_messages SET visible_at = now() + ${ms('$3')}
WHERE id = $1 AND receipt = $2::uuid`;

/**
 * $1 id, $2 receipt, $3 delay (ms), $4 receives to take back (1: the delivery did not count).
 * Without a receipt it counts as delayed, not in flight.
 */
export const RELEASE_SQL = `
UPDATE queue_messages SET visible_at = now() + ${ms('$3')}, receipt = NULL, receive_count = greatest(0, receive_count - $4::int)
WHERE id = $1 AND receipt = $2::uuid`;

/** $1 id, $2 receipt, $3 reason. */
export const DEAD_LETTER_SQL = `
WITH dead AS (
  DELETE FROM queue_messages WHERE id = $1 AND receipt = $2::uuid
  RETURNING id, priority, body, sent_at, receive_count, first_received_at, last_received_at, subject
)
INSERT INTO queue_dead_letters (${DEAD_LETTER_COLUMNS})
SELECT id, priority, body, sent_at, receive_count, first_received_at, last_received_at, $3, subject FROM dead
${DEAD_LETTER_UPSERT}`;

/** $1 limit, $2 the last id of the previous page (gone meanwhile: start over, it was redriven). */
export const LIST_DEAD_LETTERS_SQL = `
SELECT ${DEAD_LETTER_COLUMNS}, dead_lettered_at FROM queue_dead_letters
WHERE seq > coalesce((SELECT seq FROM queue_dead_letters WHERE id = $2), 0)
ORDER BY seq LIMIT $1`;

/**
 * $1 ids, or null for all. An id queued again meanwhile stays a dead letter: redriving it would
 * overwrite or lose one of the two.
 */
export const REDRIVE_SQL = `
WITH moved AS (
  DELETE FROM queue_dead_letters d
  WHERE ($1::text[] IS NULL OR d.id = ANY($1::text[]))
    AND NOT EXISTS (SELECT 1 FROM queue_messages m WHERE m.id = d.id)
  RETURNING d.id, d.priority, d.body, d.sent_at, d.seq, d.subject
)
INSERT INTO queue_messages (id, priority, body, sent_at, subject)
SELECT id, priority, body, sent_at, subject FROM moved ORDER BY seq
ON CONFLICT (id) DO NOTHING
RETURNING id`;

// Counted per tier first, then joined to the three tiers (a scrape reads this: joining every message costs twice as much).
export const DEPTH_SQL = `
SELECT t.priority, coalesce(m.visible, 0) AS visible, coalesce(m.delayed, 0) AS delayed, coalesce(m.in_flight, 0) AS in_flight,
  (SELECT count(*) FROM queue_dead_letters)::int AS dead_letters
FROM (VALUES ('P1'), ('P2'), ('P3')) AS t(priority)
LEFT JOIN (
  SELECT priority,
    count(*) FILTER (WHERE visible_at <= now())::int AS visible,
    count(*) FILTER (WHERE visible_at > now() AND receipt IS NULL)::int AS delayed,
    count(*) FILTER (WHERE visible_at > now() AND receipt IS NOT NULL)::int AS in_flight
  FROM queue_messages GROUP BY priority
) m ON m.priority = t.priority`;

/** $1 message retention (ms, from enqueue or redrive), $2 dead-letter retention (ms, from death). */
export const PURGE_SQL = `
WITH messages AS (
  DELETE FROM queue_messages WHERE enqueued_at < now() - ${ms('$1')} RETURNING 1
), dead_letters AS (
  DELETE FROM queue_dead_letters WHERE dead_lettered_at < now() - ${ms('$2')} RETURNING 1
)
SELECT (SELECT count(*) FROM messages)::int AS messages, (SELECT count(*) FROM dead_letters)::int AS dead_letters`;

/** $1 ids. */
export const DISCARD_DEAD_LETTERS_SQL = `DELETE FROM queue_dead_letters WHERE id = ANY($1::text[]) RETURNING id`;

/** $1 subjects: those with a message queued (in any state) or dead-lettered. */
export const MAY_HAVE_MESSAGES_SQL = `
SELECT subject FROM queue_messages WHERE subject = ANY($1::text[])
UNION
SELECT subject FROM queue_dead_letters WHERE subject = ANY($1::text[])`;
