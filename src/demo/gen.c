/*
 * gen.c: synthetic data at a nation's scale, for benchmarks and load.
 *
 * The shape follows the country: 31 provinces (national scale) or one,
 * about 11 prefectures each, about 9 counties per prefecture, about 12
 * townships per county; every region above township level has a party
 * committee, a government and 27 departments, every township a party
 * committee and a government. That makes some 3,200 regions at county
 * level and above, 38,000 townships and 170,000 bound leaders nationally,
 * with about 41 records a year each — 7 million records.
 *
 * Codes are plausible division codes (province 110000-650000 by twos,
 * prefectures and counties numbered under them, townships 9 digits). Names
 * are generated from syllables. One organ at a time is drawn and written
 * at once; nothing but counters is kept, so output streams at the speed of
 * formatting. Strings come from fixed tables without quotes or
 * backslashes, so lines are formatted directly rather than through a JSON
 * DOM; ids are ASCII.
 */
#include "demo/gen.h"

#include <errno.h>
#include <string.h>

#include "base/date.h"
#include "base/progress.h"
#include "demo/demo.h"

#define DEPARTMENTS 27

struct gen {
	FILE *out;
	uint64_t rng;
	int year;
	struct gen_stats *st;
	const struct demo_duty *duties;
	size_t nduties;
	long person_seq, tenure_seq, record_seq;
	struct progress pr;
};

/* Uniform in [0, n). */
static unsigned
pick(struct gen *g, unsigned n)
{
	return (unsigned)(demo_splitmix(&g->rng) % n);
}

/* True with probability pm per mille. */
static int
chance(struct gen *g, unsigned pm)
{
	return pick(g, 1000) < pm;
}

static const char *const syllables[] = { "安", "宁", "平", "和", "兴", "华",
	"昌", "盛", "江", "山", "河", "源", "清", "阳", "丰", "泰", "新", "东",
	"西", "南", "北", "中", "云", "龙", "凤", "金", "石", "林", "桥", "溪" };
static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨",
	"黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "罗",
	"高", "林", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧" };
static const char *const given[] = { "伟", "芳", "娜", "敏", "静", "丽",
	"强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀", "霞",
	"平", "刚", "桂", "华", "辉", "玲", "建", "国", "文", "红", "斌", "鹏" };
#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const departments[DEPARTMENTS] = { "justice", "police",
	"finance", "env", "market", "education", "health", "civil", "hr",
	"land", "housing", "transport", "water", "agri", "commerce", "culture",
	"emergency", "audit", "stats", "tax", "forest", "veterans", "medical",
	"petition", "ethnic", "sports", "gov-office" };
static const char *const department_names[DEPARTMENTS] = { "司法局", "公安局",
	"财政局", "生态环境局", "市场监督管理局", "教育局", "卫生健康局", "民政局",
	"人力资源和社会保障局", "自然资源局", "住房和城乡建设局", "交通运输局",
	"水务局", "农业农村局", "商务局", "文化旅游局", "应急管理局", "审计局",
	"统计局", "税务局", "林业局", "退役军人事务局", "医疗保障局", "信访局",
	"民族宗教事务局", "体育局", "政府办公室" };

static void
place_name(struct gen *g, char *out, size_t n)
{
	snprintf(out, n, "%s%s", syllables[pick(g, N(syllables))],
	    syllables[pick(g, N(syllables))]);
}

static void
date_text(int y, int doy, char out[11])
{
	date_format(date_from_ymd(y, 1, 1) + doy, out);
}

static void
region(struct gen *g, const char *code, const char *name, const char *level,
    const char *parent)
{
	if (parent)
		fprintf(g->out, "{\"type\":\"region\",\"code\":\"%s\",\"name\":\"%s\","
		    "\"level\":\"%s\",\"parent\":\"%s\"}\n", code, name, level,
		    parent);
	else
		fprintf(g->out, "{\"type\":\"region\",\"code\":\"%s\",\"name\":\"%s\","
		    "\"level\":\"%s\",\"parent\":null}\n", code, name, level);
	g->st->regions++;
}

