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
	   script the table scrolls sideways in its frame). The 年度考评's
	   rows nest a duty table in a cell that spans the row: that cell
	   goes unnamed, and the nested table is made cards of its own. */
	document.querySelectorAll(".table-wrap table, table.eval")
	    .forEach(function (t) {
		var heads = [];
		t.querySelectorAll(":scope > thead th").forEach(function (th) {
			for (var i = 0; i < (th.colSpan || 1); i++)
				heads.push(th.textContent.trim());
		});
		if (heads.length === 0)
			return;
		t.querySelectorAll(":scope > tbody > tr").forEach(function (tr) {
			var col = 0;
			Array.prototype.forEach.call(tr.cells, function (td) {
				var span = td.colSpan || 1;
				td.setAttribute("data-label", span > 1 ? "" :
				    heads[col] || "");
				col += span;
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
	/* Pickers (src/web/picker.c): the search box becomes a combobox
	   over the lookups; choosing fills the hidden input with the id.
	   Typing again clears the choice until another is made. */
	document.querySelectorAll(".picker[data-picker]").forEach(function (p) {
		var kind = p.getAttribute("data-picker");
		var box = p.querySelector("input[type=search]");
		var hidden = p.querySelector("input[type=hidden]");
		var list = p.querySelector("[role=listbox]");
		var url = kind === "person" ? "/api/v1/people" :
		    kind === "organ" ? "/api/v1/organs" : "/api/v1/regions";
		var items = [], active = -1, timer = null, asked = 0;
		box.setAttribute("role", "combobox");
		box.setAttribute("aria-autocomplete", "list");
		box.setAttribute("aria-expanded", "false");
		box.setAttribute("aria-controls", list.id);
		function label(it) {
			return kind === "person" ? it.name + " " + it.post :
			    kind === "organ" ? it.name + " " + it.region_name :
			    it.name;
		}
		function close() {
			list.hidden = true;
			box.setAttribute("aria-expanded", "false");
			box.removeAttribute("aria-activedescendant");
			active = -1;
		}
		function mark(i) {
			var opts = list.querySelectorAll("[role=option]");
			opts.forEach(function (o, k) {
				o.setAttribute("aria-selected", k === i ? "true" : "false");
			});
			active = i;
			if (i >= 0 && opts[i]) {
				box.setAttribute("aria-activedescendant", opts[i].id);
				opts[i].scrollIntoView({ block: "nearest" });
			}
		}
		function choose(i) {
			var it = items[i];
			if (!it)
				return;
			hidden.value = kind === "region" ? it.code : it.id;
			box.value = label(it);
			close();
			box.dispatchEvent(new Event("change", { bubbles: true }));
		}
		function show(found) {
			items = found;
			list.textContent = "";
			found.forEach(function (it, k) {
				/* A picker inside a label lists spans (phrasing
				   content), one of its own items of a list. */
				var li = document.createElement(list.tagName === "UL" ?
				    "li" : "span");
				li.id = list.id + "-" + k;
				li.setAttribute("role", "option");
				li.setAttribute("aria-selected", "false");
				var strong = document.createElement("strong");
				strong.textContent = it.name;
				li.appendChild(strong);
				var small = document.createElement("span");
				small.className = "muted";
				small.textContent = " " + label(it).slice(it.name.length + 1);
				li.appendChild(small);
				li.addEventListener("mousedown", function (e) {
					e.preventDefault();
					choose(k);
				});
				list.appendChild(li);
			});
			if (found.length === 0) {
				var none = document.createElement(list.tagName === "UL" ?
				    "li" : "span");
				none.className = "muted";
				none.textContent = "没有找到";
				list.appendChild(none);
			}
			list.hidden = false;
			box.setAttribute("aria-expanded", "true");
			active = -1;
		}
		function search() {
			var q = box.value.trim();
			if (q === "") {
				close();
				return;
			}
			var params = new URLSearchParams({ q: q, limit: "20" });
			var region = p.getAttribute("data-region");
			var organ = p.getAttribute("data-organ");
			if (region)
				params.set("region", region);
			if (organ)
				params.set("organ", organ);
			var mine = ++asked;
			fetch(url + "?" + params.toString(), {
				credentials: "same-origin",
				headers: { Accept: "application/json" }
			}).then(function (r) {
				return r.ok ? r.json() : { items: [] };
			}).then(function (j) {
				if (mine === asked)
					show(j.items || []);
			}).catch(function () {});
		}
		box.addEventListener("input", function () {
			hidden.value = "";
			clearTimeout(timer);
			timer = setTimeout(search, 250);
		});
		box.addEventListener("keydown", function (e) {
			var n = items.length;
			if (e.key === "ArrowDown") {
				e.preventDefault();
				if (list.hidden)
					search();
				else if (n > 0)
					mark((active + 1) % n);
			} else if (e.key === "ArrowUp") {
				e.preventDefault();
				if (n > 0 && !list.hidden)
					mark(active <= 0 ? n - 1 : active - 1);
			} else if (e.key === "Enter") {
				if (!list.hidden && active >= 0) {
					e.preventDefault();
					choose(active);
				}
			} else if (e.key === "Escape") {
				if (!list.hidden) {
					e.preventDefault();
					close();
				}
			}
		});
		box.addEventListener("blur", function () {
			setTimeout(close, 150);
		});
		/* A required picker is met by a choice, not by text alone. */
		if (box.required && box.form) {
			box.form.addEventListener("submit", function (e) {
				if (hidden.value === "") {
					box.setCustomValidity("请从列表中选择");
					box.reportValidity();
					e.preventDefault();
				}
			});
			box.addEventListener("input", function () {
				box.setCustomValidity("");
			});
		}
	});
});
