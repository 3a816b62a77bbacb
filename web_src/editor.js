// docgen web editor: CodeMirror 6 on a <textarea data-editor>, bundled by scripts/build_web_assets.sh.
// Mounted from data attributes only (no inline script, CSP without 'unsafe-inline'):
//   data-validate-url  POST {"text": yaml} → {"problems": [...], "warnings": [...]} (debounced lint)
//   data-schema-url    GET the facts JSON Schema (completion of keys and enum values at the cursor's path)
//   data-draft-key     localStorage key of the unsaved text (survives an expired session and a re-login)
//   data-problems / data-warnings / data-status  ids of the lists and the status line beside the editor
import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection } from "@codemirror/view";
import { EditorState } from "@codemirror/state";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { syntaxHighlighting, defaultHighlightStyle, indentOnInput, bracketMatching } from "@codemirror/language";
import { yaml } from "@codemirror/lang-yaml";
import { linter, lintGutter, forceLinting } from "@codemirror/lint";
import { autocompletion, completionKeymap } from "@codemirror/autocomplete";

// The page's Content-Security-Policy has no 'unsafe-inline' for styles, which blocks style *attributes* set
// with setAttribute (CodeMirror sets tab-size and tooltip positions that way).  Styles set through the CSSOM are
// not inline markup and stay allowed, so route style attributes there.
const setAttr = Element.prototype.setAttribute;
Element.prototype.setAttribute = function (name, value) {
  if (typeof name === "string" && name.toLowerCase() === "style") {
    this.style.cssText = String(value);
    return;
  }
  return setAttr.call(this, name, value);
};

function csrfToken() {
  const m = document.querySelector('meta[name="csrf-token"]');
  return m ? m.getAttribute("content") : "";
}

// CodeMirror's theme goes into a <style> element; the page's CSP admits it by the per-page nonce.
function cspNonce() {
  const m = document.querySelector('meta[name="csp-nonce"]');
  return m ? m.getAttribute("content") : "";
}

// CodeMirror's own words, in Chinese (EditorState.phrases).
const PHRASES = {
  "Diagnostics": "问题", "No diagnostics": "没有问题", "close": "关闭", "Completions": "补全",
  "Go to line": "跳到行", "go": "跳转", "Find": "查找", "Replace": "替换", "next": "下一个", "previous": "上一个",
  "all": "全部", "match case": "区分大小写", "regexp": "正则表达式", "by word": "整词", "replace": "替换",
  "replace all": "全部替换", "Selection deleted": "已删除所选内容", "Folded lines": "已折叠的行",
  "Unfolded lines": "已展开的行", "to": "至", "folded code": "已折叠的代码", "unfold": "展开",
  "Fold line": "折叠", "Unfold line": "展开", "Control character": "控制字符",
};

function byId(id) { return id ? document.getElementById(id) : null; }

