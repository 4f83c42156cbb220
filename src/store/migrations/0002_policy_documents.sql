-- Uploaded policy documents (PolicyDocument in src/ingest/clause.ts). Clauses are not stored: they are re-split
-- from the text at start-up, so an improved splitter applies to old uploads too.
-- `added_at` is kept as the exact text the ingester wrote, so a document reads back byte for byte.
CREATE TABLE policy_documents (
  id         text        PRIMARY KEY,
  title      text        NOT NULL,
  origin     text        NOT NULL CHECK (origin IN ('builtin', 'upload')),
  file_name  text        NOT NULL,
  media_type text        NOT NULL,
  pages      integer     CHECK (pages >= 0),
  added_at   text        NOT NULL,
  text       text        NOT NULL,
  stored_at  timestamptz NOT NULL DEFAULT now()
);

-- One-off imports from the JSON files of earlier versions (DATA_DIR/documents/*.json): a row here means the
-- import ran, so a document deleted afterwards is not brought back by the next start.
CREATE TABLE legacy_imports (
  name        text        PRIMARY KEY,
  source      text        NOT NULL,
  items       integer     NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now()
);
