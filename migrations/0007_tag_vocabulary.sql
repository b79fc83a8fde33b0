-- A seminar's tag vocabulary: the tags its members use, each with a colour and what it is for.
-- Names are unique in a group whatever their case, so "Helsinki" and "helsinki" are one tag; the
-- annotations carry the vocabulary's spelling. The owner may lock the vocabulary: then members only
-- choose from it.
ALTER TABLE groups ADD COLUMN tags_locked boolean NOT NULL DEFAULT false;

-- The colour a new tag gets until a moderator chooses one: picked from a fixed palette by the tag's
-- name, so that the same name gets the same colour everywhere. One definition serves the backfill
-- below and the tags members add as they annotate (server/repos/group-tags.ts).
CREATE FUNCTION marginalia_tag_colour(name text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT (ARRAY['#c0392b', '#d35400', '#b7950b', '#27ae60', '#16a085', '#2980b9', '#8e44ad', '#7f8c8d', '#a04000', '#1f618d'])
         [1 + mod(abs(hashtext(lower(name))), 10)]
$$;

CREATE TABLE group_tags (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  group_id    uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  name        text NOT NULL,
  colour      text CHECK (colour ~ '^#[0-9a-f]{6}$'),
  description text NOT NULL DEFAULT '',
  created_by  uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX group_tags_name ON group_tags (group_id, lower(name));

-- The tags already in use join their group's vocabulary, spelled as they were first written.
INSERT INTO group_tags (group_id, name, colour, created_by, created_at)
SELECT DISTINCT ON (a.group_id, lower(t.name)) a.group_id, t.name, marginalia_tag_colour(t.name), a.author_id, a.created_at
  FROM annotations a CROSS JOIN LATERAL unnest(a.tags) AS t(name)
 WHERE a.group_id IS NOT NULL AND a.deleted_at IS NULL
 ORDER BY a.group_id, lower(t.name), a.created_at, a.id;
