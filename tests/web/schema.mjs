/*
 * Checks a JSON value against a schema of docs/openapi.json: the subset of
 * JSON Schema 2020-12 the document uses ($ref to #/..., type, enum, const,
 * properties, required, additionalProperties, items, allOf, anyOf, oneOf,
 * not, if/then/else, minimum, maximum, minLength, maxLength, pattern,
 * minItems, maxItems, uniqueItems). An unknown keyword is an error, so the
 * checker never passes what it does not understand.
 *
 * With documented: true, an object member that the schema does not name
 * is an error too: what the server answers must all be described.
 */
const KNOWN = new Set(['$ref', 'type', 'enum', 'const', 'properties',
	'required', 'additionalProperties', 'items', 'allOf', 'anyOf', 'oneOf',
	'not', 'if', 'then', 'else', 'minimum', 'maximum', 'minLength',
	'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems',
	/* annotations */
	'description', 'title', 'format', 'default', 'example', 'examples',
	'contentMediaType', 'deprecated', 'readOnly', 'writeOnly']);

function typeOf(v) {
	if (v === null)
		return 'null';
	if (Array.isArray(v))
		return 'array';
	if (typeof v === 'number')
		return Number.isInteger(v) ? 'integer' : 'number';
	return typeof v;
}

function resolve(doc, ref) {
	if (!ref.startsWith('#/'))
		throw new Error(`unsupported $ref ${ref}`);
	let v = doc;
	for (const part of ref.slice(2).split('/'))
		v = v?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
	if (v === undefined)
		throw new Error(`dangling $ref ${ref}`);
	return v;
}

/* Property names a schema declares, through $ref and allOf. */
function declared(doc, s, names = new Set()) {
	if (s.$ref)
		declared(doc, resolve(doc, s.$ref), names);
	for (const k of Object.keys(s.properties ?? {}))
		names.add(k);
	for (const sub of s.allOf ?? [])
		declared(doc, sub, names);
	return names;
}

function equal(a, b) {
	return JSON.stringify(a) === JSON.stringify(b);
}

/* Returns a list of "where: what" errors (empty: valid). */
export function check(doc, schema, value, { documented = false } = {}) {
	const errors = [];
	walk(doc, schema, value, '$', documented, errors);
	return errors;
}