/* A person and a tenure; returns the person's sequence number. */
static long
person(struct gen *g, const char *organ, const char *role, int start_y,
    int start_doy, int end_y, int end_doy)
{
	long p = ++g->person_seq;
	char start[11], end[11];
	fprintf(g->out, "{\"type\":\"person\",\"id\":\"g%ld\",\"name\":\"%s%s%s\"}\n",
	    p, surnames[pick(g, N(surnames))], given[pick(g, N(given))],
	    chance(g, 500) ? given[pick(g, N(given))] : "");
	date_text(start_y, start_doy, start);
	if (end_y > 0) {
		date_text(end_y, end_doy, end);
		fprintf(g->out, "{\"type\":\"tenure\",\"id\":\"t%ld\",\"person\":\"g%ld\","
		    "\"organ\":\"%s\",\"role\":\"%s\",\"start\":\"%s\",\"end\":\"%s\"}\n",
		    ++g->tenure_seq, p, organ, role, start, end);
	} else {
		fprintf(g->out, "{\"type\":\"tenure\",\"id\":\"t%ld\",\"person\":\"g%ld\","
		    "\"organ\":\"%s\",\"role\":\"%s\",\"start\":\"%s\",\"end\":null}\n",
		    ++g->tenure_seq, p, organ, role, start);
	}
	g->st->persons++;
	g->st->tenures++;
	return p;
}

static void
record(struct gen *g, const char *organ, const char *kind, int doy,
    const char *extra)
{
	char date[11];
	const char *status = chance(g, 20) ? "rejected" :
	    chance(g, 600) ? "verified" : "submitted";
	date_text(g->year, doy, date);
	fprintf(g->out, "{\"type\":\"record\",\"id\":\"x%ld\",\"kind\":\"%s\","
	    "\"organ\":\"%s\",\"date\":\"%s\",\"status\":\"%s\"%s%s}\n",
	    ++g->record_seq, kind, organ, date, status, extra ? "," : "",
	    extra ? extra : "");
	g->st->records++;
	progress_add(&g->pr, 1);
}

/* n records of a kind spread over the year (some organs fall short). */
static void
some(struct gen *g, const char *organ, const char *kind, int usual)
{
	int n = chance(g, 150) ? (int)pick(g, (unsigned)usual + 1) :
	    usual + (int)pick(g, 2);
	for (int i = 0; i < n; i++)
		record(g, organ, kind, (int)pick(g, 360), NULL);
}

/* About mean records of a kind the judged duties draw on (Poisson-ish). */
static void
routine(struct gen *g, const char *organ, const char *kind, int mean)
{
	int n = (int)pick(g, (unsigned)(2 * mean + 1));
	for (int i = 0; i < n; i++)
		record(g, organ, kind, (int)pick(g, 360), NULL);
}

static void
scores(struct gen *g, long person, unsigned role_bit)
{
	if (!chance(g, 500))
		return;
	for (size_t i = 0; i < g->nduties; i++) {
		if (!(g->duties[i].roles & role_bit))
			continue;
		fprintf(g->out, "{\"type\":\"score\",\"person\":\"g%ld\",\"year\":%d,"
		    "\"duty\":\"%s\",\"score\":%u,\"by\":\"依法治理办公室\"}\n", person,
		    g->year, g->duties[i].id, 55 + pick(g, 45));
		g->st->scores++;
	}
}

/*
 * One organ: its principal (sometimes two, handing over mid-year), a
 * deputy, and its year of records.
 */
