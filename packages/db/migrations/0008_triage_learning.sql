CREATE TABLE "case_band_keys" (
	"institution_id" uuid NOT NULL,
	"band_key" text NOT NULL,
	"case_id" uuid NOT NULL,
	CONSTRAINT "case_band_keys_institution_id_band_key_case_id_pk" PRIMARY KEY("institution_id","band_key","case_id")
);
--> statement-breakpoint
CREATE TABLE "case_signatures" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"institution_id" uuid NOT NULL,
	"customer_id" uuid,
	"signature" text NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "merge_suggestions" (
	"case_id" uuid NOT NULL,
	"other_case_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"same_customer" boolean NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "merge_suggestions_case_id_other_case_id_pk" PRIMARY KEY("case_id","other_case_id")
);
--> statement-breakpoint
CREATE TABLE "triage_corrections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"institution_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"field" text NOT NULL,
	"before" text,
	"after" text,
	"predicted" jsonb,
	"user_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "triage_models" (
	"id" uuid PRIMARY KEY NOT NULL,
	"institution_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"active" boolean DEFAULT false NOT NULL,
	"models" jsonb NOT NULL,
	"evaluation" jsonb NOT NULL,
	"trained_on" integer NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"activated_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "triage_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"institution_id" uuid NOT NULL,
	"field" text NOT NULL,
	"label" text NOT NULL,
	"keywords" text[] NOT NULL,
	"excludes" text[] DEFAULT '{}'::text[] NOT NULL,
	"weight" integer DEFAULT 1 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "triage_settings" (
	"institution_id" uuid PRIMARY KEY NOT NULL,
	"review_threshold" integer DEFAULT 60 NOT NULL,
	"retrain_delay_seconds" integer DEFAULT 300 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "triage_words" (
	"institution_id" uuid NOT NULL,
	"word" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "triage_words_institution_id_word_pk" PRIMARY KEY("institution_id","word")
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "classification" jsonb;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "triage_review" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "case_band_keys" ADD CONSTRAINT "case_band_keys_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_band_keys" ADD CONSTRAINT "case_band_keys_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_signatures" ADD CONSTRAINT "case_signatures_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_signatures" ADD CONSTRAINT "case_signatures_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_suggestions" ADD CONSTRAINT "merge_suggestions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_suggestions" ADD CONSTRAINT "merge_suggestions_other_case_id_cases_id_fk" FOREIGN KEY ("other_case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_suggestions" ADD CONSTRAINT "merge_suggestions_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_corrections" ADD CONSTRAINT "triage_corrections_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_corrections" ADD CONSTRAINT "triage_corrections_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_corrections" ADD CONSTRAINT "triage_corrections_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_models" ADD CONSTRAINT "triage_models_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_models" ADD CONSTRAINT "triage_models_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_rules" ADD CONSTRAINT "triage_rules_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_settings" ADD CONSTRAINT "triage_settings_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_words" ADD CONSTRAINT "triage_words_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_words" ADD CONSTRAINT "triage_words_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_band_keys_case_idx" ON "case_band_keys" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_signatures_institution_idx" ON "case_signatures" USING btree ("institution_id","received_at");--> statement-breakpoint
CREATE INDEX "merge_suggestions_other_idx" ON "merge_suggestions" USING btree ("other_case_id");--> statement-breakpoint
CREATE INDEX "triage_corrections_case_idx" ON "triage_corrections" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "triage_corrections_at_idx" ON "triage_corrections" USING btree ("institution_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "triage_models_version_uq" ON "triage_models" USING btree ("institution_id","version");--> statement-breakpoint
CREATE INDEX "triage_models_active_idx" ON "triage_models" USING btree ("institution_id","active");--> statement-breakpoint
CREATE UNIQUE INDEX "triage_rules_label_uq" ON "triage_rules" USING btree ("institution_id","field","label");--> statement-breakpoint
CREATE INDEX "cases_triage_review_idx" ON "cases" USING btree ("institution_id","status","triage_review");