CREATE TABLE "case_presence" (
	"case_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"is_writing" boolean DEFAULT false NOT NULL,
	"until" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "case_presence_case_id_user_id_pk" PRIMARY KEY("case_id","user_id")
);
--> statement-breakpoint
CREATE INDEX "case_presence_until_idx" ON "case_presence" USING btree ("until");