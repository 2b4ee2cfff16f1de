/* 履职 lvzhi — the little JavaScript the pages use; everything works
   without it. */
"use strict";
document.addEventListener("DOMContentLoaded", function () {
	/* The phone's menu button opens and closes the sections. */
	document.querySelectorAll("header.top .menu").forEach(function (m) {
		m.addEventListener("click", function () {
			var open = m.parentNode.classList.toggle("open");
			m.setAttribute("aria-expanded", open ? "true" : "false");
		});
	});
	/* Ask before irreversible actions: forms marked data-confirm. */
	document.querySelectorAll("form[data-confirm]").forEach(function (f) {
		f.addEventListener("submit", function (e) {
			if (!window.confirm(f.getAttribute("data-confirm")))
				e.preventDefault();
		});
	});
	/* Record forms: only the chosen kind's own fields are shown, and
	   only they are sent (a disabled fieldset sends nothing). */
	document.querySelectorAll("select[data-kind-select]").forEach(function (s) {
		function sync() {
			s.form.querySelectorAll("fieldset[data-kind]").forEach(function (f) {
				var on = f.getAttribute("data-kind") === s.value;
				f.hidden = !on;
				f.disabled = !on;
			});
		}
		s.addEventListener("change", sync);
		sync();
	});
	/* Lists on a phone: each row a card, each cell named by its
	   column's heading (app.css lays them out below 600 px; without
	   script the table scrolls sideways in its frame). The 年度考评 and
	   duty tables, whose rows nest, keep their columns. */
	document.querySelectorAll(".table-wrap table:not(.eval):not(.duty)")
	    .forEach(function (t) {
		var heads = [];
		t.querySelectorAll("thead th").forEach(function (th) {
			for (var i = 0; i < (th.colSpan || 1); i++)
				heads.push(th.textContent.trim());
		});
		if (heads.length === 0)
			return;
		t.querySelectorAll("tbody tr").forEach(function (tr) {
			var col = 0;
			Array.prototype.forEach.call(tr.cells, function (td) {
				td.setAttribute("data-label", heads[col] || "");
				col += td.colSpan || 1;
			});
		});
		t.classList.add("cards");
	});
	/* Filters apply as soon as a select changes. */
	document.querySelectorAll("form.filters select").forEach(function (s) {
		s.addEventListener("change", function () { s.form.submit(); });
	});
});
