-- Refresh-token rotation in one round trip (the hot path of POST /auth/token/refresh/).
-- Looks the token up with its session, user and organization, and, when everything is
-- live and the token unused, marks it used, issues its successor and slides the session,
-- all atomically. Returns the looked-up state either way, so the caller can tell reuse
-- from a lost race from an invalid token. plpgsql caches the statements' plans per
-- connection, which matters here: planning the 4-way join costs more than running it.
CREATE OR REPLACE FUNCTION commercecore_rotate_refresh(p_hash text, p_next_id uuid, p_next_hash text, p_expires_at timestamptz)
RETURNS TABLE (
  token_id uuid, session_id uuid, organization_id uuid, user_id uuid,
  rotated_at timestamptz, token_expires_at timestamptz,
  session_revoked_at timestamptz, session_expires_at timestamptz,
  owner_live boolean, rotated boolean
) LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  SELECT rt.id, rt.session_id, s.organization_id, s.user_id, rt.rotated_at, rt.expires_at AS token_expires_at,
         s.revoked_at, s.expires_at AS session_expires_at,
         (u.is_active AND u.deleted_at IS NULL AND o.deleted_at IS NULL) AS owner_live
    INTO r
    FROM refresh_tokens rt
    JOIN sessions s ON s.id = rt.session_id
    JOIN users u ON u.id = s.user_id
    JOIN organizations o ON o.id = s.organization_id
   WHERE rt.token_hash = p_hash;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  rotated := false;
  IF r.rotated_at IS NULL AND r.revoked_at IS NULL AND r.owner_live
     AND r.token_expires_at > now() AND r.session_expires_at > now() THEN
    -- The condition is re-checked under the row lock: of two concurrent rotations, one wins.
    UPDATE refresh_tokens SET rotated_at = now() WHERE id = r.id AND refresh_tokens.rotated_at IS NULL;
    IF FOUND THEN
      INSERT INTO refresh_tokens (id, session_id, token_hash, expires_at) VALUES (p_next_id, r.session_id, p_next_hash, p_expires_at);
      UPDATE sessions SET last_used_at = now(), expires_at = p_expires_at WHERE id = r.session_id;
      rotated := true;
    END IF;
  END IF;
  token_id := r.id; session_id := r.session_id; organization_id := r.organization_id; user_id := r.user_id;
  rotated_at := r.rotated_at; token_expires_at := r.token_expires_at;
  session_revoked_at := r.revoked_at; session_expires_at := r.session_expires_at; owner_live := r.owner_live;
  RETURN NEXT;
END
$$;
