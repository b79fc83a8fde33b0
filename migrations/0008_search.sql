-- Full-text search over annotations and replies (docs/search.md). Each row carries its words in a
-- stored generated column, so every write path (commands, imports, re-anchoring) keeps it right
-- without knowing about search.
--
-- Ranked forms of every word: English stems (what complete words match: "conferences" finds
-- "conference") and the words as written, lower-cased (what a word still being typed is ranked by:
-- "conferen" is no prefix of the stem "confer", but of "conference"). Weights: tags A (the
-- annotators' own labels), what they wrote B, the quoted passage C (many annotations quote the same
-- passage, so its words say less about any one of them).
CREATE FUNCTION search_words(words text, weight "char") RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN setweight(to_tsvector('english'::regconfig, words) || to_tsvector('simple'::regconfig, words), weight);

-- Where a row may be read, as tokens in the same vector: its seminar ('§g<group>') or its owner's
-- private notes ('§p<user>'). A search adds the reader's tokens to its query, so that one GIN index
-- scan intersects "these words" with "in these seminars", however common the words are. '§' is never
-- part of a word, so typed words cannot match a token; tokens carry no position, so they never count
-- in a rank.
CREATE FUNCTION annotation_scope_token(group_id uuid, author_id uuid) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN CASE WHEN group_id IS NULL THEN '§p' || author_id ELSE '§g' || group_id END;

-- A prefix ("conf…") cannot use the intersection above: PostgreSQL gathers every row of every word
-- the prefix matches before intersecting (a third of a million rows for "conf"). So the written
-- words are there once more, behind a short form of the scope ('§g5459990§conference'), and the word
-- being typed is looked up under the reader's scopes only. Another seminar sharing the 8 characters
-- only adds candidates, which the scope check on the row removes.
CREATE FUNCTION scoped_words(scope_token text, words text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN array_to_tsvector(ARRAY(SELECT left(scope_token, 10) || '§' || w.lexeme FROM unnest(to_tsvector('simple'::regconfig, words)) AS w));

-- array_to_string is only stable in general (element types may print differently per session);
-- for text[] it is not, which is why this function may say immutable.
CREATE FUNCTION annotation_search_vector(selectors jsonb, tags text[], body text, group_id uuid, author_id uuid, document_id text,
                                         status text, created_at timestamptz) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN search_words(array_to_string(tags, ' '), 'A')
      || search_words(body, 'B')
      || search_words(coalesce(selectors -> 'quote' ->> 'exact', ''), 'C')
      || scoped_words(annotation_scope_token(group_id, author_id), concat_ws(' ', array_to_string(tags, ' '), body, selectors -> 'quote' ->> 'exact'))
      -- The filters as tokens too: author, document, status, month written (UTC, '§m202503'), and
      -- tags (documents and tags hashed: they may hold any character).
      || array_to_tsvector(ARRAY[annotation_scope_token(group_id, author_id), '§a' || author_id, '§d' || md5(document_id), '§s' || status,
                                 '§m' || (extract(year FROM created_at AT TIME ZONE 'UTC')::int * 100 + extract(month FROM created_at AT TIME ZONE 'UTC')::int)]
                           || ARRAY(SELECT '§t' || md5(tag) FROM unnest(tags) AS tag));

ALTER TABLE annotations ADD COLUMN search_vector tsvector
  GENERATED ALWAYS AS (annotation_search_vector(selectors, tags, body, group_id, author_id, document_id, status, created_at)) STORED;

-- A reply is found where its annotation is: the scope token is copied when the reply is written
-- (an annotation never changes seminar or owner), and the reply's vector carries it.
ALTER TABLE replies ADD COLUMN search_scope text;
UPDATE replies r SET search_scope = annotation_scope_token(a.group_id, a.author_id) FROM annotations a WHERE a.id = r.annotation_id;
ALTER TABLE replies ALTER COLUMN search_scope SET NOT NULL;

CREATE FUNCTION replies_set_search_scope() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  SELECT annotation_scope_token(a.group_id, a.author_id) INTO NEW.search_scope FROM annotations a WHERE a.id = NEW.annotation_id;
  RETURN NEW;
END
$$;
CREATE TRIGGER replies_search_scope BEFORE INSERT OR UPDATE OF annotation_id ON replies
  FOR EACH ROW EXECUTE FUNCTION replies_set_search_scope();

-- Generated columns are computed after BEFORE triggers, so the scope set above is in the vector.
ALTER TABLE replies ADD COLUMN search_vector tsvector
  GENERATED ALWAYS AS (search_words(body, 'B') || scoped_words(search_scope, body) || array_to_tsvector(ARRAY[search_scope])) STORED;

CREATE INDEX annotations_search ON annotations USING gin (search_vector);
CREATE INDEX replies_search ON replies USING gin (search_vector);
