/*
 * Drafting a notice's wording. The text follows the regulation's own
 * words for the consequence (第八条: 通报表扬 for the excellent; 约谈 and
 * 整改 for those who fail; 第六条第(四)项: 通报批评 by a government of its
 * departments and lower governments), numbers the leaders in the order
 * given, and signs with the organ in whose name the notice is issued.
 */
#include "oversight/notice-text.h"

#include <stdio.h>
#include <string.h>

#define BASIS "《贵州省贯彻落实〈党政主要负责人履行推进法治建设第一责任人职责规定〉" \
	"实施办法》"

static const struct {
	const char *name, *label, *basis;
} kinds[NOTICE_KINDS] = {
	[NOTICE_COMMENDATION] = { "commendation", "通报表扬", "第八条" },
	[NOTICE_CRITICISM] = { "criticism", "通报批评", "第六条第(四)项" },
	[NOTICE_INTERVIEW] = { "interview", "约谈整改通知", "第八条" },
};

static enum notice_kind
known(enum notice_kind k)
{
	return (unsigned)k < NOTICE_KINDS ? k : NOTICE_COMMENDATION;
}

const char *
notice_text_kind_name(enum notice_kind k)
{
	return kinds[known(k)].name;
}

const char *
notice_text_kind_label(enum notice_kind k)
{
	return kinds[known(k)].label;
}

const char *
notice_text_kind_basis(enum notice_kind k)
{
	return kinds[known(k)].basis;
}

int
notice_text_kind_parse(const char *name, enum notice_kind *k)
{
	if (name == NULL)
		return -1;
	for (int i = 0; i < NOTICE_KINDS; i++)
		if (strcmp(name, kinds[i].name) == 0) {
			*k = (enum notice_kind)i;
			return 0;
		}
	return -1;
}

/* Cuts a UTF-8 character that snprintf left half written at the end. */
static char *
whole(char *out, size_t n)
{
	size_t len = strnlen(out, n);
	size_t start = len;
	while (start > 0 && ((unsigned char)out[start - 1] & 0xC0) == 0x80)
		start--;
	if (start > 0 && ((unsigned char)out[start - 1] & 0x80) != 0) {
		unsigned char lead = (unsigned char)out[start - 1];
		size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
		if (len - (start - 1) < want)
			out[start - 1] = '\0';
	}
	return out;
}

char *
notice_text_office(const char *committee, const char *region_name,
    char *out, size_t n)
{
	static const char suffix[] = "委员会", drop[] = "员会";
	const char *name = region_name ? region_name : "";
	size_t len = strlen(name);
	/* The region name's last UTF-8 character: 省, 市, 州, 县, 区 ... */
	size_t last = len;
	while (last > 0 && ((unsigned char)name[last - 1] & 0xC0) == 0x80)
		last--;
	if (last > 0)
		last--;
	size_t cl = committee ? strlen(committee) : 0;
	if (n == 0)
		return out;
	if (cl > sizeof suffix - 1 && strcmp(committee + cl - (sizeof suffix -
	    1), suffix) == 0)
		snprintf(out, n, "%.*s全面依法治%s委员会办公室",
		    (int)(cl - (sizeof drop - 1)), committee, name + last);
	else if (len > 0)
		snprintf(out, n, "中共%s委全面依法治%s委员会办公室", name,
		    name + last);
	else
		snprintf(out, n, "全面依法治理委员会办公室");
	return whole(out, n);
}

int
notice_text_draft(enum notice_kind k, int year, const char *region_name,
    const char *issuer, const struct notice_entry *e, size_t n, date_t on,
    struct buf *title, struct buf *body)
{
	int y, m, d, bad = 0;
	const char *where = region_name ? region_name : "";
	date_to_ymd(on, &y, &m, &d);
	switch (known(k)) {
	case NOTICE_COMMENDATION:
		bad |= buf_printf(title, "关于通报表扬%d年度履行推进法治建设第一"
		    "责任人职责优秀的党政主要负责人的通报", year);
		bad |= buf_printf(body, "各有关单位:\n\n    根据" BASIS "第八条"
		    "“对考评优秀的党政主要负责人进行通报表扬”的规定,经%d年度履行"
		    "推进法治建设第一责任人职责考评,%s以下%zu名党政主要负责人考评"
		    "等次为优秀,现予通报表扬:\n\n", year, where, n);
		break;
	case NOTICE_INTERVIEW:
		bad |= buf_printf(title, "关于对%d年度履行推进法治建设第一责任人"
		    "职责考评不合格的党政主要负责人进行约谈并要求及时整改的通知",
		    year);
		bad |= buf_printf(body, "各有关单位:\n\n    根据" BASIS "第八条"
		    "“对考评不合格的党政主要负责人进行约谈,要求及时整改”的规定,经"
		    "%d年度履行推进法治建设第一责任人职责考评,%s以下%zu名党政主要"
		    "负责人考评等次为不合格,现决定对其进行约谈,并要求及时整改:\n\n",
		    year, where, n);
		break;
	default:
		bad |= buf_printf(title, "关于通报批评%d年度推进法治建设工作不力"
		    "的部门和下级政府主要负责人的通报", year);
		bad |= buf_printf(body, "各有关单位:\n\n    根据" BASIS "第六条"
		    "第(四)项“对工作不力、问题较多的部门或者下级政府,及时组织约谈、"
		    "责令整改、通报批评”的规定,经%d年度履行推进法治建设第一责任人"
		    "职责考评,%s以下%zu名部门和下级政府主要负责人考评等次为不合格,"
		    "工作不力、问题较多,现予通报批评:\n\n", year, where, n);
		break;
	}
	for (size_t i = 0; i < n; i++)
		bad |= buf_printf(body, "    %zu. %s %s(%s)\n", i + 1,
		    e[i].organ_name ? e[i].organ_name : "",
		    e[i].person_name ? e[i].person_name : "",
		    e[i].reason ? e[i].reason : "");
	switch (known(k)) {
	case NOTICE_COMMENDATION:
		bad |= buf_printf(body, "\n    希望受到通报表扬的同志珍惜荣誉、再接"
		    "再厉,继续当好法治建设的重要组织者、推动者和实践者。各地各部门"
		    "要以先进为榜样,切实履行推进法治建设第一责任人职责,推动法治"
		    "建设各项任务落到实处。\n");
		break;
	case NOTICE_INTERVIEW:
		bad |= buf_printf(body, "\n    约谈时间和地点另行通知。以上同志要"
		    "对照考评发现的问题制定整改措施、限期整改,按时报送整改报告和"
		    "佐证材料。\n");
		break;
	default:
		bad |= buf_printf(body, "\n    对以上同志,将按规定组织约谈、责令"
		    "整改。各部门和下级政府要引以为戒,切实履行推进法治建设第一责任"
		    "人职责。\n");
		break;
	}
	bad |= buf_printf(body, "\n%s\n%d年%d月%d日\n", issuer ? issuer : "",
	    y, m, d);
	return bad ? -1 : 0;
}
