/*
 * Official documents (公文) as PDF, laid out by GB/T 9704-2012 《党政机关
 * 公文格式》: A4, 版心 156 × 225 mm at 37 mm from the top and 28 mm from
 * the left, 22 lines of 28 characters of 3号 (16 pt) type, the 版头 with
 * the red 发文机关标志 and rule, the 发文字号, the 标题 in 2号 (22 pt)
 * 小标宋, the 主送机关, the 正文 in 3号仿宋 with the heading levels
 * 一、(黑体) (一)(楷体) 1. (1) (仿宋), the 附件说明, the 署名 and
 * 成文日期 with room for the 印章, the 版记 (抄送, 印发机关和印发日期
 * between rules) at the foot of the last page, and the page numbers
 * "— 1 —" in 4号 (14 pt) 宋体 under the 版心, odd pages right, even pages
 * left, one character in.
 *
 * The grid is fixed by the geometry, not by the font: the line pitch is
 * 225 mm / 22 and the letter spacing makes 28 full-width characters fill
 * 156 mm, whatever font is found; each line of text sits on a line of
 * the grid. Fonts are chosen by family name per role (gongwen_set_font,
 * from the server's settings: offices have 方正小标宋简体, 仿宋_GB2312,
 * 黑体, 楷体_GB2312, 宋体); a family that is not installed falls back to
 * Noto Serif CJK SC / Noto Sans CJK SC (fonts-noto-cjk).
 *
 * Every text is normalised for print first (zh_normalise: full-width
 * punctuation, no spaces between Chinese and digits, Chinese dates).
 *
 * The font machinery (fontconfig, pango's font map) is process-wide and
 * not safe to share between threads, so rendering is serialised by one
 * lock and the font map is made once; gongwen_shutdown releases it
 * (registered with atexit on first use).
 */
#ifndef LVZHI_GONGWEN_H
#define LVZHI_GONGWEN_H

#include <stddef.h>

/* The largest PDF rendered, and the most pages. */
#define GW_PDF_MAX (32u << 20)
#define GW_PAGES_MAX 500

/* The geometry in points (1 mm = 72 / 25.4 pt). */
#define GW_MM (72.0 / 25.4)
#define GW_PAGE_W (210 * GW_MM)
#define GW_PAGE_H (297 * GW_MM)
#define GW_TOP (37 * GW_MM)
#define GW_LEFT (28 * GW_MM)
#define GW_TEXT_W (156 * GW_MM)
#define GW_TEXT_H (225 * GW_MM)
#define GW_LINES 22
#define GW_CHARS 28
#define GW_PITCH (GW_TEXT_H / GW_LINES)  /* one line of the grid */
#define GW_CHAR (GW_TEXT_W / GW_CHARS)   /* one character's advance */

/* The roles a font plays; their settings keys are gongwen_font_keys. */
enum gw_font {
	GW_XIAOBIAOSONG, /* 发文机关标志, 标题 */
	GW_FANGSONG,     /* 正文, 版记 */
	GW_HEITI,        /* 一、 */
	GW_KAITI,        /* (一) */
	GW_SONGTI,       /* 页码 */
	GW_NFONTS
};

/* "font_xiaobiaosong", "font_fangsong", "font_heiti", "font_kaiti",
 * "font_songti": the settings' keys, by role. */
extern const char *const gongwen_font_keys[GW_NFONTS];
/* The families offices install, the default of each role's setting. */
extern const char *const gongwen_font_defaults[GW_NFONTS];

/* Sets the family of a role (NULL or "": the fallback only). Returns 0,
 * or -1 when the name is too long. Safe while others render. */
int gongwen_set_font(enum gw_font role, const char *family);
/* The family of a role as the documents name it (report/docx.h): the
 * one set (its default until set), or, set to none, its fallback; into
 * out (size bytes; 128 hold any). */
void gongwen_font_name(enum gw_font role, char *out, size_t size);

/* A block of the 正文. */
enum gw_block_kind {
	GW_TEXT,    /* paragraphs separated by '\n'; each that starts with
	             * 一、 (一) 1. (1) is set as a heading of its level */
	GW_HEADING, /* one first-level heading (黑体), numbered or not */
};

struct gw_block {
	enum gw_block_kind kind;
	const char *text;
};

struct gw_doc {
	/* 版头: the 发文机关标志 (NULL: no 版头, the title at the top), the
	 * 发文字号 ("黔府发〔2026〕3号"; NULL for a draft: its line stays
	 * empty). */
	const char *organ_mark;
	const char *number;
	const char *title;
	const char *addressee;  /* 主送机关, without the colon; NULL: none */
	const struct gw_block *body;
	size_t nbody;
	const char *const *attachments; /* 附件说明: the names */
	size_t nattachments;
	const char *signer;     /* 署名; NULL: none */
	/* 成文日期 (year 0: none); numerals: 二〇二六年十二月六日, else
	 * 2026年12月6日 as GB/T 9704-2012 7.3.5.1 writes it. */
	int year, month, day;
	int numerals;
	int seal;               /* leave the 印章 room over 署名 and date */
	/* 版记 (printer NULL: none): 抄送 (NULL: none), 印发机关 and
	 * 印发日期. */
	const char *cc;
	const char *printer;
	int print_year, print_month, print_day;
	/* PDF metadata, or NULL. */
	const char *author;
	const char *created; /* "YYYY-MM-DDTHH:MM:SS" */
};

/*
 * Renders doc into a new buffer: *out (malloc'd, the caller frees it)
 * holding *len bytes. Strings must be UTF-8 (invalid bytes are shown as
 * replacement characters). Returns 0, or -1 with the reason in err (too
 * many pages, past GW_PDF_MAX, a cairo error).
 */
int gongwen_render(const struct gw_doc *doc, char **out, size_t *len,
    char *err, size_t errlen);

/* The level of the heading a paragraph starts with: 1 一、, 2 (一), 3 1.,
 * 4 (1); 0: none. */
int gongwen_level(const char *p);

/* Frees the font map. Call only when no rendering is running. */
void gongwen_shutdown(void);

#endif
