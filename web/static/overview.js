/* 总览's charts (page-overview.c), drawn with Apache ECharts
   (echarts.min.js, loaded before this file on the pages that chart).
   Each chart reads the table it stands above — rows with data-name and
   data-g="优秀,合格,基本合格,不合格" counts — so the table is both its
   text equivalent and its data. The canvas renderer, and tooltips drawn
   on the canvas (renderMode richText): the CSP allows no inline style,
   which ECharts' HTML tooltips would need. */
(function () {
	'use strict';
	if (typeof echarts === 'undefined')
		return; /* the tables stand alone */
	var GRADES = ['优秀', '合格', '基本合格', '不合格'];
	var COLOURS = ['#1a7f37', '#0b57d0', '#bf8700', '#cf222e'];

	function rows(table) {
		var out = [];
		table.querySelectorAll('tbody tr[data-g]').forEach(function (tr) {
			out.push({ name: tr.getAttribute('data-name'),
				g: tr.getAttribute('data-g').split(',').map(Number) });
		});
		return out;
	}

	/* Stacked bars of the grade counts, one bar per row: horizontal for
	   regions (names read along the axis), vertical for years. */
	function option(data, horizontal) {
		var names = data.map(function (d) { return d.name; });
		var category = { type: 'category', data: names,
			axisLabel: { interval: 0 } };
		var value = { type: 'value', name: '人次' };
		if (horizontal)
			category.inverse = true; /* first place at the top */
		return {
			color: COLOURS,
			animation: false,
			tooltip: { trigger: 'axis', renderMode: 'richText',
				axisPointer: { type: 'shadow' } },
			legend: { data: GRADES, top: 0 },
			grid: { left: 8, right: 16, top: 32, bottom: 8,
				containLabel: true },
			xAxis: horizontal ? value : category,
			yAxis: horizontal ? category : value,
			series: GRADES.map(function (label, i) {
				return { name: label, type: 'bar', stack: 'all',
					barMaxWidth: 28,
					data: data.map(function (d) { return d.g[i]; }) };
			}),
		};
	}

	var charts = [];
	document.querySelectorAll('.chart[data-table]').forEach(function (el) {
		var table = document.getElementById(el.getAttribute('data-table'));
		if (table === null)
			return;
		var data = rows(table);
		var horizontal = el.getAttribute('data-chart') === 'regions';
		/* a bar's room: a row each (CSSOM, which the CSP allows) */
		if (horizontal)
			el.style.height = Math.max(160, 60 + 24 * data.length) + 'px';
		var chart = echarts.init(el, null, { renderer: 'canvas' });
		chart.setOption(option(data, horizontal));
		charts.push(chart);
	});
	window.addEventListener('resize', function () {
		charts.forEach(function (c) { c.resize(); });
	});
})();
