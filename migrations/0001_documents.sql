-- Imported sources. A document is immutable: a corrected transcription will be a new version.
-- source_hash (sha256 of the source file and its metadata) makes importing the same file twice a no-op.
CREATE TABLE documents (
  id          text PRIMARY KEY,
  version     integer NOT NULL DEFAULT 1,
  source_hash text NOT NULL UNIQUE,
  title       text NOT NULL,
  dateline    text,
  citation    jsonb,
  body        jsonb NOT NULL,
  text        text NOT NULL,
  pages       integer[] NOT NULL DEFAULT '{}',
  footnotes   jsonb NOT NULL DEFAULT '[]',
  imported_at timestamptz NOT NULL DEFAULT now()
);
