CREATE TABLE "case_clock_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"institution_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"clock" text NOT NULL,
	"run" integer NOT NULL,
	"level" text NOT NULL,
	"due_at" timestamp (3) with time zone,
	"escalation" jsonb NOT NULL,
	"recorded_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_clocks" (
	"case_id" uuid NOT NULL,
	"clock" text NOT NULL,
	"institution_id" uuid NOT NULL,
	"run" integer DEFAULT 1 NOT NULL,
	"rule" text,
	"target" jsonb,
	"events" jsonb NOT NULL,
	"status" text NOT NULL,
	"level" integer DEFAULT 0 NOT NULL,
	"recorded_level" integer DEFAULT 0 NOT NULL,
	"due_at" timestamp (3) with time zone,
	"next_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_clocks_case_id_clock_pk" PRIMARY KEY("case_id","clock")
);
--> statement-breakpoint
CREATE TABLE "notification_outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"institution_id" uuid NOT NULL,
	"recipient_type" text NOT NULL,
	"recipient_id" uuid NOT NULL,
	"template_key" text NOT NULL,
	"locale" text NOT NULL,
	"payload" jsonb NOT NULL,
	"case_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"institution_id" uuid NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"rules" jsonb NOT NULL,
	"warning_fractions" jsonb NOT NULL,
	"escalation" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "sla_status" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "sla_due_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "next_clock_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "case_clock_events" ADD CONSTRAINT "case_clock_events_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_clock_events" ADD CONSTRAINT "case_clock_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_clocks" ADD CONSTRAINT "case_clocks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_clocks" ADD CONSTRAINT "case_clocks_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_clock_events_uq" ON "case_clock_events" USING btree ("case_id","clock","run","level");--> statement-breakpoint
CREATE INDEX "case_clock_events_institution_idx" ON "case_clock_events" USING btree ("institution_id","recorded_at");--> statement-breakpoint
CREATE INDEX "notification_outbox_pending_idx" ON "notification_outbox" USING btree ("created_at") WHERE "notification_outbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "notification_outbox_recipient_idx" ON "notification_outbox" USING btree ("institution_id","recipient_type","recipient_id","created_at");--> statement-breakpoint
CREATE INDEX "notification_outbox_case_idx" ON "notification_outbox" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sla_policies_code_uq" ON "sla_policies" USING btree ("institution_id","code");--> statement-breakpoint
CREATE INDEX "cases_sla_due_idx" ON "cases" USING btree ("institution_id","sla_due_at");--> statement-breakpoint
CREATE INDEX "cases_next_clock_idx" ON "cases" USING btree ("next_clock_at") WHERE "cases"."next_clock_at" is not null;