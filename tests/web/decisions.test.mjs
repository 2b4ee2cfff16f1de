/*
 * A major decision's conditional steps on the record page (issue 13, item
 * 5): 公众参与, 专家论证 and 风险评估 may be marked 不适用 with a reason
 * ({"not_applicable": reason}); 合法性审查 and 集体讨论决定 always take a
 * date. The form offers the mark only where the catalog allows it, the
 * import's check refuses a mark without a reason, and an edit shows the
 * mark as stored.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { YEAR, useServer } from './harness.mjs';

const srv = useServer();
const tokens = {};

async function as(name, method, p, o = {}) {
	tokens[name] ??= await srv.login(name);
	return srv.api(method, p, { ...o, token: tokens[name] });
}

const form = (steps) => new URLSearchParams({ kind: 'major_decision',
	organ: '520102-gov', date: `${YEAR}-05-20`, title: '停车收费调整',
	'f.steps.public_participation': `${YEAR}-04-01`,
	'f.steps.legality_review': `${YEAR}-05-10`,
	'f.steps.collective_discussion': `${YEAR}-05-20`, ...steps });

test('the record form offers 不适用 for the conditional steps only', async () => {
	const r = await as('nm-gov-clerk', 'GET',
	    '/ledger/new?kind=major_decision&organ=520102-gov');
	assert.equal(r.status, 200, r.text.slice(0, 200));
	for (const step of ['public_participation', 'expert_argumentation',
	    'risk_assessment']) {
		assert.ok(r.text.includes(`name="f.steps.${step}.na"`), step);
		assert.ok(r.text.includes(`name="f.steps.${step}.reason"`), step);
	}
	for (const step of ['legality_review', 'collective_discussion'])
		assert.ok(!r.text.includes(`name="f.steps.${step}.na"`), step);
	assert.ok(r.text.includes('不适用理由'));
});

test('a step marked 不适用 with a reason is stored as not_applicable, and ' +
    'the edit form shows it', async () => {
	const reason = '决策事项专业性、技术性不强<b>';
	const r = await as('nm-gov-clerk', 'POST', '/ledger', { body: form({
		'f.steps.expert_argumentation.na': '1',
		'f.steps.expert_argumentation.reason': reason,
		'f.steps.risk_assessment': `${YEAR}-04-20` }) });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	const id = decodeURIComponent(new URL(r.headers.get('location'),
	    'http://x').pathname.split('/')[2]);
	const rec = await as('nm-gov-clerk', 'GET', `/api/v1/records/${id}`);
	assert.equal(rec.status, 200, rec.text);
	assert.deepEqual(rec.body.steps.expert_argumentation,
	    { not_applicable: reason });
	assert.equal(rec.body.steps.risk_assessment, `${YEAR}-04-20`);
	const view = await as('nm-gov-clerk', 'GET',
	    `/ledger/${encodeURIComponent(id)}`);
	assert.equal(view.status, 200, view.text.slice(0, 200));
	assert.ok(view.text.includes('专家论证 不适用(决策事项专业性、技术性不强' +
	    '&lt;b&gt;)'), 'the record page shows the mark and its reason');
	const edit = await as('nm-gov-clerk', 'GET',
	    `/ledger/${encodeURIComponent(id)}/edit`);
	assert.equal(edit.status, 200, edit.text.slice(0, 200));
	assert.match(edit.text, /name="f\.steps\.expert_argumentation\.na" value="1" checked/);
	assert.ok(edit.text.includes('决策事项专业性、技术性不强&lt;b&gt;'));
	assert.ok(!edit.text.includes('不强<b>'));
});

test('不适用 without a reason, or with a date too, is refused naming the ' +
    'field; nothing is written', async () => {
	const before = await as('nm-gov-clerk', 'GET',
	    '/api/v1/records?organ=520102-gov&kind=major_decision&per_page=100');
	assert.equal(before.status, 200, before.text);
	for (const steps of [
		{ 'f.steps.risk_assessment.na': '1' },
		{ 'f.steps.risk_assessment.na': '1',
		  'f.steps.risk_assessment.reason': '不涉及',
		  'f.steps.risk_assessment': `${YEAR}-04-20` },
	]) {
		const r = await as('nm-gov-clerk', 'POST', '/ledger',
		    { body: form(steps) });
		assert.equal(r.status, 400, r.text.slice(0, 300));
		assert.ok(r.text.includes('risk_assessment'), r.text.slice(0, 2000));
	}
	/* The API takes the same object and refuses the same. */
	const api = await as('nm-gov-clerk', 'POST', '/api/v1/records', { json: {
		id: `r-na-${process.pid}`, kind: 'major_decision',
		organ: '520102-gov', date: `${YEAR}-05-20`,
		steps: { legality_review: { not_applicable: '已征求意见' },
			collective_discussion: `${YEAR}-05-20` } } });
	assert.equal(api.status, 400, api.text);
	assert.match(api.text, /steps/);
	const after = await as('nm-gov-clerk', 'GET',
	    '/api/v1/records?organ=520102-gov&kind=major_decision&per_page=100');
	assert.equal(after.body.total ?? after.body.items.length,
	    before.body.total ?? before.body.items.length);
});

