/* 履职 lvzhi — the little JavaScript the pages use; everything works
   without it. */
"use strict";
document.addEventListener("DOMContentLoaded", function () {
	/* Ask before irreversible actions: forms marked data-confirm. */
	document.querySelectorAll("form[data-confirm]").forEach(function (f) {
		f.addEventListener("submit", function (e) {
			if (!window.confirm(f.getAttribute("data-confirm")))
				e.preventDefault();
		});
	});
	/* Filters apply as soon as a select changes. */
	document.querySelectorAll("form.filters select").forEach(function (s) {
		s.addEventListener("change", function () { s.form.submit(); });
	});
});
