/*
 * Migration SQL that is the same text on both backends (schema-sqlite.c,
 * schema-pg.c) but for a column type, given as an argument: written once
 * so that the two cannot drift. Never edit what has shipped.
 */
#ifndef LVZHI_SCHEMA_INT_H
#define LVZHI_SCHEMA_INT_H

/* The end of migration 4: interviews linked to the finding, report or
 * notice they came from (KEY: the key type), and the indexes of the
 * links. */
#define SCHEMA_4_LINKS(KEY)                                               \
	"CREATE INDEX rectification_notice ON rectification(notice);"     \
	"CREATE INDEX rectification_finding ON rectification(finding);"   \
	"ALTER TABLE interview ADD COLUMN finding " KEY                   \
	"  REFERENCES finding(key);"                                      \
	"ALTER TABLE interview ADD COLUMN report " KEY                    \
	"  REFERENCES report(key);"                                       \
	"ALTER TABLE interview ADD COLUMN notice " KEY                    \
	"  REFERENCES notice(key);"                                       \
	"CREATE INDEX interview_organ ON interview(organ);"               \
	"CREATE INDEX interview_notice ON interview(notice);"             \
	"CREATE INDEX finding_organ ON finding(organ);"                   \
	"CREATE INDEX notice_region ON notice(region, year);"

#endif
