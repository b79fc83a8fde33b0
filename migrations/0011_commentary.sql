-- The group's commentary on a document: a Y.Doc written by its members. Every update a room accepts
-- is appended here before it is broadcast; a room opens from its snapshot plus the updates after it.
CREATE TABLE yjs_updates (
  id          bigserial PRIMARY KEY,
  group_id    uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  document_id text NOT NULL REFERENCES documents (id),
  update      bytea NOT NULL,
  author_id   uuid NOT NULL REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX yjs_updates_room ON yjs_updates (group_id, document_id, id);

-- The merged state of a room's updates up to `up_to` (the id of the last one folded in); compaction
-- writes it and deletes those updates in one transaction.
CREATE TABLE commentary_snapshots (
  group_id    uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  document_id text NOT NULL REFERENCES documents (id),
  state       bytea NOT NULL,
  up_to       bigint NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, document_id)
);

-- Named versions ("after session 3"): the whole state as it stood, kept for reading, comparing and
-- restoring; never compacted away.
CREATE TABLE commentary_versions (
  id          uuid PRIMARY KEY,
  group_id    uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  document_id text NOT NULL REFERENCES documents (id),
  name        text NOT NULL,
  state       bytea NOT NULL,
  created_by  uuid NOT NULL REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX commentary_versions_room ON commentary_versions (group_id, document_id, created_at);