static void
organ(struct gen *g, const char *id, const char *region_code,
    const char *kind, const char *name, const char *parent, int township)
{
	fprintf(g->out, "{\"type\":\"organ\",\"id\":\"%s\",\"region\":\"%s\","
	    "\"kind\":\"%s\",\"name\":\"%s\"%s%s%s}\n", id, region_code, kind, name,
	    parent ? ",\"parent_organ\":\"" : "", parent ? parent : "",
	    parent ? "\"" : "");
	g->st->organs++;
	int y = g->year;
	unsigned bit = kind[0] == 'p' ? DEMO_PARTY : kind[0] == 'g' ?
	    DEMO_GOVERNMENT : DEMO_DEPARTMENT;
	long p;
	if (chance(g, 80)) {
		int change = 30 + (int)pick(g, 300);
		p = person(g, id, "principal", y - 1 - (int)pick(g, 4),
		    (int)pick(g, 360), y, change - 1);
		scores(g, p, bit);
		p = person(g, id, "principal", y, change, 0, 0);
	} else {
		p = person(g, id, "principal", y - 1 - (int)pick(g, 5),
		    (int)pick(g, 360), 0, 0);
	}
	scores(g, p, bit);
	if (!township && chance(g, 300))
		person(g, id, "deputy", y - 2, (int)pick(g, 360), 0, 0);

	/* The everyday work of 第四条 to 第六条 makes most of the volume. */
	if (bit != DEMO_DEPARTMENT) {
		routine(g, id, "personal_deployment", township ? 2 : 4);
		routine(g, id, "personal_inquiry", township ? 2 : 4);
		routine(g, id, "personal_supervision", township ? 1 : 3);
		routine(g, id, "law_publicity", township ? 6 : 8);
		routine(g, id, "legality_review", township ? 2 : 6);
	} else {
		routine(g, id, "law_publicity", 14);
		routine(g, id, "enforcement_system", 12);
		routine(g, id, "normative_document_filing", 4);
		routine(g, id, "admin_reconsideration", 5);
		routine(g, id, "legal_adviser_work", 4);
		routine(g, id, "rol_exam", 3);
	}
	if (bit == DEMO_PARTY) {
		some(g, id, "rol_report_hearing", 2);
		some(g, id, "rol_in_annual_plan", 1);
		some(g, id, "rol_lecture", 2);
		some(g, id, "collective_law_study", 4);
		if (!chance(g, 100)) {
			char extra[64];
			snprintf(extra, sizeof extra, "\"about_year\":%d", y - 1);
			record(g, id, "rol_gov_report_hearing", 60 + (int)pick(g, 200),
			    extra);
		}
		if (chance(g, 2)) {
			char extra[64];
			snprintf(extra, sizeof extra, "\"person\":\"g%ld\"", p);
			record(g, id, "judicial_interference", (int)pick(g, 360), extra);
		}
	} else if (bit == DEMO_GOVERNMENT) {
		some(g, id, "rol_gov_annual_plan", 1);
		some(g, id, "rol_lecture", 2);
		some(g, id, "collective_law_study", 3);
		if (!chance(g, 120)) {
			char extra[256], pub[11];
			date_text(y, 60 + (int)pick(g, chance(g, 100) ? 60 : 28), pub);
			snprintf(extra, sizeof extra, "\"about_year\":%d,\"recipients\":"
			    "[\"party_committee\",\"npc_standing_committee\"%s],"
			    "\"published_on\":\"%s\"", y - 1, chance(g, 60) ? "" :
			    ",\"superior_government\"", pub);
			record(g, id, "rol_gov_annual_report", 40 + (int)pick(g, 40),
			    extra);
		}
		static const char *const steps[5] = { "public_participation",
			"expert_argumentation", "risk_assessment", "legality_review",
			"collective_discussion" };
		int decisions = township ? (int)pick(g, 2) : (int)pick(g, 6);
		for (int i = 0; i < decisions; i++) {
			/* A week between steps; now and then one is skipped or the
			 * legality review comes after the vote. */
			char extra[400], d[11];
			int base = (int)pick(g, 300), len = 0;
			int skip = chance(g, 60) ? (int)pick(g, 5) : -1;
			int late = chance(g, 30);
			len += snprintf(extra + len, sizeof extra - (size_t)len,
			    "\"steps\":{");
			for (int k = 0, first = 1; k < 5; k++) {
				if (k == skip)
					continue;
				int day = base + 7 * (late && k == 3 ? 5 : k);
				date_text(y, day, d);
				len += snprintf(extra + len, sizeof extra - (size_t)len,
				    "%s\"%s\":\"%s\"", first ? "" : ",", steps[k], d);
				first = 0;
			}
			snprintf(extra + len, sizeof extra - (size_t)len, "}");
			record(g, id, "major_decision", base + 40, extra);
		}
		for (int i = (int)pick(g, township ? 2 : 8); i > 0; i--) {
			char extra[64];
			snprintf(extra, sizeof extra, "\"case\":\"（%d）行初%u号\"", y,
			    pick(g, 900) + 1);
			record(g, id, "admin_lawsuit", (int)pick(g, 360), extra);
			if (chance(g, 700))
				record(g, id, "court_appearance", (int)pick(g, 360), extra);
		}
	} else {
		some(g, id, "collective_law_study", 2);
		if (chance(g, 300))
			record(g, id, "court_hearing_attendance", (int)pick(g, 360),
			    NULL);
	}
	/* The year-end report, filed early next year, names its leader. */
	if (!chance(g, 60)) {
		char extra[128];
		snprintf(extra, sizeof extra, "\"about_year\":%d,"
		    "\"includes_rule_of_law\":%s,\"person\":\"g%ld\"", y,
		    chance(g, 40) ? "false" : "true", p);
		record(g, id, "year_end_report", 360 + (int)pick(g, 5), extra);
	}
}

