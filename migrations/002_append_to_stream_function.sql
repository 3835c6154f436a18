-- One round trip per append: idempotency, expected-version check and insert in one call.
-- p_expected is 'any' | 'no_stream' | 'stream_exists' | 'exact' (then p_expected_version counts).
-- Errors: DB409 wrong expected version (DETAIL = actual version), DB422 event id used elsewhere.
CREATE FUNCTION append_to_stream(
  p_stream_id text, p_expected text, p_expected_version bigint,
  p_event_ids uuid[], p_types text[], p_data jsonb[], p_metadata jsonb[]
) RETURNS TABLE (next_version bigint, last_position bigint, last_transaction_id text, appended boolean)
LANGUAGE plpgsql AS $$
DECLARE
  v_current bigint;
  v_stored  int;
  v_count   int;
BEGIN
  SELECT count(*) INTO v_stored FROM events WHERE event_id = ANY (p_event_ids);
  IF v_stored > 0 THEN
    IF EXISTS (SELECT 1 FROM events WHERE event_id = ANY (p_event_ids) AND stream_id <> p_stream_id) THEN
      RAISE EXCEPTION 'an event id of this append is already stored in another stream' USING ERRCODE = 'DB422';
    END IF;
    IF v_stored = cardinality(p_event_ids) THEN
      -- Every event is already stored: an idempotent retry. Report where they are.
      RETURN QUERY
        SELECT s.version, e.position, e.transaction_id::text, false
        FROM events e JOIN streams s ON s.stream_id = e.stream_id
        WHERE e.event_id = ANY (p_event_ids) ORDER BY e.position DESC LIMIT 1;
      RETURN;
    END IF;
    -- Keep only the events not stored yet, in their original order.
    SELECT array_agg(t.id ORDER BY t.ord), array_agg(t.typ ORDER BY t.ord),
           array_agg(t.dat ORDER BY t.ord), array_agg(t.meta ORDER BY t.ord)
      INTO p_event_ids, p_types, p_data, p_metadata
      FROM unnest(p_event_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS t(id, typ, dat, meta, ord)
      WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = t.id);
  END IF;
  v_count := cardinality(p_event_ids);

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

  INSERT INTO events (stream_id, stream_version, event_id, event_type, data, metadata)
  SELECT p_stream_id, v_current + t.ord, t.id, t.typ, t.dat, t.meta
  FROM unnest(p_event_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS t(id, typ, dat, meta, ord)
  ORDER BY t.ord;

  PERFORM pg_notify('dbolt_events', '');
  RETURN QUERY SELECT v_current + v_count, currval(pg_get_serial_sequence('events', 'position')),
                      pg_current_xact_id()::text, true;
END $$;