// ---- YAML path at a position (indentation based; "[]" stands for a list item) ----
const KEY_RE = /^(\s*)((?:-\s+)*)([^\s#:'"{\[][^:#]*?|"[^"]*"|'[^']*')\s*:(?:\s|$)/;
const DASH_RE = /^(\s*)((?:-\s+)+)/;

export function pathBefore(doc, lineNo, indentCol, dashes) {
  const path = [];
  for (let i = 0; i < dashes; i++) path.unshift("[]");
  let cur = indentCol;
  for (let n = lineNo - 1; n >= 1 && cur > 0; n--) {
    const text = doc.line(n).text;
    if (!text.trim() || text.trim().startsWith("#")) continue;
    const lead = text.length - text.trimStart().length;
    const km = KEY_RE.exec(text);
    const dm = DASH_RE.exec(text);
    const dashLen = dm ? dm[2].length : 0;
    const ndash = dm ? (dm[2].match(/-/g) || []).length : 0;
    const keyCol = lead + dashLen;
    if (km && keyCol < cur) {
      path.unshift(km[3].replace(/^["']|["']$/g, ""));
      cur = keyCol;
    }
    if (dm && lead < cur) {
      for (let i = 0; i < ndash; i++) path.unshift("[]");
      cur = lead;
    }
    if (!km && !dm && lead < cur) cur = lead;
  }
  return path;
}

// ---- JSON Schema walking ----
function resolve(schema, node) {
  let guard = 0;
  while (node && guard++ < 20) {
    if (node.$ref) {
      const name = node.$ref.split("/").pop();
      node = Object.assign({}, schema.$defs ? schema.$defs[name] : null, { title: node.title || (schema.$defs[name] || {}).title, description: node.description || (schema.$defs[name] || {}).description });
      continue;
    }
    const alts = node.anyOf || node.oneOf;
    if (alts) {
      const pick = alts.find((a) => a.type !== "null") || alts[0];
      node = Object.assign({}, pick, { title: node.title || pick.title, description: node.description || pick.description });
      continue;
    }
    if (node.allOf && node.allOf.length === 1) { node = node.allOf[0]; continue; }
    break;
  }
  return node || null;
}

export function schemaAt(schema, path) {
  let node = resolve(schema, schema);
  for (const seg of path) {
    if (!node) return null;
    if (seg === "[]") node = resolve(schema, node.items);
    else if (node.properties && node.properties[seg]) node = resolve(schema, node.properties[seg]);
    else if (node.additionalProperties && typeof node.additionalProperties === "object") node = resolve(schema, node.additionalProperties);
    else return null;
  }
  return node;
}

function enumValues(schema, node) {
  if (!node) return [];
  if (node.enum) return node.enum;
  if (node.const !== undefined) return [node.const];
  if (node.type === "boolean") return [true, false];
  const alts = node.anyOf || node.oneOf;
  if (alts) return alts.flatMap((a) => enumValues(schema, resolve(schema, a)));
  return [];
}

// "standard：一、/（一）；county：…" or "leadership_speech 领导讲话 | …": the words the description gives a choice.
export function choiceLabel(description, value) {
  const esc = value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp("(?:^|[|；;，,\\s])" + esc + "\\s*[：:\\s]\\s*([^|；;]+)").exec(description);
  return m ? m[1].trim() : "";
}

function schemaCompletion(getSchema) {
  return async (ctx) => {
    const schema = await getSchema();
    if (!schema) return null;
    const line = ctx.state.doc.lineAt(ctx.pos);
    const before = line.text.slice(0, ctx.pos - line.from);
    if (/^\s*#/.test(before)) return null;
    const keyM = /^(\s*)((?:-\s+)*)([A-Za-z_][\w]*)?$/.exec(before);
    if (keyM) {
      const dashes = (keyM[2].match(/-/g) || []).length;
      const col = keyM[1].length + keyM[2].length;
      const path = pathBefore(ctx.state.doc, line.number, dashes ? keyM[1].length : col, dashes);
      const node = schemaAt(schema, path);
      if (!node || !node.properties) return null;
      const word = keyM[3] || "";
      if (!word && !ctx.explicit) return null;
      return {
        from: ctx.pos - word.length,
        options: Object.entries(node.properties).map(([key, raw]) => {
          const p = resolve(schema, raw) || {};
          return { label: key, detail: raw.title || p.title || "", info: raw.description || p.description || "", apply: key + ": ", type: "property" };
        }),
        validFor: /^\w*$/,
      };
    }
    const valM = /^(\s*)((?:-\s+)*)([A-Za-z_][\w]*):\s+([\w-]*)$/.exec(before);
    if (valM) {
      const dashes = (valM[2].match(/-/g) || []).length;
      const col = valM[1].length + valM[2].length;
      const path = pathBefore(ctx.state.doc, line.number, dashes ? valM[1].length : col, dashes);
      path.push(valM[3]);
      const node = schemaAt(schema, path);
      const values = enumValues(schema, node);
      if (!values.length) return null;
      const word = valM[4] || "";
      return {
        from: ctx.pos - word.length,
        options: values.filter((v) => v !== null && v !== "").map((v) => ({
          label: String(v),
          detail: choiceLabel((node && node.description) || "", String(v)) || (node && node.title) || "",
          info: (node && node.description) || "",
          type: "enum",
        })),
        validFor: /^[\w-]*$/,
      };
    }
    return null;
  };
}

// ---- problems and warnings beside the editor ----
function jumpTo(view, line, col) {
  const ln = view.state.doc.line(Math.max(1, Math.min(line, view.state.doc.lines)));
  const pos = Math.min(ln.from + Math.max(0, (col || 1) - 1), ln.to);
  view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: "center" }) });
  view.focus();
}

function fillList(list, items, view, emptyText) {
  if (!list) return;
  list.textContent = "";
  if (!items.length) {
    const li = document.createElement("li");
    li.className = "empty";
    li.textContent = emptyText;
    list.appendChild(li);
    return;
  }
  for (const p of items) {
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.type = "button";
    b.className = "linkish";
    const where = p.line ? "第 " + p.line + " 行" : "全文";
    b.textContent = where + (p.path ? "　" + p.path : "");
    b.setAttribute("aria-label", "跳到" + where + "：" + p.message);
    if (p.line) b.addEventListener("click", () => jumpTo(view, p.line, p.col));
    else b.disabled = true;
    const msg = document.createElement("span");
    msg.className = "msg";
    msg.textContent = p.message + (p.code ? " [" + p.code + "]" : "");
    li.appendChild(b);
    li.appendChild(msg);
    list.appendChild(li);
  }
}

function setStatus(el, text, kind) {
  if (!el) return;
  el.textContent = text;
  el.dataset.state = kind;
}

function mount(textarea) {
  const ds = textarea.dataset;
  const problemsList = byId(ds.problems);
  const warningsList = byId(ds.warnings);
  const status = byId(ds.status);
  const draftKey = ds.draftKey || "";
  let schemaPromise = null;
  const getSchema = () => {
    if (!ds.schemaUrl) return Promise.resolve(null);
    if (!schemaPromise) schemaPromise = fetch(ds.schemaUrl, { credentials: "same-origin" }).then((r) => (r.ok ? r.json() : null)).catch(() => null);
    return schemaPromise;
  };

  let saveTimer = null;
  let pending = null;
  const flushDraft = () => {
    clearTimeout(saveTimer);
    if (!draftKey || pending === null) return;
    const text = pending;
    pending = null;
    try {
      if (text === textarea.defaultValue) localStorage.removeItem(draftKey);
      else localStorage.setItem(draftKey, JSON.stringify({ text, at: new Date().toISOString() }));
    } catch (e) { /* storage full or disabled: editing still works */ }
  };
  const rememberDraft = (text) => {
    if (!draftKey) return;
    pending = text;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(flushDraft, 300);
  };
  // Leaving the page (a save, a download, a closed tab) writes the local copy at once.
  window.addEventListener("pagehide", flushDraft);
  document.addEventListener("submit", flushDraft, true);

  const validate = async (view) => {
    if (!ds.validateUrl) return [];
    const text = view.state.doc.toString();
    setStatus(status, "正在检查……", "loading");
    let data;
    try {
      const r = await fetch(ds.validateUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrfToken(), Accept: "application/json" },
        body: JSON.stringify({ text }),
      });
      if (r.status === 401 || r.status === 403) {
        setStatus(status, "登录已过期：未保存的内容已存在本机浏览器中，重新登录后会自动恢复。", "error");
        const relogin = byId(ds.relogin);
        if (relogin) relogin.hidden = false;
        return [];
      }
      if (!r.ok) throw new Error(String(r.status));
      data = await r.json();
    } catch (e) {
      setStatus(status, "检查失败（网络或服务器错误），稍后会自动重试。", "error");
      return [];
    }
    const problems = data.problems || [];
    const warnings = data.warnings || [];
    fillList(problemsList, problems, view, "没有问题。");
    fillList(warningsList, warnings, view, "没有提醒。");
    if (status) status.dataset.checked = String(Number(status.dataset.checked || 0) + 1);
    setStatus(status, problems.length ? "发现 " + problems.length + " 个问题，" + warnings.length + " 条提醒。" : "数据有效，" + warnings.length + " 条提醒。", problems.length ? "problems" : "ok");
    const doc = view.state.doc;
    return problems.filter((p) => p.line).map((p) => {
      const ln = doc.line(Math.max(1, Math.min(p.line, doc.lines)));
      const from = Math.min(ln.from + Math.max(0, (p.col || 1) - 1), ln.to);
      return { from, to: Math.max(from, ln.to), severity: "error", message: p.message + (p.code ? " [" + p.code + "]" : ""), source: p.path || undefined };
    });
  };

  const wrap = document.createElement("div");
  wrap.className = "cm-wrap";
  textarea.parentNode.insertBefore(wrap, textarea);
  textarea.hidden = true;
  textarea.setAttribute("aria-hidden", "true");

  const view = new EditorView({
    parent: wrap,
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        EditorView.cspNonce.of(cspNonce()),
        EditorState.phrases.of(PHRASES),
        lineNumbers(),
        EditorView.lineWrapping,
        highlightActiveLineGutter(),
        highlightActiveLine(),
        drawSelection(),
        history(),
        indentOnInput(),
        bracketMatching(),
        yaml(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        lintGutter(),
        linter(validate, { delay: 600 }),
        autocompletion({ override: [schemaCompletion(getSchema)], activateOnTyping: true }),
        keymap.of([...completionKeymap, ...defaultKeymap, ...historyKeymap]),
        EditorView.contentAttributes.of({ "aria-label": textarea.getAttribute("aria-label") || "YAML 事实数据", "aria-multiline": "true" }),
        EditorView.updateListener.of((u) => {
          if (!u.docChanged) return;
          const text = u.state.doc.toString();
          textarea.value = text;
          rememberDraft(text);
          textarea.dispatchEvent(new Event("input", { bubbles: true }));
        }),
      ],
    }),
  });

  // Restore text kept in this browser (for example typed before the session expired).
  if (draftKey) {
    let saved = null;
    try { saved = JSON.parse(localStorage.getItem(draftKey) || "null"); } catch (e) { saved = null; }
    if (saved && typeof saved.text === "string") {
      if (saved.text === textarea.value) localStorage.removeItem(draftKey);
      else {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: saved.text } });
        const note = byId(ds.restored);
        if (note) {
          note.hidden = false;
          const when = note.querySelector("[data-when]");
          if (when) when.textContent = (saved.at || "").replace("T", " ").slice(0, 19);
          const discard = note.querySelector("[data-discard]");
          if (discard) discard.addEventListener("click", () => {
            localStorage.removeItem(draftKey);
            view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: textarea.defaultValue } });
            note.hidden = true;
          });
        }
      }
    }
  }

  // Forms that carry the editor text (save, preview, form view) read the live text; a successful save
  // (the form has data-clears-draft) forgets the local copy once the server answers with the page.
  for (const form of document.querySelectorAll("form[data-carries-editor]")) {
    form.addEventListener("submit", () => { textarea.value = view.state.doc.toString(); });
  }

  // A link such as …/docs/3?rev=2#L101 (from the fact check) opens the editor on that line.
  const hashLine = /^#L(\d+)$/.exec(window.location.hash);
  if (hashLine) jumpTo(view, parseInt(hashLine[1], 10), 1);

  textarea.docgenView = view;
  window.docgenEditor = {
    view,
    text: () => view.state.doc.toString(),
    setText: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    jumpTo: (line, col) => jumpTo(view, line, col),
    relint: () => forceLinting(view),
  };
  return view;
}

function mountAll() {
  for (const ta of document.querySelectorAll("textarea[data-editor]")) {
    if (!ta.docgenView) mount(ta);
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
else mountAll();
