-- Parks: one park-data file (docs/park-data.md) each, validated before it is stored.
-- `version` is the optimistic-concurrency counter: an update names the version it was based on, so two tabs
-- editing the same park cannot silently overwrite each other.
CREATE TABLE parks (
  id         text        PRIMARY KEY,
  name       text        NOT NULL,
  kind       text        NOT NULL,
  data       jsonb       NOT NULL,
  version    integer     NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX parks_updated_at ON parks (updated_at DESC);
