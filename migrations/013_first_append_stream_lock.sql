-- A stream's version order must be its global read order (transaction id, position): readers
-- in global order drop an event whose version is not the next one. An existing stream is safe:
-- its row lock is taken before the transaction id is drawn. A new stream had no row to lock, so
-- two first appends could both draw their ids, and the one with the lower id lose the insert of
-- the streams row and get the higher version. Now the first append of a stream waits on a
-- transaction-scoped advisory lock keyed on the stream id before it draws anything, in every
-- expected-version mode. The two-key form keeps these locks apart from the one-key locks of the
-- runners' leases and the migrations (7304513 names the key space of stream ids); a hash
-- collision only makes two unrelated first appends wait in turn.
CREATE OR REPLACE FUNCTION append_to_stream(
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
    IF NOT FOUND THEN
      -- No row to lock yet: queue on the stream's id instead, before anything draws a
      -- transaction id, then look again (a fresh snapshot sees what the previous holder wrote).
      PERFORM pg_advisory_xact_lock(7304513, hashtext(p_stream_id));
      SELECT s.version INTO v_current FROM streams s WHERE s.stream_id = p_stream_id FOR UPDATE;
      IF NOT FOUND THEN v_current := 0; END IF;
    END IF;
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
