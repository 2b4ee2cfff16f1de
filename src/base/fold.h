/*
 * Text folded for search: what people type and what reports say, made
 * comparable. A report writes 行政执法“三项制度”, a visitor types
 * 行政执法三项制度 (or the reverse); one writes ＧＢ／Ｔ, another gb/t.
 * Folding deletes punctuation, quotation marks and white space (ASCII,
 * full-width, CJK, general punctuation), folds the full-width forms
 * (U+FF01..U+FF5E) to ASCII and ASCII letters to lower case; every
 * other character is kept as it is.
 *
 * The folding is one table, TEXT_FOLD_TABLE below, read by the C code
 * (text_fold, for the index and the query) and turned into SQL
 * (SCHEMA_REPORT_FOLD in store/schema-int.h: a migration's replace() per
 * entry that folds the text already stored, the same on SQLite and
 * PostgreSQL), so that the two can never disagree. Each entry is one character; what it folds to is
 * never itself in the table, so the order of the replacements does not
 * matter.
 */
#ifndef LVZHI_FOLD_H
#define LVZHI_FOLD_H

#include <stddef.h>
#include <stdint.h>

/*
 * Folds the UTF-8 text s[0..n) into out, which has room for n + 1 bytes
 * (the result is never longer; NUL-terminated). With map, which has room
 * for n entries, map[i] is the offset in s of the character that out[i]
 * came from, so that a hit found in the folded text is a range of the
 * original. A byte that is not part of well-formed UTF-8 is dropped
 * (so that folding twice changes nothing). Returns the length written.
 */
size_t text_fold(const char *s, size_t n, char *out, uint32_t *map);

/*
 * A snippet of text for a search's hit list: some text around the first
 * place that holds one of the folded terms (terms[0..nterms)), with every
 * hit inside it between the bytes 0x01 and 0x02 and "…" where text was
 * cut. A hit runs over whatever the folding deleted inside it (the
 * quotation marks in 行政执法“三项制度”), from its first character to its
 * last. Without a hit: the beginning of text. Allocated (free it); NULL
 * when out of memory.
 */
char *text_fold_snippet(const char *text, const char *const *terms,
    size_t nterms);
/* text whole with every hit marked so (at most 64, as in a snippet; a
 * title's). Allocated; NULL when out of memory. */
char *text_fold_marks(const char *text, const char *const *terms,
    size_t nterms);

/*
 * X(code point, its UTF-8, the same as the text of an SQL string
 * literal, what it folds to), in code point order: ASCII white space
 * and punctuation (deleted) and capitals; the no-break space, « · »;
 * U+2010..U+2027 (dashes, quotation marks, bullets, …), the line and
 * paragraph separators, ′ ″ and the two- and three-em dashes; the
 * ideographic space and CJK punctuation 、。〃〈〉《》「」『』【】〔〕〖〗
 * 〘〙〚〛〜〝〞〟〰・; the full-width forms (letters and digits to ASCII,
 * the rest deleted) and the half-width CJK punctuation ｟｠｡｢｣､･.
 */
