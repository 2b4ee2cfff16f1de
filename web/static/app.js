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
	/* Scoring several duties without a reload: each score form sends
	   its score to PUT /api/v1/scores (the session's cookie and CSRF
	   token) and says in place whether it was saved. Without script,
	   or when the request cannot be made, the form posts as before. */
	document.querySelectorAll("form.score").forEach(function (f) {
		var msg = document.createElement("span");
		msg.className = "score-msg";
		msg.setAttribute("role", "status");
		msg.setAttribute("aria-live", "polite");
		f.appendChild(msg);
		f.addEventListener("submit", function (e) {
			if (!window.fetch || !window.JSON)
				return;
			e.preventDefault();
			var get = function (n) {
				var x = f.elements[n];
				return x ? x.value : "";
			};
			var body = { person: get("person"), year: Number(get("year")),
				duty: get("duty"), score: Number(get("score")) };
			if (get("comment").trim() !== "")
				body.comment = get("comment");
			var button = f.querySelector("button[type=submit]");
			button.disabled = true;
			msg.className = "score-msg";
			msg.textContent = "正在保存…";
			fetch("/api/v1/scores", {
				method: "PUT", credentials: "same-origin",
				headers: { "Content-Type": "application/json",
					"X-CSRF-Token": get("_csrf") },
				body: JSON.stringify(body)
			}).then(function (res) {
				return res.json().catch(function () { return {}; })
				    .then(function (j) { return { ok: res.ok, j: j }; });
			}).then(function (a) {
				if (a.ok) {
					msg.className = "score-msg ok";
					msg.textContent = "已保存:" + Number(a.j.score)
					    .toFixed(1) + " 分";
					button.textContent = "改分";
				} else {
					var why = (a.j.title || "保存失败").replace(/ \(.*\)$/, "");
					msg.className = "score-msg error";
					msg.textContent = "未保存:" + why +
					    (a.j.detail ? "(" + a.j.detail + ")" : "");
				}
			}).catch(function () {
				msg.className = "score-msg error";
				msg.textContent = "未保存:网络错误,请重试";
			}).then(function () { button.disabled = false; });
		});
	});
});
