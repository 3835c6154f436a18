-- One round trip per append: idempotency, expected-version check and insert in one call.
-- p_events is a JSON array of {"id", "type", "data", "metadata"} in stream order (one parameter
-- parses faster than four escaped arrays).
-- p_expected is 'any' | 'no_stream' | 'stream_exists' | 'exact' (then p_expected_version counts).
-- Errors: DB409 wrong expected version (DETAIL = actual version), DB422 event id used elsewhere.
-- Duplicates are rare, so the first call inserts optimistically (p_dedupe false); if the unique
-- index on event_id objects, or the version check fails, the caller calls again with p_dedupe
-- true, which drops the events already stored (an idempotent retry) before the version check.
-- No NOTIFY here: it takes a server-wide lock at commit and would serialise all appends;
-- the store sends a coalesced NOTIFY after committing instead.
CREATE FUNCTION append_to_stream(
  p_stream_id text, p_expected text, p_expected_version bigint, p_events jsonb, p_dedupe boolean DEFAULT false)
RETURNS TABLE (next_version bigint, last_position bigint, last_transaction_id text, appended boolean)
LANGUAGE plpgsql AS $$
DECLARE
  v_ids     uuid[];
  v_current bigint;
  v_stored  int := 0;
  v_count   int;
  v_last    bigint;
BEGIN
  IF p_dedupe THEN
    v_ids := ARRAY(SELECT (e->>'id')::uuid FROM jsonb_array_elements(p_events) e);
    -- EXECUTE plans per call: a generic plan cached while `events` was small would scan it whole.
    EXECUTE 'SELECT count(*) FROM events WHERE event_id = ANY ($1)' INTO v_stored USING v_ids;
  END IF;
  IF v_stored > 0 THEN
    IF EXISTS (SELECT 1 FROM events WHERE event_id = ANY (v_ids) AND stream_id <> p_stream_id) THEN
      RAISE EXCEPTION 'an event id of this append is already stored in another stream' USING ERRCODE = 'DB422';
    END IF;
    IF v_stored = cardinality(v_ids) THEN
      -- Every event is already stored: an idempotent retry. Report where they are.
      RETURN QUERY
        SELECT s.version, e.position, e.transaction_id::text, false
        FROM events e JOIN streams s ON s.stream_id = e.stream_id
        WHERE e.event_id = ANY (v_ids) ORDER BY e.position DESC LIMIT 1;
      RETURN;
    END IF;
    -- Keep only the events not stored yet, in their original order (the rare, slow path).
    SELECT coalesce(jsonb_agg(t.e ORDER BY t.ord), '[]') INTO p_events
      FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(e, ord)
      WHERE NOT EXISTS (SELECT 1 FROM events x WHERE x.event_id = (t.e->>'id')::uuid);
  END IF;
  v_count := jsonb_array_length(p_events);

  LOOP
    SELECT s.version INTO v_current FROM streams s WHERE s.stream_id = p_stream_id FOR UPDATE;
    IF NOT FOUND THEN v_current := 0; END IF;
    IF NOT (p_expected = 'any'
            OR (p_expected = 'no_stream' AND v_current = 0)
            OR (p_expected = 'stream_exists' AND v_current > 0)
            OR (p_expected = 'exact' AND v_current = p_expected_version)) THEN
      RAISE EXCEPTION 'wrong expected version' USING ERRCODE = 'DB409', DETAIL = v_current::text;
    END IF;
    IF v_current > 0 THEN
      UPDATE streams SET version = v_current + v_count, updated_at = now() WHERE stream_id = p_stream_id;
      EXIT;
    END IF;
    INSERT INTO streams (stream_id, version) VALUES (p_stream_id, v_count) ON CONFLICT DO NOTHING;
    EXIT WHEN FOUND;
    -- A concurrent writer created the stream first; loop to check against what it wrote.
  END LOOP;

  WITH inserted AS (
    INSERT INTO events (stream_id, stream_version, event_id, event_type, data, metadata)
    SELECT p_stream_id, v_current + t.ord, (t.e->>'id')::uuid, t.e->>'type', t.e->'data', t.e->'metadata'
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(e, ord)
    ORDER BY t.ord
    RETURNING position)
  SELECT max(position) INTO v_last FROM inserted;

  RETURN QUERY SELECT v_current + v_count, v_last, pg_current_xact_id()::text, true;
END $$;
