-- award_fold names the unaccent function and dictionary by their schema. It called them unqualified
-- and set no search_path, and pg_restore restores with an empty search_path: the name-search index
-- failed to build ("text search dictionary "unaccent" does not exist"), or was silently left out
-- without --exit-on-error. The body is the same function, so the index stays valid.
DO $$
DECLARE
    schema_name text := (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent');
BEGIN
    EXECUTE format($f$
        CREATE OR REPLACE FUNCTION award_fold(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $body$
            SELECT lower(%1$I.unaccent(%2$L::regdictionary, normalize($1, NFC)))
        $body$
        $f$, schema_name, quote_ident(schema_name) || '.unaccent');
END $$;
