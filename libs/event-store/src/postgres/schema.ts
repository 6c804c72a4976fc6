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
 * The migrations, in order (step 2 replaced step 1's one-append function by a group's).
 *
 * Global order without gaps. A sequence hands out numbers at insert, but transactions commit in
 * another order: a reader of `position > last` could read 8 before 7 commits, and never read 7.
 * Here the position is taken from the one-row `log_head`, locked (FOR UPDATE) for the rest of the
 * append's transaction: the next append waits until this one has committed and is visible, so
 * positions are handed out in commit order, contiguous, and a rolled-back append hands none out.
 * The lock is held only while the function runs and commits (one round trip, no client waits
 * inside it). The stream's revision is read after the lock, so it sees every earlier append.
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
     CREATE TABLE ${s}.log_head (
       one      boolean PRIMARY KEY DEFAULT true CHECK (one),
       position bigint  NOT NULL
     );
     INSERT INTO ${s}.log_head (position) VALUES (0);

     -- appends a batch if the stream is where the caller expects it: answers the revision and
     -- position of the batch's last event, or only the stream's actual revision (null: no
     -- stream) with a null position when the expectation fails, having written nothing
     CREATE FUNCTION ${s}.append_to_stream(
       p_stream text, p_expected text, p_ids uuid[], p_types text[], p_data text[], p_metadata text[],
       OUT actual integer, OUT last_revision integer, OUT last_position bigint
     ) LANGUAGE plpgsql VOLATILE AS $$
     DECLARE
       head bigint;
       batch integer := cardinality(p_ids);
     BEGIN
       SELECT h.position INTO head FROM ${s}.log_head h FOR UPDATE;
       -- a VOLATILE function's statements each see what committed before them: after the lock,
       -- every earlier append to this stream
       SELECT max(e.revision) INTO actual FROM ${s}.events e WHERE e.stream_id = p_stream;
       IF NOT (p_expected = 'any'
               OR (p_expected = 'no_stream' AND actual IS NULL)
               OR (p_expected = 'stream_exists' AND actual IS NOT NULL)
               OR (p_expected ~ '^[0-9]+$' AND actual IS NOT DISTINCT FROM p_expected::numeric)) THEN
         RETURN;
       END IF;
       INSERT INTO ${s}.events (position, event_id, stream_id, revision, type, data, metadata, created)
         SELECT head + n, id, p_stream, coalesce(actual, -1) + n, t, d::json, m::json, clock_timestamp()
         FROM unnest(p_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS batch_rows (id, t, d, m, n);
       UPDATE ${s}.log_head SET position = head + batch;
       last_revision := coalesce(actual, -1) + batch;
       last_position := head + batch;
       PERFORM pg_notify('${appendChannel(schema)}', last_position::text);
     END $$;`,

    // Group commit: the appends a process makes at once, in one call and one commit, each
    // standing or failing on its own. Ids already stored are looked for before inserting (no
    // append can insert between the look and the insert: they all wait on the head), so a
    // duplicate answers `duplicate` instead of failing the whole group.
    `DROP FUNCTION ${s}.append_to_stream(text, text, uuid[], text[], text[], text[]);
     CREATE FUNCTION ${s}.append_batch(
       p_streams text[], p_expected text[], p_sizes integer[],
       p_ids uuid[], p_types text[], p_data text[], p_metadata text[]
     ) RETURNS TABLE (actual integer, last_revision integer, last_position bigint, duplicate boolean)
     LANGUAGE plpgsql VOLATILE AS $$
     DECLARE
       head bigint;
       start_head bigint;
       first integer := 1;
       size integer;
       ids uuid[];
     BEGIN
       SELECT h.position INTO head FROM ${s}.log_head h FOR UPDATE;
       start_head := head;
       FOR i IN 1 .. cardinality(p_streams) LOOP
         size := p_sizes[i];
         ids := p_ids[first : first + size - 1];
         last_revision := NULL;
         last_position := NULL;
         duplicate := false;
         -- a VOLATILE function's statements each see what committed before them, and what this
         -- call inserted for the appends before this one
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
         UPDATE ${s}.log_head SET position = head;
         PERFORM pg_notify('${appendChannel(schema)}', head::text);
       END IF;
     END $$;`,
  ];
}
