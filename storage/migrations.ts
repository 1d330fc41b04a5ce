/**
 * Numbered schema steps. Step i brings `PRAGMA user_version` from i to i + 1; steps are
 * append-only so an existing database file only ever runs the steps it has not seen.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE buckets (
    name        TEXT PRIMARY KEY,
    account_id  TEXT NOT NULL,
    region      TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    versioning  TEXT NOT NULL CHECK (versioning IN ('Unversioned', 'Enabled', 'Suspended')),
    object_lock INTEGER NOT NULL
  );

  CREATE TABLE bucket_configs (
    bucket TEXT NOT NULL REFERENCES buckets(name) ON DELETE CASCADE,
    kind   TEXT NOT NULL,
    json   TEXT NOT NULL,
    PRIMARY KEY (bucket, kind)
  ) WITHOUT ROWID;

  -- seq is AUTOINCREMENT so it never goes backwards: newest version = highest seq,
  -- even after rows are deleted (a replaced null version gets a fresh, higher seq).
  CREATE TABLE objects (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    bucket           TEXT NOT NULL REFERENCES buckets(name),
    key              TEXT NOT NULL,
    version_id       TEXT NOT NULL,
    is_latest        INTEGER NOT NULL,
    is_delete_marker INTEGER NOT NULL,
    blob_id          TEXT,
    size             INTEGER NOT NULL,
    etag             TEXT NOT NULL,
    last_modified    INTEGER NOT NULL,
    owner_id         TEXT NOT NULL,
    storage_class    TEXT NOT NULL,
    headers          TEXT,
    user_metadata    TEXT,
    tags             TEXT,
    checksums        TEXT,
    checksum_type    TEXT,
    parts            TEXT,
    encryption       TEXT,
    lock             TEXT,
    UNIQUE (bucket, key, version_id)
  );
  -- Version listing and "latest of a key": key ascending, newest first.
  CREATE INDEX objects_versions ON objects (bucket, key, seq DESC);
  -- ListObjects reads only current, non-marker versions; a partial index keeps that a pure range scan.
  CREATE INDEX objects_current ON objects (bucket, key) WHERE is_latest = 1 AND is_delete_marker = 0;

  CREATE TABLE uploads (
    seq                INTEGER PRIMARY KEY AUTOINCREMENT,
    upload_id          TEXT NOT NULL UNIQUE,
    bucket             TEXT NOT NULL REFERENCES buckets(name),
    key                TEXT NOT NULL,
    initiated          INTEGER NOT NULL,
    owner_id           TEXT NOT NULL,
    storage_class      TEXT NOT NULL,
    headers            TEXT,
    user_metadata      TEXT,
    tags               TEXT,
    checksum_algorithm TEXT,
    checksum_type      TEXT,
    encryption         TEXT,
    lock               TEXT
  );
  CREATE INDEX uploads_by_key ON uploads (bucket, key, initiated, seq);

  CREATE TABLE parts (
    upload_id     TEXT NOT NULL REFERENCES uploads(upload_id) ON DELETE CASCADE,
    part_number   INTEGER NOT NULL,
    blob_id       TEXT,
    size          INTEGER NOT NULL,
    etag          TEXT NOT NULL,
    last_modified INTEGER NOT NULL,
    checksums     TEXT,
    encryption    TEXT,
    PRIMARY KEY (upload_id, part_number)
  ) WITHOUT ROWID;
  `,
];
