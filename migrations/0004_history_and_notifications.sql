-- History by document and group: events carry their room, so a timeline is one index scan even with
-- hundreds of thousands of events. Notifications are stored so that they survive a restart.
ALTER TABLE annotation_events ADD COLUMN document_id text;
ALTER TABLE annotation_events ADD COLUMN group_id uuid;
UPDATE annotation_events e SET document_id = a.document_id, group_id = a.group_id FROM annotations a WHERE a.id = e.annotation_id;
ALTER TABLE annotation_events ALTER COLUMN document_id SET NOT NULL;
CREATE INDEX annotation_events_timeline ON annotation_events (group_id, document_id, id DESC);

CREATE TABLE notifications (
  id            bigserial PRIMARY KEY,
  user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind          text NOT NULL CHECK (kind IN ('reply', 'mention', 'hidden')),
  actor_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  group_id      uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  document_id   text NOT NULL REFERENCES documents (id),
  annotation_id uuid NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
  reply_id      uuid REFERENCES replies (id) ON DELETE CASCADE,
  excerpt       text NOT NULL DEFAULT '',
  created_at    timestamptz NOT NULL DEFAULT now(),
  read_at       timestamptz
);
CREATE INDEX notifications_inbox ON notifications (user_id, id DESC);