function walk(doc, s, v, at, documented, errors) {
	if (s === true)
		return;
	if (s === false) {
		errors.push(`${at}: nothing is allowed here`);
		return;
	}
	for (const k of Object.keys(s))
		if (!KNOWN.has(k))
			throw new Error(`schema keyword ${k} not supported (at ${at})`);
	if (s.$ref)
		walk(doc, resolve(doc, s.$ref), v, at, documented, errors);
	const t = typeOf(v);
	if (s.type !== undefined) {
		const types = [].concat(s.type);
		if (!types.includes(t) && !(t === 'integer' &&
		    types.includes('number'))) {
			errors.push(`${at}: is ${t}, want ${types.join('|')}`);
			return;
		}
	}
	if (s.enum && !s.enum.some((e) => equal(e, v)))
		errors.push(`${at}: ${JSON.stringify(v)} not one of ` +
		    JSON.stringify(s.enum));
	if ('const' in s && !equal(s.const, v))
		errors.push(`${at}: is not ${JSON.stringify(s.const)}`);
	if (t === 'integer' || t === 'number') {
		if (s.minimum !== undefined && v < s.minimum)
			errors.push(`${at}: ${v} < ${s.minimum}`);
		if (s.maximum !== undefined && v > s.maximum)
			errors.push(`${at}: ${v} > ${s.maximum}`);
	}
	if (t === 'string') {
		const n = [...v].length;
		if (s.minLength !== undefined && n < s.minLength)
			errors.push(`${at}: shorter than ${s.minLength}`);
		if (s.maxLength !== undefined && n > s.maxLength)
			errors.push(`${at}: longer than ${s.maxLength}`);
		if (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(v))
			errors.push(`${at}: ${JSON.stringify(v)} does not match ` +
			    s.pattern);
	}
	if (t === 'array') {
		if (s.minItems !== undefined && v.length < s.minItems)
			errors.push(`${at}: fewer than ${s.minItems} items`);
		if (s.maxItems !== undefined && v.length > s.maxItems)
			errors.push(`${at}: more than ${s.maxItems} items`);
		if (s.uniqueItems && new Set(v.map((x) => JSON.stringify(x))).size !==
		    v.length)
			errors.push(`${at}: items repeat`);
		if (s.items !== undefined)
			v.forEach((x, i) => walk(doc, s.items, x, `${at}[${i}]`,
			    documented, errors));
	}
	if (t === 'object') {
		for (const k of s.required ?? [])
			if (!(k in v))
				errors.push(`${at}: missing ${k}`);
		const props = s.properties ?? {};
		for (const [k, x] of Object.entries(v)) {
			if (k in props)
				walk(doc, props[k], x, `${at}.${k}`, documented, errors);
			else if (s.additionalProperties === false)
				errors.push(`${at}: ${k} is not allowed`);
			else if (typeof s.additionalProperties === 'object')
				walk(doc, s.additionalProperties, x, `${at}.${k}`,
				    documented, errors);
		}
		if (documented && s.properties && s.additionalProperties ===
		    undefined) {
			const names = declared(doc, s);
			for (const k of Object.keys(v))
				if (!names.has(k))
					errors.push(`${at}: ${k} is not documented`);
		}
	}
	/* Branches of allOf / if / then / not judge part of an object: the
	 * parent's documented-member check covers the rest. */
	for (const sub of s.allOf ?? [])
		walk(doc, sub, v, at, false, errors);
	if (s.anyOf && !s.anyOf.some((sub) => check(doc, sub, v,
	    { documented }).length === 0))
		errors.push(`${at}: matches none of anyOf`);
	if (s.oneOf) {
		const n = s.oneOf.filter((sub) => check(doc, sub, v,
		    { documented }).length === 0).length;
		if (n !== 1)
			errors.push(`${at}: matches ${n} of oneOf, want 1`);
	}
	if (s.not && check(doc, s.not, v).length === 0)
		errors.push(`${at}: matches what is excluded (not)`);
	if (s.if) {
		const branch = check(doc, s.if, v).length === 0 ? s.then : s.else;
		if (branch !== undefined)
			walk(doc, branch, v, at, false, errors);
	}
}

/*
 * The OpenAPI operation for method and a concrete path, with the routes.c
 * pattern it matched: { pattern, operation } or null.
 */
export function operationFor(doc, method, path) {
	for (const [pattern, item] of Object.entries(doc.paths)) {
		const re = new RegExp('^' + pattern.replace(/[.*+?^$()|[\]\\]/g,
		    '\\$&').replace(/\{[^}]+\}/g, '[^/]+') + '$');
		if (re.test(path) && item[method.toLowerCase()])
			return { pattern, operation: item[method.toLowerCase()] };
	}
	return null;
}

/* Follows a response or parameter $ref. */
export function deref(doc, x) {
	while (x && x.$ref)
		x = resolve(doc, x.$ref);
	return x;
}

/*
 * Checks the recorded API answers (srv.responses) whose path passes
 * wanted against their OpenAPI descriptions: { checked, problems }, one
 * problem per answer whose status or media type is not described or
 * whose JSON body does not fit (members not described count).
 */
export function answersMatch(doc, responses, wanted) {
	const problems = [];
	let checked = 0;
	for (const x of responses) {
		if (!wanted(x.path))
			continue;
		const found = operationFor(doc, x.method, x.path);
		const where = `${x.method} ${found?.pattern ?? x.path} ${x.status}`;
		const res = found &&
		    deref(doc, found.operation.responses[String(x.status)]);
		const media = res?.content?.[x.type];
		if (media === undefined) {
			problems.push(`${where}: ${x.type} not described`);
			continue;
		}
		checked += 1;
		/* A file (a PDF, a .docx) is checked by its status and media
		 * type: it has no JSON body for a schema. */
		if (x.body === null && !/json/.test(x.type))
			continue;
		const errs = check(doc, media.schema, x.body, { documented: true });
		if (errs.length)
			problems.push(`${where}: ${errs.slice(0, 5).join('; ')}`);
	}
	return { checked, problems: [...new Set(problems)] };
}
