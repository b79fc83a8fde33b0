-- Every version of every document, as imported. `documents` keeps the current version (what the
-- reader shows and what annotations are anchored on); a corrected transcription replaces it there,
-- and this log keeps each earlier one, immutable, so that a citation of version 1 stays readable.
CREATE TABLE document_versions (
  document_id text NOT NULL REFERENCES documents (id),
  version     integer NOT NULL,
  source_hash text NOT NULL UNIQUE,
  title       text NOT NULL,
  dateline    text,
  citation    jsonb,
  body        jsonb NOT NULL,
  text        text NOT NULL,
  pages       integer[] NOT NULL DEFAULT '{}',
  footnotes   jsonb NOT NULL DEFAULT '[]',
  imported_at timestamptz NOT NULL,
  PRIMARY KEY (document_id, version)
);

-- Filled by the database, so that no import path can forget it.
CREATE FUNCTION keep_document_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO document_versions (document_id, version, source_hash, title, dateline, citation, body, text, pages, footnotes, imported_at)
  VALUES (NEW.id, NEW.version, NEW.source_hash, NEW.title, NEW.dateline, NEW.citation, NEW.body, NEW.text, NEW.pages, NEW.footnotes, NEW.imported_at);
  RETURN NEW;
END $$;

INSERT INTO document_versions (document_id, version, source_hash, title, dateline, citation, body, text, pages, footnotes, imported_at)
SELECT id, version, source_hash, title, dateline, citation, body, text, pages, footnotes, imported_at FROM documents;

CREATE TRIGGER documents_keep_version AFTER INSERT OR UPDATE OF version ON documents
  FOR EACH ROW EXECUTE FUNCTION keep_document_version();
