-- Velora.Ingestion schema, version 6: rows without a timestamp get a 128-bit identity.
-- Their key was the 64-bit XxHash64 of (type, user, item) in the low half and 0 in the high half, so two different
-- (user, item) pairs with the same 64-bit hash were one interaction and the second was skipped. Their key is now the
-- first 16 bytes of SHA-256 over the same values, each UTF-8 and prefixed by its byte length as a big-endian int4;
-- Writing/InteractionIdentity.cs computes the same, and a test holds the two to each other. The rows are re-keyed in
-- place: every row is kept, and a later import of the same row finds it. Rows with a timestamp keep their keys.
-- Run it with no worker of an earlier version running: such a worker would still write keys of the old form.
CREATE FUNCTION interaction_key_without_timestamp(identity_type text, user_id text, item_id text) RETURNS uuid
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
        SELECT encode(substring(sha256(
            int4send(octet_length(convert_to(identity_type, 'UTF8'))) || convert_to(identity_type, 'UTF8')
            || int4send(octet_length(convert_to(user_id, 'UTF8'))) || convert_to(user_id, 'UTF8')
            || int4send(octet_length(convert_to(item_id, 'UTF8'))) || convert_to(item_id, 'UTF8')) FROM 1 FOR 16), 'hex')::uuid
    $$;

-- A custom event's identity type is "custom:" and its name (Interactions/CustomEvent.cs); no custom row predates
-- this version, but the expression says what the key is made of.
UPDATE interactions
SET identity_key = interaction_key_without_timestamp(
        CASE WHEN interaction_type = 'custom' THEN 'custom:' || event_type ELSE interaction_type END, user_id, item_id)
WHERE occurred_at IS NULL;
