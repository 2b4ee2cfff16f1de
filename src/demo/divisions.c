/*
 * divisions.c: Guizhou's divisions as published for statistics (state of
 * 2022-10-31, shared/data/guizhou-divisions.csv), copied into a constant
 * table so the binary is self-contained. Townships are not listed there; the
 * demo invents them from the stems below, which are ordinary Guizhou place
 * name elements rather than names of particular places.
 */
#include <stddef.h>

#include "divisions.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

const struct division divisions_table[] = {
	{ "520000", "贵州省", DIVISIONS_PROVINCE, NULL },
	{ "520100", "贵阳市", DIVISIONS_PREFECTURE, "520000" },
	{ "520102", "南明区", DIVISIONS_COUNTY, "520100" },
	{ "520103", "云岩区", DIVISIONS_COUNTY, "520100" },
	{ "520111", "花溪区", DIVISIONS_COUNTY, "520100" },
	{ "520112", "乌当区", DIVISIONS_COUNTY, "520100" },
	{ "520113", "白云区", DIVISIONS_COUNTY, "520100" },
	{ "520115", "观山湖区", DIVISIONS_COUNTY, "520100" },
	{ "520121", "开阳县", DIVISIONS_COUNTY, "520100" },
	{ "520122", "息烽县", DIVISIONS_COUNTY, "520100" },
	{ "520123", "修文县", DIVISIONS_COUNTY, "520100" },
	{ "520181", "清镇市", DIVISIONS_COUNTY, "520100" },
	{ "520200", "六盘水市", DIVISIONS_PREFECTURE, "520000" },
	{ "520201", "钟山区", DIVISIONS_COUNTY, "520200" },
	{ "520203", "六枝特区", DIVISIONS_COUNTY, "520200" },
	{ "520204", "水城区", DIVISIONS_COUNTY, "520200" },
	{ "520281", "盘州市", DIVISIONS_COUNTY, "520200" },
	{ "520300", "遵义市", DIVISIONS_PREFECTURE, "520000" },
	{ "520302", "红花岗区", DIVISIONS_COUNTY, "520300" },
	{ "520303", "汇川区", DIVISIONS_COUNTY, "520300" },
	{ "520304", "播州区", DIVISIONS_COUNTY, "520300" },
	{ "520322", "桐梓县", DIVISIONS_COUNTY, "520300" },
	{ "520323", "绥阳县", DIVISIONS_COUNTY, "520300" },
	{ "520324", "正安县", DIVISIONS_COUNTY, "520300" },
	{ "520325", "道真仡佬族苗族自治县", DIVISIONS_COUNTY, "520300" },
	{ "520326", "务川仡佬族苗族自治县", DIVISIONS_COUNTY, "520300" },
	{ "520327", "凤冈县", DIVISIONS_COUNTY, "520300" },
	{ "520328", "湄潭县", DIVISIONS_COUNTY, "520300" },
	{ "520329", "余庆县", DIVISIONS_COUNTY, "520300" },
	{ "520330", "习水县", DIVISIONS_COUNTY, "520300" },
	{ "520381", "赤水市", DIVISIONS_COUNTY, "520300" },
	{ "520382", "仁怀市", DIVISIONS_COUNTY, "520300" },
	{ "520400", "安顺市", DIVISIONS_PREFECTURE, "520000" },
	{ "520402", "西秀区", DIVISIONS_COUNTY, "520400" },
	{ "520403", "平坝区", DIVISIONS_COUNTY, "520400" },
	{ "520422", "普定县", DIVISIONS_COUNTY, "520400" },
	{ "520423", "镇宁布依族苗族自治县", DIVISIONS_COUNTY, "520400" },
	{ "520424", "关岭布依族苗族自治县", DIVISIONS_COUNTY, "520400" },
	{ "520425", "紫云苗族布依族自治县", DIVISIONS_COUNTY, "520400" },
	{ "520500", "毕节市", DIVISIONS_PREFECTURE, "520000" },
	{ "520502", "七星关区", DIVISIONS_COUNTY, "520500" },
	{ "520521", "大方县", DIVISIONS_COUNTY, "520500" },
	{ "520523", "金沙县", DIVISIONS_COUNTY, "520500" },
	{ "520524", "织金县", DIVISIONS_COUNTY, "520500" },
	{ "520525", "纳雍县", DIVISIONS_COUNTY, "520500" },
	{ "520526", "威宁彝族回族苗族自治县", DIVISIONS_COUNTY, "520500" },
	{ "520527", "赫章县", DIVISIONS_COUNTY, "520500" },
	{ "520581", "黔西市", DIVISIONS_COUNTY, "520500" },
	{ "520600", "铜仁市", DIVISIONS_PREFECTURE, "520000" },
	{ "520602", "碧江区", DIVISIONS_COUNTY, "520600" },
	{ "520603", "万山区", DIVISIONS_COUNTY, "520600" },
	{ "520621", "江口县", DIVISIONS_COUNTY, "520600" },
	{ "520622", "玉屏侗族自治县", DIVISIONS_COUNTY, "520600" },
	{ "520623", "石阡县", DIVISIONS_COUNTY, "520600" },
	{ "520624", "思南县", DIVISIONS_COUNTY, "520600" },
	{ "520625", "印江土家族苗族自治县", DIVISIONS_COUNTY, "520600" },
	{ "520626", "德江县", DIVISIONS_COUNTY, "520600" },
	{ "520627", "沿河土家族自治县", DIVISIONS_COUNTY, "520600" },
	{ "520628", "松桃苗族自治县", DIVISIONS_COUNTY, "520600" },
	{ "522300", "黔西南布依族苗族自治州", DIVISIONS_PREFECTURE, "520000" },
	{ "522301", "兴义市", DIVISIONS_COUNTY, "522300" },
	{ "522302", "兴仁市", DIVISIONS_COUNTY, "522300" },
	{ "522323", "普安县", DIVISIONS_COUNTY, "522300" },
	{ "522324", "晴隆县", DIVISIONS_COUNTY, "522300" },
	{ "522325", "贞丰县", DIVISIONS_COUNTY, "522300" },
	{ "522326", "望谟县", DIVISIONS_COUNTY, "522300" },
	{ "522327", "册亨县", DIVISIONS_COUNTY, "522300" },
	{ "522328", "安龙县", DIVISIONS_COUNTY, "522300" },
	{ "522600", "黔东南苗族侗族自治州", DIVISIONS_PREFECTURE, "520000" },
	{ "522601", "凯里市", DIVISIONS_COUNTY, "522600" },
	{ "522622", "黄平县", DIVISIONS_COUNTY, "522600" },
	{ "522623", "施秉县", DIVISIONS_COUNTY, "522600" },
	{ "522624", "三穗县", DIVISIONS_COUNTY, "522600" },
	{ "522625", "镇远县", DIVISIONS_COUNTY, "522600" },
	{ "522626", "岑巩县", DIVISIONS_COUNTY, "522600" },
	{ "522627", "天柱县", DIVISIONS_COUNTY, "522600" },
	{ "522628", "锦屏县", DIVISIONS_COUNTY, "522600" },
	{ "522629", "剑河县", DIVISIONS_COUNTY, "522600" },
	{ "522630", "台江县", DIVISIONS_COUNTY, "522600" },
	{ "522631", "黎平县", DIVISIONS_COUNTY, "522600" },
	{ "522632", "榕江县", DIVISIONS_COUNTY, "522600" },
	{ "522633", "从江县", DIVISIONS_COUNTY, "522600" },
	{ "522634", "雷山县", DIVISIONS_COUNTY, "522600" },
	{ "522635", "麻江县", DIVISIONS_COUNTY, "522600" },
	{ "522636", "丹寨县", DIVISIONS_COUNTY, "522600" },
	{ "522700", "黔南布依族苗族自治州", DIVISIONS_PREFECTURE, "520000" },
	{ "522701", "都匀市", DIVISIONS_COUNTY, "522700" },
	{ "522702", "福泉市", DIVISIONS_COUNTY, "522700" },
	{ "522722", "荔波县", DIVISIONS_COUNTY, "522700" },
	{ "522723", "贵定县", DIVISIONS_COUNTY, "522700" },
	{ "522725", "瓮安县", DIVISIONS_COUNTY, "522700" },
	{ "522726", "独山县", DIVISIONS_COUNTY, "522700" },
	{ "522727", "平塘县", DIVISIONS_COUNTY, "522700" },
	{ "522728", "罗甸县", DIVISIONS_COUNTY, "522700" },
	{ "522729", "长顺县", DIVISIONS_COUNTY, "522700" },
	{ "522730", "龙里县", DIVISIONS_COUNTY, "522700" },
	{ "522731", "惠水县", DIVISIONS_COUNTY, "522700" },
	{ "522732", "三都水族自治县", DIVISIONS_COUNTY, "522700" },
};
const size_t divisions_count = NELEM(divisions_table);

