/*
 * Who did a thing is shown as a person and post (html_who), never as
 * the account's login name (nm-office): the record page's 审核人 and its
 * evidence's 上传人, a 整改's 下达, 办理人 and its evidence's 上传人.
 * Each page is read as an account other than the ones it names, so a
 * login name in it can only be one of theirs.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { YEAR, accountLabel, accountsOn, pdfForm, useServer, visibleText }
    from './harness.mjs';

const srv = useServer();
const { as, page } = accountsOn(srv);

/* The text of html, which shows none of names (login names). */
async function shownAsPeople(html, names) {
	const text = visibleText(html);
	for (const name of names)
		assert.ok(!text.includes(name), `login name ${name} shown:\n${text}`);
	return text;
}

test('a record\'s reviewer and uploader are people, not login names',
    async () => {
	const made = await as('nm-clerk', 'POST', '/api/v1/records', { json: {
		id: `t-who-${process.pid}`, kind: 'rol_report_hearing',
		organ: '520102-party', date: `${YEAR}-03-10`,
		title: '经办人显示测试:听取汇报' } });
	assert.equal(made.status, 201, made.text);
	const id = made.body.id;
	const up = await as('nm-clerk', 'POST', `/api/v1/records/${id}/evidence`,
	    { body: pdfForm('会议纪要.pdf') });
	assert.equal(up.status, 201, up.text);
	const ok = await as('nm-office', 'POST', `/api/v1/records/${id}/verify`);
	assert.equal(ok.status, 200, ok.text);

	const text = await shownAsPeople(await page('gy-office',
	    `/ledger/${id}`), ['nm-clerk', 'nm-office']);
	const office = await accountLabel(srv, 'nm-office');
	const clerk = await accountLabel(srv, 'nm-clerk');
	assert.ok(text.includes(`审核人 ${office} · `), `审核人 ${office}`);
	assert.match(text, new RegExp(`会议纪要\\.pdf .*${clerk}`),
	    `上传人 ${clerk}`);
});

test('a 整改\'s issuer, handlers and uploader are people', async () => {
	const person = (await as('nm-leader', 'GET', '/api/v1/me')).body.person;
	const order = await as('gy-office', 'POST', '/api/v1/rectifications',
	    { json: { source: 'evaluation', organ: '520102-party', year: YEAR,
		person, requirement: '补齐汇报', deadline: `${YEAR + 5}-12-31` } });
	assert.equal(order.status, 201, order.text);
	const id = order.body.id;
	const up = await as('nm-clerk', 'POST',
	    `/api/v1/rectifications/${id}/evidence`,
	    { body: pdfForm('整改材料.pdf') });
	assert.equal(up.status, 201, up.text);

	const text = await shownAsPeople(await page('nm-office',
	    `/supervision/rectifications/${id}`), ['gy-office', 'nm-clerk']);
	const issuer = await accountLabel(srv, 'gy-office');
	const clerk = await accountLabel(srv, 'nm-clerk');
	assert.ok(text.includes(`下达 ${issuer} · `), `下达 ${issuer}:\n${text}`);
	assert.match(text, new RegExp(`整改材料\\.pdf ${clerk} `),
	    `上传人 ${clerk}`);
	/* The history's 办理人: the order issued by the 市's office. */
	assert.ok(text.split(issuer).length >= 3, `办理人 ${issuer}`);
});
