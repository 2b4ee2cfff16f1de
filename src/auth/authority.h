/*
 * Authority at the root: whether a principal may make a write, decided
 * against the rows as stored, inside the writer's transaction.
 *
 * access.h answers questions about a row the caller already holds; this
 * module reads the rows itself, so that what was checked is what is
 * written: the API, the pages (through the API's operations) and the
 * importer (import_object's guard) all ask here before a record, a score
 * or a finding is written. The operator's own import (the CLI) asks
 * nothing: it acts on the database, not through an account.
 *
 * Every check answers with a fault (the HTTP status, the field, a title
 * in Chinese with the API's English gloss) that the caller turns into a
 * problem document or a form message. A fault never names a person: a
 * refused person is told by the field alone.
 */
#ifndef LVZHI_AUTHORITY_H
#define LVZHI_AUTHORITY_H

#include "auth/access.h"
#include "base/date.h"
#include "base/fault.h"
#include "rules/catalog.h"
#include "store/store.h"


/* A record about to be written. */
struct authority_record {
	const char *id;
	int create;         /* a create: no row may have the id, in any scope */
	const char *organ;  /* the organ the record will name */
	const char *person; /* the person it names, or NULL */
	date_t date;        /* its date */
	int about_year;     /* the year it reports on, or 0 */
	int finding;        /* of a finding kind (catalog `finding: yes`) */
	const struct catalog *catalog; /* tells whether the record as
	                                * stored is a finding (an edit) */
};

/*
 * Is p competent to determine a finding about the principal of organ o
 * (create, change, verify or reject it)? Only a `discipline` or `office`
 * account that is the organ's superior: its region lies strictly above
 * the organ's, or, for a `department`, is the organ's own or above.
 * Administering the system is not deciding about cadres: admin is not.
 */
int authority_can_determine(const struct principal *p,
    const struct store_organ_info *o);

/*
 * Is the basis a finding names one p may cite? basis "inspection" or
 * "case": ref an inspection or case that exists and that p sees (400
 * naming "basis_ref" otherwise); "report": any text. Returns 0, or -1
 * with *f (also 500).
 */
int authority_basis(struct store *s, const struct principal *p,
    const char *basis, const char *ref, struct fault *f);

/*
 * May p change the record with id as stored (an edit, a file attached)?
 * 404 where p cannot read it or it does not exist, 403 where p reads but
 * may not write it (a finding of c: is not competent to determine it).
 * Returns 0, or -1 with *f filled.
 */
int authority_stored_record(struct store *s, const struct catalog *c,
    const struct principal *p, const char *id, struct fault *f);

/*
 * Does the record with id as stored (id NULL: none), or one of organ (key;
 * 0: none) dated date, lie in a closed year (store-closure.h, the rule
 * the importer's writes use too)? 409 naming field when it does.
 * Returns 0, or -1 with *f filled (500 on a storage error).
 */
int authority_closed_record(struct store *s, const char *id, int64_t organ,
    date_t date, const char *field, struct fault *f);

/* The organ and the kind of the record with id as stored, into organ
 * and kind: 1, 0 (no such record) or -1. */
#define AUTHORITY_ID_MAX 130
int authority_record_organ(struct store *s, const char *id,
    char organ[AUTHORITY_ID_MAX], char kind[AUTHORITY_ID_MAX]);
/* May p review (verify or reject) the record with id as stored? 404 where
 * p cannot read it, 403 where p reads but does not review its organ (a
 * finding of c: is not competent to determine it). Returns 0, or -1 with
 * *f filled. */
int authority_review_record(struct store *s, const struct catalog *c,
    const struct principal *p, const char *id, struct fault *f);

/* Is p another account than the one that entered the record with id
 * over HTTP and the one that last edited it? A record's reviewer never
 * verifies (or rejects) what it wrote: 403. Read from the row as stored;
 * call inside the review's transaction, after authority_review_record.
 * Returns 0, or -1 with *f filled. */
int authority_review_own(struct store *s, const struct principal *p,
    const char *id, struct fault *f);

/*
 * May p write the record w? In the contract's order: 403 when the organ
 * named is outside p's writing scope (for a finding, as stored or as
 * written: when p is not competent to determine it), or, for an edit,
 * the record as
 * stored is (404 where p cannot even read it, as where it does not exist);
 * 403 when the person named does not hold a tenure at the organ on the
 * record's date (any time in about_year, where it has one); 409 when a
 * create's id exists. The caller has validated w (400s: an unknown organ
 * or person is the validation's). Call inside the write transaction.
 * Returns 0, or -1 with *f filled.
 */