const char *const divisions_town_stems[] = {
	"龙场", "青岩", "石门", "新寨", "高坡", "平寨", "马场", "白岩",
	"黄泥", "花桥", "金竹", "红岩", "大坝", "小河", "水口", "长坡",
	"沙坝", "双龙", "三合", "云雾", "凤凰", "桃源", "茶山", "竹林",
	"松柏", "兴隆", "安乐", "永和", "清水", "羊场", "猫场", "新场",
	"老营", "田坝", "河坝", "岩脚", "坪上", "洞口", "桥头", "龙潭",
	"青龙", "白马", "黑石", "大田", "中寨", "木瓜", "梨树", "杉木",
	"核桃", "板桥", "石板", "新民", "朝阳", "团结", "大湾", "瓦房",
	"麻坪", "杨柳", "铜鼓", "官庄", "坝固", "岔河", "顺场", "落凤",
};
const size_t divisions_ntown_stems = NELEM(divisions_town_stems);

const char *const divisions_street_stems[] = {
	"中华路", "新华路", "兴关路", "延安路", "北京路", "沙冲路", "文昌",
	"河滨", "宝山", "青云", "湘雅", "太慈", "金阳", "世纪城", "建设",
	"人民", "滨江", "中山", "西湖", "东山", "南湖", "翠屏", "锦江",
	"龙泉", "金钟", "育才", "振华", "东华", "城关", "城南", "城北",
	"城东", "城西", "温泉", "花果园", "东风", "红旗", "阳明", "大营",
	"碧阳", "凤岗", "月亮湖",
};
const size_t divisions_nstreet_stems = NELEM(divisions_street_stems);

const char *const divisions_peoples[] = {
	"苗族", "布依族", "侗族", "彝族", "水族", "仡佬族", "土家族", "瑶族",
};
const size_t divisions_npeoples = NELEM(divisions_peoples);
