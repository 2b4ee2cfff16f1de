/*
 * Drafting a notice's wording. The text follows the regulation's own
 * words for the consequence (第八条: 通报表扬 for the excellent; 约谈 and
 * 整改 for those who fail) and numbers the leaders in the order given.
 */
#include "oversight/notice-text.h"

#include <stdio.h>
#include <string.h>

#define BASIS "《贵州省贯彻落实〈党政主要负责人履行推进法治建设第一责任人职责规定〉" \
	"实施办法》"

static const char *const kind_names[] = { "commendation", "criticism" };
static const char *const kind_labels[] = { "通报表扬", "通报批评" };

const char *
notice_text_kind_name(enum notice_kind k)
{
	return k == NOTICE_CRITICISM ? kind_names[1] : kind_names[0];
}

const char *
notice_text_kind_label(enum notice_kind k)
{
	return k == NOTICE_CRITICISM ? kind_labels[1] : kind_labels[0];
}

int
notice_text_kind_parse(const char *name, enum notice_kind *k)
{
	if (name == NULL)
		return -1;
	if (strcmp(name, kind_names[0]) == 0)
		*k = NOTICE_COMMENDATION;
	else if (strcmp(name, kind_names[1]) == 0)
		*k = NOTICE_CRITICISM;
	else
		return -1;
	return 0;
}

char *
notice_text_office(const char *region_name, char *out, size_t n)
{
	const char *name = region_name ? region_name : "";
	size_t len = strlen(name);
	/* The last UTF-8 character: 省, 市, 州, 县, 区 ... */
	size_t last = len;
	while (last > 0 && ((unsigned char)name[last - 1] & 0xC0) == 0x80)
		last--;
	if (last > 0)
		last--;
	if (len == 0) {
		snprintf(out, n, "全面依法治理委员会办公室");
		return out;
	}
	snprintf(out, n, "%s委全面依法治%s委员会办公室", name, name + last);
	return out;
}

int
notice_text_draft(enum notice_kind k, int year, const char *region_name,
    const struct notice_entry *e, size_t n, date_t on, struct buf *title,
    struct buf *body)
{
	char office[600];
	int y, m, d, bad = 0;
	date_to_ymd(on, &y, &m, &d);
	notice_text_office(region_name, office, sizeof office);
	if (k == NOTICE_COMMENDATION) {
		bad |= buf_printf(title, "关于通报表扬%d年度履行推进法治建设第一"
		    "责任人职责优秀的党政主要负责人的通报", year);
		bad |= buf_printf(body, "各有关单位:\n\n    根据" BASIS "第八条"
		    "“对考评优秀的党政主要负责人进行通报表扬”的规定,经%d年度履行"
		    "推进法治建设第一责任人职责考评,%s以下%zu名党政主要负责人考评"
		    "等次为优秀,现予通报表扬:\n\n", year,
		    region_name ? region_name : "", n);
	} else {
		bad |= buf_printf(title, "关于通报批评%d年度履行推进法治建设第一"
		    "责任人职责考评不合格的党政主要负责人的通报", year);
		bad |= buf_printf(body, "各有关单位:\n\n    根据" BASIS "第八条"
		    "“对考评不合格的党政主要负责人进行约谈,要求及时整改”的规定,经"
		    "%d年度履行推进法治建设第一责任人职责考评,%s以下%zu名党政主要"
		    "负责人考评等次为不合格,现予通报批评:\n\n", year,
		    region_name ? region_name : "", n);
	}
	for (size_t i = 0; i < n; i++)
		bad |= buf_printf(body, "    %zu. %s %s(%s)\n", i + 1,
		    e[i].organ_name ? e[i].organ_name : "",
		    e[i].person_name ? e[i].person_name : "",
		    e[i].reason ? e[i].reason : "");
	if (k == NOTICE_COMMENDATION)
		bad |= buf_printf(body, "\n    希望受到通报表扬的同志珍惜荣誉、再接"
		    "再厉,继续当好法治建设的重要组织者、推动者和实践者。各地各部门"
		    "要以先进为榜样,切实履行推进法治建设第一责任人职责,推动法治"
		    "建设各项任务落到实处。\n");
	else
		bad |= buf_printf(body, "\n    对以上同志,将按规定进行约谈,并责令"
		    "对照考评发现的问题制定整改措施、限期整改,按时报送整改报告。"
		    "各地各部门要引以为戒,切实履行推进法治建设第一责任人职责。\n");
	bad |= buf_printf(body, "\n%s\n%d年%d月%d日\n", office, y, m, d);
	return bad ? -1 : 0;
}