int authority_record(struct store *s, const struct principal *p,
    const struct authority_record *w, struct fault *f);

/* Did person hold a post (any role) at organ on some day of [from, to]
 * (AUTHORITY_EVER, DATE_NONE: at any time)? 1, 0 or -1. */
#define AUTHORITY_EVER INT32_MIN
int authority_held(struct store *s, const char *person, const char *organ,
    date_t from, date_t to);
/*
 * Does person hold a tenure (any role) at organ at some day of [from, to]?
 * 1 yes; 0 no, or no such person (*f: 400 when the person does not exist,
 * 403 when it holds no such tenure, naming field); -1 on a storage error
 * (*f 500). A person with a tenure at an organ the caller may write is
 * one the caller may see: callers check the organ first.
 */
int authority_person(struct store *s, const char *person, const char *organ,
    date_t from, date_t to, const char *field, struct fault *f);

/*
 * May p score person for duty in year? A qualitative duty of catalog c
 * is scored only in a year that has begun and in which it was in force
 * (else 400 naming "year"); p must review the organ of a principal
 * tenure the person held that year (else 403 naming "person"), and the
 * duty must bind that post's role and coverage (else 400 naming "duty").
 * A duty c does not hold as qualitative is left to the importer's
 * validation. Returns 0, or -1 with *f (also 500).
 */
int authority_score(struct store *s, const struct catalog *c,
    const struct principal *p, const char *duty, const char *person,
    int year, struct fault *f);

/*
 * May p write the registry at organ o: add a person and a post there
 * (the bulk upload of people)? The accounts that review the organ's
 * records (access_can_review_organ): an office for its region and below,
 * the administrator anywhere; a clerk, a leader, an inspector or a
 * discipline account never. 403 naming field otherwise. Returns 0, or
 * -1 with *f filled.
 */
int authority_registry(const struct principal *p,
    const struct store_organ_info *o, const char *field, struct fault *f);

/* ---- notices and the orders of 第八条 ---- */

/*
 * The region whose party committee decides the 第八条 consequences for
 * the principal of an organ of kind ("party_committee", "government",
 * "department") in the region at path: the region above for a party
 * committee or a government (上级党委: a 区委书记's or 区长's is the 市委;
 * a township's the county's), the organ's own region for a department
 * (本级党委, 参照执行). Written to out (n bytes) as a path; returns 0, or
 * -1 when there is none in the system (a province's own principals,
 * whose superior is the central committee).
 */
int authority_superior_path(const char *organ_kind, const char *path,
    char *out, size_t n);

/*
 * The lowest region at or above both paths, into a (which holds one of
 * them on entry, n bytes): the issuer of a notice over several leaders.
 */
void authority_common_path(char *a, const char *b, size_t n);

/*
 * May the principal of an organ of organ_kind at path be listed on a
 * 通报批评 of the government of the region at over (第六条第(四)项: its
 * departments and the governments below it)? 1 or 0.
 */
int authority_criticism_lists(const char *over, const char *organ_kind,
    const char *path);

/*
 * May p decide in the name of the region at issuer (issue a notice
 * issued in its name, order its 约谈 and 整改)? An office, or the
 * administrator, whose scope holds that region. 1 or 0.
 */
int authority_may_issue(const struct principal *p, const char *issuer);

/*
 * May p issue, or give the orders of, the notice with id as stored? Read
 * inside the writer's transaction: 404 where p cannot read it (an office
 * not over the region it was drafted over), 403 where the notice is
 * issued in the name of a region above p's (a county's draft naming its
 * own 区委书记 waits for the 市). Returns 0, or -1 with *f filled.
 */
int authority_notice_issue(struct store *s, const struct principal *p,
    const char *id, struct fault *f);

/*
 * May p order the 第八条 约谈 or 整改 (source evaluation) of the
 * principal of organ o? Only in the name of the leader's superior region
 * (authority_superior_path): 403 naming field otherwise. Returns 0, or
 * -1 with *f filled.
 */
int authority_order(const struct principal *p,
    const struct store_organ_info *o, const char *field,
    struct fault *f);

/*
 * May p hand a finding about organ o, made by the inspection of the
 * region at inspection_path, to the office for 整改 (移交整改)? An
 * inspector whose scope holds the whole inspected region (who may record
 * and close it); the office and the administrator order 整改 themselves
 * (403). The office it goes to, as a region path into office (n bytes):
 * the one that would order it, of the organ's principal's superior
 * region (authority_superior_path; 第八条 上级党委, 第六条第(四)项 政府
 * for its departments). Interpretation (the measures are silent on who
 * receives an inspection's finding): for a province's own organs, which
 * have no superior in the system, the office of the organ's own region.
 * Returns 0, or -1 with *f filled.
 */
