CREATE TABLE "case_reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"institution_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"requested_at" timestamp (3) with time zone NOT NULL,
	"reason" text NOT NULL,
	"recorded_by" uuid,
	"deciding_unit_id" uuid NOT NULL,
	"reviewing_unit_id" uuid NOT NULL,
	"reviewing_path" text NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"provisional" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"outcome" text,
	"decided_by" uuid,
	"decided_at" timestamp (3) with time zone,
	"note" text,
	"recorded_level" integer DEFAULT 0 NOT NULL,
	"next_level_at" timestamp (3) with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "review_window_ends_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "review_window_provisional" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "review_due_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD COLUMN "next_attempt_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD COLUMN "delivered_via" text;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD COLUMN "read_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "case_reviews" ADD CONSTRAINT "case_reviews_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_reviews" ADD CONSTRAINT "case_reviews_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_reviews" ADD CONSTRAINT "case_reviews_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_reviews" ADD CONSTRAINT "case_reviews_deciding_unit_id_org_units_id_fk" FOREIGN KEY ("deciding_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_reviews" ADD CONSTRAINT "case_reviews_reviewing_unit_id_org_units_id_fk" FOREIGN KEY ("reviewing_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_reviews" ADD CONSTRAINT "case_reviews_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_reviews_seq_uq" ON "case_reviews" USING btree ("case_id","seq");--> statement-breakpoint
CREATE INDEX "case_reviews_reviewing_idx" ON "case_reviews" USING btree ("institution_id","reviewing_path" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "case_reviews_next_level_idx" ON "case_reviews" USING btree ("next_level_at") WHERE "case_reviews"."next_level_at" is not null;--> statement-breakpoint
CREATE INDEX "cases_review_window_idx" ON "cases" USING btree ("institution_id","review_window_ends_at") WHERE "cases"."review_window_ends_at" is not null;--> statement-breakpoint
CREATE INDEX "cases_review_due_idx" ON "cases" USING btree ("institution_id","review_due_at") WHERE "cases"."review_due_at" is not null;