-- A group's activity across all its documents, newest first: what its page shows on arrival.
CREATE INDEX annotation_events_group_activity ON annotation_events (group_id, id DESC) WHERE group_id IS NOT NULL;
