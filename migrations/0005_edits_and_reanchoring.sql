-- When the words of an annotation or reply last changed (not its status or tags): what "edited"
-- on a card means. And re-anchoring: an orphan's author may attach it to a new passage.
ALTER TABLE annotations ADD COLUMN edited_at timestamptz;
ALTER TABLE replies ADD COLUMN edited_at timestamptz;
UPDATE annotations a SET edited_at = e.last
  FROM (SELECT annotation_id, max(created_at) AS last FROM annotation_events WHERE action = 'edited' AND reply_id IS NULL GROUP BY annotation_id) e
 WHERE e.annotation_id = a.id;
UPDATE replies r SET edited_at = e.last
  FROM (SELECT reply_id, max(created_at) AS last FROM annotation_events WHERE action = 'edited' AND reply_id IS NOT NULL GROUP BY reply_id) e
 WHERE e.reply_id = r.id;
ALTER TABLE annotation_events DROP CONSTRAINT annotation_events_action_check;
ALTER TABLE annotation_events ADD CONSTRAINT annotation_events_action_check
  CHECK (action IN ('created', 'edited', 'tagged', 'resolved', 'reopened', 'hidden', 'unhidden', 'deleted', 'reanchored'));
