#include "store/details/schema.hpp"

namespace cohort::store::details {

// Kinds and outbox states are stored as words, not numbers, so the file reads well in
// the sqlite3 shell; `data` is the binary payload of value/binary.hpp; the partial unique index makes dedupe of external events survive
// restarts without taxing internal events, which are never deduplicated.
const std::string_view kCreateSchemaV1 = R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE events (
  seq        INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('external', 'emitted', 'timer', 'call_result')),
  source     TEXT NOT NULL,
  id         TEXT NOT NULL,
  type       TEXT NOT NULL,
  subject    TEXT NOT NULL,
  time_ms    INTEGER,
  data       BLOB NOT NULL
);
CREATE UNIQUE INDEX events_external_id ON events (source, id) WHERE kind = 'external';

CREATE TABLE call_results (
  idempotency_key TEXT PRIMARY KEY,
  operation       TEXT NOT NULL,
  status          TEXT NOT NULL,
  result_json     TEXT NOT NULL,
  message         TEXT NOT NULL,
  recorded_at     INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE snapshots (
  seq        INTEGER PRIMARY KEY,
  created_at INTEGER NOT NULL,
  blob       BLOB NOT NULL
);

CREATE TABLE outbox (
  pos        INTEGER PRIMARY KEY,
  key        TEXT NOT NULL UNIQUE,
  operation  TEXT NOT NULL,
  args_json  TEXT NOT NULL,
  state      TEXT NOT NULL CHECK (state IN ('pending', 'done')),
  attempts   INTEGER NOT NULL,
  last_error TEXT NOT NULL
);
CREATE INDEX outbox_pending ON outbox (pos) WHERE state = 'pending';
)sql";

// `after_seq` is not a foreign key: a change may come before the first event (0).
const std::string_view kUpgradeToV2 = R"sql(
CREATE TABLE IF NOT EXISTS definitions (
  hash   TEXT PRIMARY KEY,
  id     TEXT NOT NULL,
  file   TEXT NOT NULL,
  source TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS admin (
  pos       INTEGER PRIMARY KEY,
  after_seq INTEGER NOT NULL,
  kind      TEXT NOT NULL,
  payload   TEXT NOT NULL,
  made_by   TEXT NOT NULL,
  made_at   INTEGER NOT NULL
);
)sql";

}  // namespace cohort::store::details
