-- The id a Web Annotation Protocol client gave an annotation (or reply) it posted: the server mints
-- its own IRI and keeps the client's as the annotation's `via`, served back with it (docs/w3c.md).
ALTER TABLE annotations ADD COLUMN w3c_via text;
ALTER TABLE replies ADD COLUMN w3c_via text;
