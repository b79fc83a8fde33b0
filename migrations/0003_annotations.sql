-- Annotations, replies and their history. The server is their only writer: every change is a
-- command that writes the record and its events in one transaction.
CREATE TABLE annotations (
  id               uuid PRIMARY KEY,
  document_id      text NOT NULL REFERENCES documents (id),
  document_version integer NOT NULL,
  -- A seminar's layer (group_id set, visibility 'group') or the author's private notes (group_id null).
  group_id         uuid REFERENCES groups (id) ON DELETE CASCADE,
  visibility       text NOT NULL CHECK (visibility IN ('group', 'private')),
  author_id        uuid NOT NULL REFERENCES users (id),
  kind             text NOT NULL CHECK (kind IN ('comment', 'question', 'correction', 'highlight')),
  selectors        jsonb NOT NULL,
  body             text NOT NULL DEFAULT '',
  tags             text[] NOT NULL DEFAULT '{}',
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  is_hidden        boolean NOT NULL DEFAULT false,
  deleted_at       timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((visibility = 'group') = (group_id IS NOT NULL))
);
CREATE INDEX annotations_group_document ON annotations (group_id, document_id) WHERE group_id IS NOT NULL;
CREATE INDEX annotations_private_document ON annotations (author_id, document_id) WHERE group_id IS NULL;

CREATE TABLE replies (
  id            uuid PRIMARY KEY,
  annotation_id uuid NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
  parent_id     uuid REFERENCES replies (id) ON DELETE CASCADE,
  author_id     uuid NOT NULL REFERENCES users (id),
  body          text NOT NULL,
  is_hidden     boolean NOT NULL DEFAULT false,
  deleted_at    timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX replies_annotation ON replies (annotation_id);

-- Append-only: the history. One row per change; `before`/`after` hold the changed fields.
CREATE TABLE annotation_events (
  id            bigserial PRIMARY KEY,
  annotation_id uuid NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
  reply_id      uuid REFERENCES replies (id) ON DELETE CASCADE,
  actor_id      uuid NOT NULL REFERENCES users (id),
  action        text NOT NULL CHECK (action IN ('created', 'edited', 'tagged', 'resolved', 'reopened', 'hidden', 'unhidden', 'deleted')),
  before        jsonb,
  after         jsonb,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX annotation_events_annotation ON annotation_events (annotation_id, id);

-- Commands already applied, by their client-made id: a retried command answers what it answered.
CREATE TABLE applied_commands (
  command_id uuid PRIMARY KEY,
  actor_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  result     jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