/* A region's party committee and government; the government's id into
 * gov (64 bytes). */
static void
leadership(struct gen *g, const char *code, const char *name, int township,
    char *gov)
{
	char id[64], on[256];
	snprintf(id, sizeof id, "%s-party", code);
	snprintf(on, sizeof on, "中共%s委员会", name);
	organ(g, id, code, "party_committee", on, NULL, township);
	snprintf(gov, 64, "%s-gov", code);
	snprintf(on, sizeof on, "%s人民政府", name);
	organ(g, gov, code, "government", on, NULL, township);
}

/* The organs of a region above township level. */
static void
organs(struct gen *g, const char *code, const char *name)
{
	char id[64], gov[64], on[256];
	leadership(g, code, name, 0, gov);
	for (int i = 0; i < DEPARTMENTS; i++) {
		snprintf(id, sizeof id, "%s-%s", code, departments[i]);
		snprintf(on, sizeof on, "%s%s", name, department_names[i]);
		organ(g, id, code, "department", on, gov, 0);
	}
}

static void
township(struct gen *g, const char *county, int i)
{
	char code[24], name[64], gov[64];
	snprintf(code, sizeof code, "%.6s%03d", county, (100 + i) % 1000);
	place_name(g, name, sizeof name);
	strcat(name, i % 3 ? "镇" : "街道");
	region(g, code, name, "township", county);
	leadership(g, code, name, 1, gov);
}

int
gen_write(FILE *out, enum gen_scale scale, int year, uint64_t seed,
    const struct demo_duty *qualitative, size_t n, struct gen_stats *stats)
{
	struct gen g = { .out = out, .rng = seed, .year = year, .st = stats,
		.duties = qualitative, .nduties = n };
	memset(stats, 0, sizeof *stats);
	progress_start(&g.pr, "生成台账记录", scale == GEN_NATIONAL ? 7000000L
	    : 230000L);
	int provinces = scale == GEN_NATIONAL ? 31 : 1;
	for (int pv = 0; pv < provinces && !ferror(out); pv++) {
		char pcode[16], pname[64];
		snprintf(pcode, sizeof pcode, "%02d0000", 11 + 2 * pv);
		place_name(&g, pname, sizeof pname);
		strcat(pname, "省");
		region(&g, pcode, pname, "province", NULL);
		organs(&g, pcode, pname);
		int prefectures = 10 + (int)pick(&g, 3);
		for (int pf = 1; pf <= prefectures && !ferror(out); pf++) {
			char fcode[16], fname[64];
			snprintf(fcode, sizeof fcode, "%.2s%02d00", pcode, pf);
			place_name(&g, fname, sizeof fname);
			strcat(fname, "市");
			region(&g, fcode, fname, "prefecture", pcode);
			organs(&g, fcode, fname);
			int counties = 8 + (int)pick(&g, 3);
			for (int c = 1; c <= counties; c++) {
				char ccode[16], cname[64];
				snprintf(ccode, sizeof ccode, "%.4s%02d", fcode, c);
				place_name(&g, cname, sizeof cname);
				strcat(cname, c % 4 ? "县" : "区");
				region(&g, ccode, cname, "county", fcode);
				organs(&g, ccode, cname);
				int towns = 10 + (int)pick(&g, 5);
				for (int t = 0; t < towns; t++)
					township(&g, ccode, t);
			}
		}
	}
	progress_end(&g.pr);
	if (fflush(out) || ferror(out)) {
		if (errno == 0)
			errno = EIO;
		return -1;
	}
	return 0;
}
