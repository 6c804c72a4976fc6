/**
 * The event log schema. `position` is the rowid: SQLite allocates it in commit order under
 * the single write lock, so a reader never sees a later position before an earlier one.
 * Migrations are keyed by `PRAGMA user_version`; never edit a shipped step, add one.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE events (
     position  INTEGER PRIMARY KEY,
     event_id  TEXT    NOT NULL,
     stream_id TEXT    NOT NULL,
     revision  INTEGER NOT NULL,
     type      TEXT    NOT NULL,
     data      TEXT    NOT NULL,
     metadata  TEXT,
     created   INTEGER NOT NULL
   ) STRICT;
   CREATE UNIQUE INDEX events_by_event_id ON events (event_id);
   CREATE UNIQUE INDEX events_by_stream_revision ON events (stream_id, revision);`,
];
