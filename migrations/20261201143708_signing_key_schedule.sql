-- Scheduled key rotation: a new key is published before it signs (activates_at), the
-- previous one signs until then (retired_at may lie in the future), and a compromise
-- rotation withdraws keys from the JWKS at once (revoked_at). Existing keys signed from
-- their creation.
ALTER TABLE "signing_keys" ADD COLUMN "activates_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
UPDATE "signing_keys" SET "activates_at" = "created_at";--> statement-breakpoint
ALTER TABLE "signing_keys" ADD COLUMN "revoked_at" timestamp with time zone;
