ALTER TABLE "cases" ADD COLUMN "sentiment_label" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "negative_intensity" integer;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "triaged_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "triage" jsonb;