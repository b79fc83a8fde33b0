-- Full-text search over annotations and replies (docs/search.md). Each row carries its own words as a
-- stored generated column, so every write path (commands, imports, re-anchoring) keeps it right
-- without knowing about search.
--
-- Two forms of every word: English stems (what complete words are matched against: "conferences"
-- finds "conference") and the words as written, lower-cased (what the word still being typed is
-- matched against as a prefix: "conferen" is no prefix of the stem "confer", but of "conference").
-- Weights: tags A (the annotators' own labels), what they wrote B, the quoted passage C (many
-- annotations quote the same passage, so its words say less about any one of them).
CREATE FUNCTION search_words(words text, weight "char") RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN setweight(to_tsvector('english'::regconfig, words) || to_tsvector('simple'::regconfig, words), weight);

-- array_to_string is only stable in general (element types may print differently per session);
-- for text[] it is not, which is why this function may say immutable.
CREATE FUNCTION annotation_search_vector(selectors jsonb, tags text[], body text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN search_words(array_to_string(tags, ' '), 'A')
      || search_words(body, 'B')
      || search_words(coalesce(selectors -> 'quote' ->> 'exact', ''), 'C');

ALTER TABLE annotations ADD COLUMN search_vector tsvector
  GENERATED ALWAYS AS (annotation_search_vector(selectors, tags, body)) STORED;
ALTER TABLE replies ADD COLUMN search_vector tsvector
  GENERATED ALWAYS AS (search_words(body, 'B')) STORED;

CREATE INDEX annotations_search ON annotations USING gin (search_vector);
CREATE INDEX replies_search ON replies USING gin (search_vector);