test('the 职责清单 says which steps may be marked 不适用, the referral item, ' +
    'the township recipients and that a provisional result lists no ' +
    'commendation', async () => {
	const r = await as('nm-gov-clerk', 'GET', '/catalog');
	assert.equal(r.status, 200, r.text.slice(0, 200));
	assert.ok(r.text.includes(';其中公众参与、专家论证、风险评估依法不需要的可' +
	    '标记不适用'), 'conditional steps');
	assert.ok(r.text.includes('移送问责所属情形:第九条第(三)项'), 'item');
	assert.ok(r.text.includes('(乡镇:本级党委、上一级政府)'), 'township');
	assert.ok(r.text.includes('只计所属年度为上一年度的'), '5.4 about');
	assert.ok(r.text.includes('等次为暂定(尚有职责待评议)时不列'), 'final-only');
});

test('the evaluation page names the item of a referral', async () => {
	const j = await as('gz-office', 'GET', `/api/v1/evaluation?year=${YEAR}`);
	assert.equal(j.status, 200, j.text.slice(0, 200));
	const vetoed = j.body.results.find((x) => x.consequences.some((q) =>
	    q.kind === 'accountability_referral'));
	assert.ok(vetoed, 'a vetoed result in the demo');
	const q = vetoed.consequences.find((x) =>
	    x.kind === 'accountability_referral');
	assert.equal(q.citation, '第九条');
	assert.match(q.item, /^第九条第\([一二三四五]\)项$/);
	const r = await as('gz-office', 'GET',
	    `/evaluation?year=${YEAR}&region=${vetoed.region}`);
	assert.equal(r.status, 200, r.text.slice(0, 200));
	assert.ok(r.text.includes(`移送问责(${q.item})`), 'the item on the page');
});

test('an annual report drafted for a township government starts with the ' +
    'recipients its duty requires (no 人大常委会)', async () => {
	for (const [organ, want] of [
		['520102001-gov', ['party_committee', 'superior_government']],
		['520102-gov', ['party_committee', 'npc_standing_committee',
			'superior_government']],
	]) {
		const r = await as('nm-office', 'POST', '/api/v1/reports',
		    { json: { kind: 'annual', year: YEAR, organ } });
		assert.equal(r.status, 201, `${organ}: ${r.text}`);
		assert.deepEqual(r.body.recipients.map((x) => x.id), want, organ);
		/* The draft's page offers those, not a department's. */
		const page = await as('nm-office', 'GET',
		    `/reports/${encodeURIComponent(r.body.id)}`);
		assert.equal(page.status, 200, page.text.slice(0, 200));
		const offered = [...page.text.matchAll(/name="to_([a-z_]+)"/g)]
		    .map((m) => m[1]);
		assert.deepEqual(offered, want, organ);
	}
});
