/**
 * The event log in a PostgreSQL schema of its own choosing. Every name is qualified with the
 * schema (validated as a plain identifier, so it is safe to splice into SQL), the function's
 * body included, so nothing depends on a connection's search_path.
 *
 * Migrations are numbered and applied at open under an advisory lock, so processes starting
 * together apply each once; never edit a shipped step, add one.
 */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,47}$/;

export function isSchemaName(name: string): boolean {
  return SCHEMA_NAME.test(name);
}

/** The channel appends notify on: one per schema, since channels are shared by a whole database. */
export function appendChannel(schema: string): string {
  return `event_store_appended_${schema}`;
}

/**
 * Global order without gaps. A sequence hands out numbers at insert, but transactions commit in
 * another order: a reader of `position > last` could read 8 before 7 commits, and never read 7.
 * Here every append first takes the schema's append lock (a transaction-scoped advisory lock)
 * and only then reads the log's last position: the next append waits until this one has
 * committed and is visible, so positions are handed out in commit order, contiguous, and a
 * rolled-back append hands none out. The stream's revision is read after the lock too, so it
 * sees every earlier append. The lock is held only while the function runs and commits (one
 * round trip, no client waits inside it).
 *
 * An advisory lock rather than a one-row counter table locked FOR UPDATE: a counter row gets a
 * new version at every append, and while any long transaction runs (a pg_dump, a report) none
 * of those versions can be pruned, so every append would walk a longer chain of them. The last
 * position is the primary key's right edge instead, read in one index probe.
 *
 * Group commit: the appends a process makes at once come in one call and one commit, each
 * standing or failing on its own. Ids already stored are looked for before inserting (no append
 * can insert between the look and the insert: they all wait on the lock), so a duplicate answers
 * `duplicate` instead of failing the whole group.
 */
export function migrations(schema: string): readonly string[] {
  const s = `"${schema}"`;
  return [
    `CREATE TABLE ${s}.events (
       position  bigint      PRIMARY KEY,
       event_id  uuid        NOT NULL,
       stream_id text        NOT NULL,
       revision  integer     NOT NULL,
       type      text        NOT NULL,
       data      json        NOT NULL,
       metadata  json,
       created   timestamptz NOT NULL
     );
     CREATE UNIQUE INDEX events_by_event_id ON ${s}.events (event_id);
     CREATE UNIQUE INDEX events_by_stream_revision ON ${s}.events (stream_id, revision);

     -- appends each batch whose stream is where its caller expects it; answers, for each, the
     -- stream's revision before it (null: no stream) and the revision and position of its last
     -- event, or null for both, having written nothing of it (the expectation failed, or one of
     -- its ids is stored already: duplicate)
     CREATE FUNCTION ${s}.append_batch(
       p_streams text[], p_expected text[], p_sizes integer[],
       p_ids uuid[], p_types text[], p_data text[], p_metadata text[]
     ) RETURNS TABLE (actual integer, last_revision integer, last_position bigint, duplicate boolean)
     LANGUAGE plpgsql VOLATILE
     -- planned afresh at each call: a plan cached while the table was small (a sequential scan
     -- of a few rows) would stay, and scan the whole log at every append once it has grown
     SET plan_cache_mode = force_custom_plan
     AS $$
     DECLARE
       head bigint;
       start_head bigint;
       first integer := 1;
       size integer;
       ids uuid[];
     BEGIN
       PERFORM pg_advisory_xact_lock(hashtext('compliance-event-store-append'), hashtext('${schema}'));
       -- a VOLATILE function's statements each see what committed before them (after the lock:
       -- every earlier append), and what this call inserted for the batches before this one
       SELECT coalesce(max(e.position), 0) INTO head FROM ${s}.events e;
       start_head := head;
       FOR i IN 1 .. cardinality(p_streams) LOOP
         size := p_sizes[i];
         ids := p_ids[first : first + size - 1];
         last_revision := NULL;
         last_position := NULL;
         duplicate := false;
         SELECT max(e.revision) INTO actual FROM ${s}.events e WHERE e.stream_id = p_streams[i];
         IF NOT (p_expected[i] = 'any'
                 OR (p_expected[i] = 'no_stream' AND actual IS NULL)
                 OR (p_expected[i] = 'stream_exists' AND actual IS NOT NULL)
                 OR (p_expected[i] ~ '^[0-9]+$' AND actual IS NOT DISTINCT FROM p_expected[i]::numeric)) THEN
           NULL; -- the expectation failed: nothing written
         ELSIF EXISTS (SELECT 1 FROM ${s}.events e WHERE e.event_id = ANY (ids)) THEN
           duplicate := true;
         ELSE
           INSERT INTO ${s}.events (position, event_id, stream_id, revision, type, data, metadata, created)
             SELECT head + n, id, p_streams[i], coalesce(actual, -1) + n, t, d::json, m::json, clock_timestamp()
             FROM unnest(ids, p_types[first : first + size - 1], p_data[first : first + size - 1],
                         p_metadata[first : first + size - 1]) WITH ORDINALITY AS batch_rows (id, t, d, m, n);
           head := head + size;
           last_revision := coalesce(actual, -1) + size;
           last_position := head;
         END IF;
         RETURN NEXT;
         first := first + size;
       END LOOP;
       IF head > start_head THEN
         PERFORM pg_notify('${appendChannel(schema)}', head::text);
       END IF;
     END $$;`,
  ];
}
