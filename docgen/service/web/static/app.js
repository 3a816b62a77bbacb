// docgen web page behaviour (no inline scripts anywhere: the Content-Security-Policy forbids them).
(function () {
  "use strict";

  function csrf() {
    var m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.getAttribute("content") : "";
  }

  // HTMX requests carry the CSRF token; errors are shown in Chinese where the answer would have gone.
  document.addEventListener("htmx:configRequest", function (e) {
    e.detail.headers["X-CSRF-Token"] = csrf();
  });
  document.addEventListener("htmx:responseError", function (e) {
    var target = e.detail.target;
    var status = e.detail.xhr ? e.detail.xhr.status : 0;
    var p = document.createElement("p");
    p.className = "flash error";
    p.setAttribute("role", "alert");
    if (status === 401 || status === 403) {
      p.textContent = "登录已过期或没有权限。未保存的内容已保存在本机浏览器中，请重新登录。";
      var relogin = document.getElementById("relogin");
      if (relogin) relogin.hidden = false;
    } else {
      p.textContent = "服务器出错（" + status + "），请稍后再试。";
    }
    if (target) { target.textContent = ""; target.appendChild(p); }
  });
  document.addEventListener("htmx:sendError", function (e) {
    var target = e.detail.target;
    if (!target) return;
    target.textContent = "";
    var p = document.createElement("p");
    p.className = "flash error";
    p.setAttribute("role", "alert");
    p.textContent = "无法连接服务器，请检查网络后重试。";
    target.appendChild(p);
  });

  // The form view answers with the new YAML text; it goes into the editor (same revision, not yet saved).
  document.addEventListener("htmx:afterSwap", function (e) {
    var ta = e.detail.target && e.detail.target.querySelector("textarea[data-apply-to-editor]");
    if (ta && window.docgenEditor) {
      window.docgenEditor.setText(ta.value);
      ta.remove();
    }
  });

  // Tabs (WAI-ARIA tabs pattern: arrow keys move between tabs).
  function initTabs(list) {
    var tabs = Array.prototype.slice.call(list.querySelectorAll('[role="tab"]'));
    function select(tab, focus) {
      tabs.forEach(function (t) {
        var on = t === tab;
        t.setAttribute("aria-selected", on ? "true" : "false");
        t.tabIndex = on ? 0 : -1;
        var panel = document.getElementById(t.getAttribute("aria-controls"));
        if (panel) panel.hidden = !on;
      });
      if (focus) tab.focus();
    }
    tabs.forEach(function (t, i) {
      t.addEventListener("click", function () { select(t, false); });
      t.addEventListener("keydown", function (e) {
        var j = null;
        if (e.key === "ArrowRight") j = (i + 1) % tabs.length;
        else if (e.key === "ArrowLeft") j = (i - 1 + tabs.length) % tabs.length;
        else if (e.key === "Home") j = 0;
        else if (e.key === "End") j = tabs.length - 1;
        if (j !== null) { e.preventDefault(); select(tabs[j], true); tabs[j].click(); }
      });
    });
  }

  // Problem lists rendered by the server jump to their line too.
  document.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest("button[data-line]");
    if (b && window.docgenEditor) {
      var line = parseInt(b.getAttribute("data-line"), 10);
      if (line > 0) {
        var yamlTab = document.getElementById("tab-yaml");
        if (yamlTab) yamlTab.click();
        window.docgenEditor.jumpTo(line, parseInt(b.getAttribute("data-col"), 10) || 1);
      }
    }
  });

  // Preview: a sentence shows the data paths it used.
  function showPaths(seg) {
    var out = document.getElementById("paths-out");
    if (!out) return;
    document.querySelectorAll(".seg.selected").forEach(function (s) { s.classList.remove("selected"); });
    seg.classList.add("selected");
    out.textContent = "";
    var q = document.createElement("blockquote");
    q.textContent = seg.textContent;
    out.appendChild(q);
    var paths = (seg.getAttribute("data-paths") || "").split(" ").filter(Boolean);
    if (!paths.length) {
      var p = document.createElement("p");
      p.textContent = seg.classList.contains("r-todo") ? "待补内容：在 YAML 中填写对应的事实后重新预览。" : "这句话没有用到具体数据。";
      out.appendChild(p);
      return;
    }
    var ul = document.createElement("ul");
    ul.className = "paths";
    paths.forEach(function (path) {
      var li = document.createElement("li");
      var code = document.createElement("code");
      code.textContent = path;
      li.appendChild(code);
      ul.appendChild(li);
    });
    out.appendChild(ul);
  }
  document.addEventListener("click", function (e) {
    var seg = e.target.closest && e.target.closest(".seg");
    if (seg) showPaths(seg);
  });
  document.addEventListener("keydown", function (e) {
    if ((e.key === "Enter" || e.key === " ") && e.target.classList && e.target.classList.contains("seg")) {
      e.preventDefault();
      showPaths(e.target);
    }
  });

  // Forms that carry the editor's text (save, download) copy it in just before they are sent.
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.hasAttribute || !form.hasAttribute("data-carries-editor")) return;
    var text = window.docgenEditor ? window.docgenEditor.text() : (document.getElementById("yaml") || {}).value;
    form.querySelectorAll("[data-editor-text]").forEach(function (i) { i.value = text || ""; });
  }, true);

  // Confirmation for destructive buttons (data-confirm), without inline handlers.
  document.addEventListener("submit", function (e) {
    var msg = e.target.getAttribute && e.target.getAttribute("data-confirm");
    if (msg && !window.confirm(msg)) e.preventDefault();
  });

  // File inputs: the chosen file's name beside the Chinese "选择文件" button (parts/file.html).
  function showChosen(input) {
    var out = document.querySelector('[data-file-chosen="' + input.id + '"]');
    if (!out) return;
    var names = Array.prototype.map.call(input.files || [], function (f) { return f.name; });
    out.textContent = names.length ? "已选择：" + names.join("、") : "未选择文件";
    out.classList.toggle("has-file", names.length > 0);
  }
  document.addEventListener("change", function (e) {
    if (e.target.classList && e.target.classList.contains("file-input")) showChosen(e.target);
  });

  // The browser's own messages for a form field left empty or out of range follow the browser's language:
  // the page says them in Chinese.
  function validityText(el) {
    var v = el.validity;
    if (v.valueMissing) return el.type === "file" ? "请选择文件。" : el.tagName === "SELECT" ? "请选择一项。" : "请填写这一项。";
    if (v.rangeUnderflow || v.rangeOverflow) return "请填写 " + el.min + "—" + el.max + " 之间的数。";
    if (v.badInput || v.stepMismatch) return "请填写整数。";
    if (v.tooLong) return "最多 " + el.maxLength + " 个字。";
    if (v.typeMismatch || v.patternMismatch) return "格式不对，请改正。";
    return "";
  }
  document.addEventListener("invalid", function (e) {
    var el = e.target;
    if (!el.setCustomValidity) return;
    el.setCustomValidity("");
    if (!el.validity.valid) el.setCustomValidity(validityText(el) || "请改正这一项。");
  }, true);
  function clearValidity(e) {
    if (e.target.setCustomValidity) e.target.setCustomValidity("");
  }
  document.addEventListener("input", clearValidity, true);
  document.addEventListener("change", clearValidity, true);

  function init() {
    document.querySelectorAll(".file-input").forEach(showChosen);  // a file kept by the browser on Back
    document.querySelectorAll("[data-tabs]").forEach(initTabs);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