int authority_finding_refer(const struct principal *p,
    const char *inspection_path, const struct store_organ_info *o,
    char *office, size_t n, struct fault *f);

/* ---- reports: two people ---- */

/*
 * May p sign the report of organ for person (a 述法: the leader it is
 * about; NULL: an annual report, which speaks for the organ's principal)
 * about year? Only in person: a `leader` account linked to that person,
 * or for an annual report to a person holding the organ's principal post
 * in the year or since (the 区长 who signs in March the report of the
 * year before). Nobody signs for a leader: not the office, not a clerk,
 * not another leader (403). Read inside the step's transaction. Returns
 * 0, or -1 with *f (500 on a storage error).
 */
int authority_report_sign(struct store *s, const struct principal *p,
    const char *organ, const char *person, int year, struct fault *f);

/*
 * May p lock or publish a signed report of organ o? The office whose
 * scope holds the organ's region (依法治X办 of that region or above), the
 * second person after the leader's signature; not the administrator
 * (403). Returns 0, or -1 with *f.
 */
int authority_report_issue(const struct principal *p,
    const struct store_organ_info *o, struct fault *f);
/*
 * May p fix a draft's 发文字号 and 成文日期 (定稿编号) and upload its
 * final PDF? A writer of the organ's (who may edit the draft) or the
 * office whose scope holds its region; not the leader who signs it
 * (403). Returns 0, or -1 with *f.
 */
int authority_report_stamp(const struct principal *p,
    const struct store_organ_info *o, struct fault *f);
/* ---- accounts ---- */

/*
 * Who manages which accounts. The administrator every account, of every
 * role. An office (依法治X办) the accounts of the clerks, leaders and
 * inspectors placed in its region's subtree (an account's place: its
 * region, else its organ's region) — the subtree it writes and reviews
 * records in (access_can_write_organ), so that the office that checks a
 * region's work also says who enters it. Not an office's or an
 * administrator's account: offices are set up from above by the
 * administrator; nor a discipline officer's: 纪检监察 is not the office's
 * to staff. No other role manages accounts.
 */
#define AUTHORITY_ACCOUNT_ROLES_OFFICE \
	((1u << ACCT_CLERK) | (1u << ACCT_LEADER) | (1u << ACCT_INSPECTOR))
/* The roles p creates and manages, as a mask of 1u << role. */
unsigned authority_account_roles(const struct principal *p);

/* An account about to be created: name, role, and the region code, organ
 * id and person id it is placed by (NULL: none). */
struct authority_account {
	const char *name, *role, *region, *organ, *person;
};

/*
 * May p create the account w? 400 naming the field when the name is not
 * 1-64 of a-z A-Z 0-9 . _ -, the role unknown, a field the role needs
 * missing (office, inspector, discipline: region; clerk: organ; leader:
 * person, and organ when an office creates it) or one it does not take
 * given, or a region, organ or person unknown; 403 naming "role" for a
 * role p does not manage, "region" or "organ" outside p's subtree,
 * "person" for a leader who never held a post at the organ; 409 naming
 * "name" when an account has the name (a create never overwrites).
 * Call inside the write transaction. Returns 0, or -1 with *f.
 */
int authority_account_create(struct store *s, const struct principal *p,
    const struct authority_account *w, struct fault *f);

/* What is done to an existing account. */
enum authority_account_op {
	AUTHORITY_ACCOUNT_READ,     /* see it and its tokens */
	AUTHORITY_ACCOUNT_DISABLE,
	AUTHORITY_ACCOUNT_ENABLE,
	AUTHORITY_ACCOUNT_PASSWORD, /* a reset to a one-time password */
	AUTHORITY_ACCOUNT_TOKENS,   /* revoke its API tokens */
};

/*
 * May p do op to the account named name, as stored? 404 where p does not
 * manage it (or none has the name: an account outside p's reach is not
 * told to exist); 409 when p disables its own account, or the last
 * enabled administrator's (nobody locks the system out). Fills *a (may
 * be NULL) with the account's key, role and disabled state. Call inside
 * the write transaction. Returns 0, or -1 with *f.
 */
struct authority_account_row {
	int64_t key;
	enum role_kind role;
	int disabled;
};
int authority_account(struct store *s, const struct principal *p,
    const char *name, enum authority_account_op op,
    struct authority_account_row *a, struct fault *f);

#endif
