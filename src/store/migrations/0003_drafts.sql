-- Drafts of a park's reports and every version of each: what was composed, uploaded, typed, rewritten or fixed.
-- Versions are append-only: accepting a rewrite adds a version, rejecting it adds nothing, and no version is ever
-- changed, so going back to any earlier text is always possible.
CREATE TABLE drafts (
  id         text        PRIMARY KEY,
  park_id    text        NOT NULL REFERENCES parks (id) ON DELETE CASCADE,
  kind       text        NOT NULL,
  title      text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX drafts_park_id ON drafts (park_id, updated_at DESC);

CREATE TABLE draft_versions (
  draft_id   text        NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
  number     integer     NOT NULL CHECK (number >= 1),
  text       text        NOT NULL,
  source     text        NOT NULL CHECK (source IN ('compose', 'llm', 'upload', 'edit', 'rewrite', 'fixes')),
  note       text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (draft_id, number)
);

-- The database itself refuses to change a version, whatever code runs against it. Deleting stays possible, but
-- only through deleting the whole draft (ON DELETE CASCADE).
CREATE FUNCTION draft_versions_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'draft versions are append-only' USING ERRCODE = 'check_violation';
END;
$$;

CREATE TRIGGER draft_versions_no_update
  BEFORE UPDATE ON draft_versions
  FOR EACH ROW EXECUTE FUNCTION draft_versions_append_only();