#define TEXT_FOLD_TABLE(X) \
	X(0x0009, "\t", "\t", "") \
	X(0x000A, "\n", "\n", "") \
	X(0x000B, "\v", "\v", "") \
	X(0x000C, "\f", "\f", "") \
	X(0x000D, "\r", "\r", "") \
	X(0x0020, " ", " ", "") \
	X(0x0021, "!", "!", "") \
	X(0x0022, "\"", "\"", "") \
	X(0x0023, "#", "#", "") \
	X(0x0024, "$", "$", "") \
	X(0x0025, "%", "%", "") \
	X(0x0026, "&", "&", "") \
	X(0x0027, "'", "''", "") \
	X(0x0028, "(", "(", "") \
	X(0x0029, ")", ")", "") \
	X(0x002A, "*", "*", "") \
	X(0x002B, "+", "+", "") \
	X(0x002C, ",", ",", "") \
	X(0x002D, "-", "-", "") \
	X(0x002E, ".", ".", "") \
	X(0x002F, "/", "/", "") \
	X(0x003A, ":", ":", "") \
	X(0x003B, ";", ";", "") \
	X(0x003C, "<", "<", "") \
	X(0x003D, "=", "=", "") \
	X(0x003E, ">", ">", "") \
	X(0x003F, "?", "?", "") \
	X(0x0040, "@", "@", "") \
	X(0x0041, "A", "A", "a") \
	X(0x0042, "B", "B", "b") \
	X(0x0043, "C", "C", "c") \
	X(0x0044, "D", "D", "d") \
	X(0x0045, "E", "E", "e") \
	X(0x0046, "F", "F", "f") \
	X(0x0047, "G", "G", "g") \
	X(0x0048, "H", "H", "h") \
	X(0x0049, "I", "I", "i") \
	X(0x004A, "J", "J", "j") \
	X(0x004B, "K", "K", "k") \
	X(0x004C, "L", "L", "l") \
	X(0x004D, "M", "M", "m") \
	X(0x004E, "N", "N", "n") \
	X(0x004F, "O", "O", "o") \
	X(0x0050, "P", "P", "p") \
	X(0x0051, "Q", "Q", "q") \
	X(0x0052, "R", "R", "r") \
	X(0x0053, "S", "S", "s") \
	X(0x0054, "T", "T", "t") \
	X(0x0055, "U", "U", "u") \
	X(0x0056, "V", "V", "v") \
	X(0x0057, "W", "W", "w") \
	X(0x0058, "X", "X", "x") \
	X(0x0059, "Y", "Y", "y") \
	X(0x005A, "Z", "Z", "z") \
	X(0x005B, "[", "[", "") \
	X(0x005C, "\\", "\\", "") \
	X(0x005D, "]", "]", "") \
	X(0x005E, "^", "^", "") \
	X(0x005F, "_", "_", "") \
	X(0x0060, "`", "`", "") \
	X(0x007B, "{", "{", "") \
	X(0x007C, "|", "|", "") \
	X(0x007D, "}", "}", "") \
	X(0x007E, "~", "~", "") \
	X(0x00A0, " ", " ", "") \
	X(0x00AB, "«", "«", "") \
	X(0x00B7, "·", "·", "") \
	X(0x00BB, "»", "»", "") \
	X(0x2010, "‐", "‐", "") \
	X(0x2011, "‑", "‑", "") \
	X(0x2012, "‒", "‒", "") \
	X(0x2013, "–", "–", "") \
	X(0x2014, "—", "—", "") \
	X(0x2015, "―", "―", "") \
	X(0x2016, "‖", "‖", "") \
	X(0x2017, "‗", "‗", "") \
	X(0x2018, "‘", "‘", "") \
	X(0x2019, "’", "’", "") \
	X(0x201A, "‚", "‚", "") \
	X(0x201B, "‛", "‛", "") \
	X(0x201C, "“", "“", "") \
	X(0x201D, "”", "”", "") \
	X(0x201E, "„", "„", "") \
	X(0x201F, "‟", "‟", "") \
	X(0x2020, "†", "†", "") \
	X(0x2021, "‡", "‡", "") \
	X(0x2022, "•", "•", "") \
	X(0x2023, "‣", "‣", "") \
	X(0x2024, "․", "․", "") \
	X(0x2025, "‥", "‥", "") \
	X(0x2026, "…", "…", "") \
	X(0x2027, "‧", "‧", "") \
	X(0x2028, " ", " ", "") \
	X(0x2029, " ", " ", "") \
	X(0x2032, "′", "′", "") \
	X(0x2033, "″", "″", "") \
	X(0x2E3A, "⸺", "⸺", "") \
	X(0x2E3B, "⸻", "⸻", "") \
	X(0x3000, "　", "　", "") \
	X(0x3001, "、", "、", "") \
	X(0x3002, "。", "。", "") \
	X(0x3003, "〃", "〃", "") \
	X(0x3008, "〈", "〈", "") \
	X(0x3009, "〉", "〉", "") \
	X(0x300A, "《", "《", "") \
	X(0x300B, "》", "》", "") \
	X(0x300C, "「", "「", "") \
	X(0x300D, "」", "」", "") \
	X(0x300E, "『", "『", "") \
	X(0x300F, "』", "』", "") \
	X(0x3010, "【", "【", "") \
	X(0x3011, "】", "】", "") \
	X(0x3014, "〔", "〔", "") \
	X(0x3015, "〕", "〕", "") \
	X(0x3016, "〖", "〖", "") \
	X(0x3017, "〗", "〗", "") \
	X(0x3018, "〘", "〘", "") \
	X(0x3019, "〙", "〙", "") \
	X(0x301A, "〚", "〚", "") \
	X(0x301B, "〛", "〛", "") \
	X(0x301C, "〜", "〜", "") \
	X(0x301D, "〝", "〝", "") \
	X(0x301E, "〞", "〞", "") \
	X(0x301F, "〟", "〟", "") \
	X(0x3030, "〰", "〰", "") \
	X(0x30FB, "・", "・", "") \
	X(0xFF01, "！", "！", "") \
	X(0xFF02, "＂", "＂", "") \
	X(0xFF03, "＃", "＃", "") \
	X(0xFF04, "＄", "＄", "") \
	X(0xFF05, "％", "％", "") \
	X(0xFF06, "＆", "＆", "") \
	X(0xFF07, "＇", "＇", "") \
	X(0xFF08, "（", "（", "") \
	X(0xFF09, "）", "）", "") \
	X(0xFF0A, "＊", "＊", "") \
	X(0xFF0B, "＋", "＋", "") \
	X(0xFF0C, "，", "，", "") \
	X(0xFF0D, "－", "－", "") \
	X(0xFF0E, "．", "．", "") \
	X(0xFF0F, "／", "／", "") \
	X(0xFF10, "０", "０", "0") \
	X(0xFF11, "１", "１", "1") \
	X(0xFF12, "２", "２", "2") \
	X(0xFF13, "３", "３", "3") \
	X(0xFF14, "４", "４", "4") \
	X(0xFF15, "５", "５", "5") \
	X(0xFF16, "６", "６", "6") \
	X(0xFF17, "７", "７", "7") \
	X(0xFF18, "８", "８", "8") \
	X(0xFF19, "９", "９", "9") \
	X(0xFF1A, "：", "：", "") \
	X(0xFF1B, "；", "；", "") \
	X(0xFF1C, "＜", "＜", "") \
	X(0xFF1D, "＝", "＝", "") \
	X(0xFF1E, "＞", "＞", "") \
	X(0xFF1F, "？", "？", "") \
	X(0xFF20, "＠", "＠", "") \
	X(0xFF21, "Ａ", "Ａ", "a") \
	X(0xFF22, "Ｂ", "Ｂ", "b") \
	X(0xFF23, "Ｃ", "Ｃ", "c") \
	X(0xFF24, "Ｄ", "Ｄ", "d") \
	X(0xFF25, "Ｅ", "Ｅ", "e") \
	X(0xFF26, "Ｆ", "Ｆ", "f") \
	X(0xFF27, "Ｇ", "Ｇ", "g") \
	X(0xFF28, "Ｈ", "Ｈ", "h") \
	X(0xFF29, "Ｉ", "Ｉ", "i") \
	X(0xFF2A, "Ｊ", "Ｊ", "j") \
	X(0xFF2B, "Ｋ", "Ｋ", "k") \
	X(0xFF2C, "Ｌ", "Ｌ", "l") \
	X(0xFF2D, "Ｍ", "Ｍ", "m") \
	X(0xFF2E, "Ｎ", "Ｎ", "n") \
	X(0xFF2F, "Ｏ", "Ｏ", "o") \
	X(0xFF30, "Ｐ", "Ｐ", "p") \
	X(0xFF31, "Ｑ", "Ｑ", "q") \
	X(0xFF32, "Ｒ", "Ｒ", "r") \
	X(0xFF33, "Ｓ", "Ｓ", "s") \
	X(0xFF34, "Ｔ", "Ｔ", "t") \
	X(0xFF35, "Ｕ", "Ｕ", "u") \
	X(0xFF36, "Ｖ", "Ｖ", "v") \
	X(0xFF37, "Ｗ", "Ｗ", "w") \
	X(0xFF38, "Ｘ", "Ｘ", "x") \
	X(0xFF39, "Ｙ", "Ｙ", "y") \
	X(0xFF3A, "Ｚ", "Ｚ", "z") \
	X(0xFF3B, "［", "［", "") \
	X(0xFF3C, "＼", "＼", "") \
	X(0xFF3D, "］", "］", "") \
	X(0xFF3E, "＾", "＾", "") \
	X(0xFF3F, "＿", "＿", "") \
	X(0xFF40, "｀", "｀", "") \
	X(0xFF41, "ａ", "ａ", "a") \
	X(0xFF42, "ｂ", "ｂ", "b") \
	X(0xFF43, "ｃ", "ｃ", "c") \
	X(0xFF44, "ｄ", "ｄ", "d") \
	X(0xFF45, "ｅ", "ｅ", "e") \
	X(0xFF46, "ｆ", "ｆ", "f") \
	X(0xFF47, "ｇ", "ｇ", "g") \
	X(0xFF48, "ｈ", "ｈ", "h") \
	X(0xFF49, "ｉ", "ｉ", "i") \
	X(0xFF4A, "ｊ", "ｊ", "j") \
	X(0xFF4B, "ｋ", "ｋ", "k") \
	X(0xFF4C, "ｌ", "ｌ", "l") \
	X(0xFF4D, "ｍ", "ｍ", "m") \
	X(0xFF4E, "ｎ", "ｎ", "n") \
	X(0xFF4F, "ｏ", "ｏ", "o") \
	X(0xFF50, "ｐ", "ｐ", "p") \
	X(0xFF51, "ｑ", "ｑ", "q") \
	X(0xFF52, "ｒ", "ｒ", "r") \
	X(0xFF53, "ｓ", "ｓ", "s") \
	X(0xFF54, "ｔ", "ｔ", "t") \
	X(0xFF55, "ｕ", "ｕ", "u") \
	X(0xFF56, "ｖ", "ｖ", "v") \
	X(0xFF57, "ｗ", "ｗ", "w") \
	X(0xFF58, "ｘ", "ｘ", "x") \
	X(0xFF59, "ｙ", "ｙ", "y") \
	X(0xFF5A, "ｚ", "ｚ", "z") \
	X(0xFF5B, "｛", "｛", "") \
	X(0xFF5C, "｜", "｜", "") \
	X(0xFF5D, "｝", "｝", "") \
	X(0xFF5E, "～", "～", "") \
	X(0xFF5F, "｟", "｟", "") \
	X(0xFF60, "｠", "｠", "") \
	X(0xFF61, "｡", "｡", "") \
	X(0xFF62, "｢", "｢", "") \
	X(0xFF63, "｣", "｣", "") \
	X(0xFF64, "､", "､", "") \
	X(0xFF65, "･", "･", "")

#endif
