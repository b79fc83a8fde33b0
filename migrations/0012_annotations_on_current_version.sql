-- An annotation is written on the current version of its document. A create reads the text it checks
-- selectors against before it writes (commands/annotation-commands.ts); a new version imported in
-- between (commands/import-document-version.ts, which locks the document's row while it re-anchors)
-- would otherwise leave it on the old text, neither moved nor reported. The share lock makes a create
-- wait for an import in progress, and an import wait for a create in progress; a create that lost the
-- race fails with its own code, and the command path answers it as selectors that no longer match.
CREATE FUNCTION annotation_on_current_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM documents WHERE id = NEW.document_id AND version = NEW.document_version FOR SHARE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'version % of document % is no longer its current version', NEW.document_version, NEW.document_id
      USING ERRCODE = 'MV001';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER annotations_on_current_version BEFORE INSERT ON annotations
  FOR EACH ROW EXECUTE FUNCTION annotation_on_current_version();
