// The agency portal's page. No framework, no inline script (the page's CSP allows only this file), and every value
// from the API or the clerk goes into the page as text (textContent / attributes), never as HTML.
"use strict";
(function () {
  var api = "/api/portal";
  var me = null;
  var english = false;
  var uploads = []; // {file, name, state: {...}, verdict, error, progress}
  var pollDelayMs = 1500;

  function $(id) { return document.getElementById(id); }

  // el("p", {class: "x"}, "text", child...): text arguments become text nodes, so nothing is ever parsed as HTML.
  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) return;
      if (k === "text") node.textContent = attrs[k]; else node.setAttribute(k, attrs[k] === true ? "" : String(attrs[k]));
    });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  // A message in Chinese, with its English text below when the clerk asked for English.
  function bilingual(tag, zh, en, attrs) {
    var node = el(tag, attrs || {}, zh || "");
    if (english && en) node.appendChild(el("span", { "class": "en", lang: "en" }, en));
    return node;
  }

  function request(method, path, body) {
    var init = { method: method, credentials: "same-origin", headers: { "Accept": "application/json", "X-Requested-With": "XMLHttpRequest" } };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.headers["X-Portal-Request"] = "1";
      init.body = JSON.stringify(body);
    }
    return fetch(api + path, init).then(function (response) {
      return response.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        return { status: response.status, ok: response.ok, body: json };
      });
    }, function () {
      return { status: 0, ok: false, body: { message: "无法连接服务器,请检查网络后重试。", messageEn: "The server cannot be reached; check the network and try again." } };
    });
  }

  function formatTime(iso) {
    if (!iso) return "";
    var date = new Date(iso);
    if (isNaN(date.getTime())) return "";
    var parts = new Intl.DateTimeFormat("zh-CN", { timeZone: me.timeZone, year: "numeric", month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(date).reduce(function (acc, p) { acc[p.type] = p.value; return acc; }, {});
    return parts.year + "年" + parts.month + "月" + parts.day + "日 " + parts.hour + ":" + parts.minute + "(UTC" + me.utcOffset + ")";
  }

  function showNotice(zh, en, link) {
    var notice = $("notice");
    notice.textContent = "";
    notice.appendChild(bilingual("p", zh, en));
    if (link) notice.appendChild(el("p", {}, el("a", { href: link.href }, link.text)));
    notice.hidden = false;
  }

  function start() {
    $("lang").addEventListener("click", function () {
      english = !english;
      $("lang").setAttribute("aria-pressed", english ? "true" : "false");
      renderUploads();
      if (me) loadHistory();
    });
    request("GET", "/me").then(function (r) {
      $("loading").hidden = true;
      if (r.status === 200) { signedIn(r.body); return; }
      var b = r.body || {};
      if (r.status === 401) {
        showNotice(b.message || "请先登录。", b.messageEn || "Sign in first.", { href: b.signInUrl || "/.auth/login/aad", text: "登录 / Sign in" });
      } else if (r.status === 403) {
        // A refusal in both languages, always: the clerk may forward it to the administrator.
        var was = english; english = true;
        showNotice(b.message || "您没有权限使用本系统。", b.messageEn || "You have no access.");
        english = was;
      } else {
        showNotice(b.message || "服务暂时不可用,请稍后重试。", b.messageEn || "The service is unavailable; try again later.");
      }
    });
  }

  function signedIn(identity) {
    me = identity;
    var account = $("account");
    account.textContent = "";
    account.appendChild(el("span", {}, "已登录:" + (me.name || "") + "(" + me.publisherName + ")"));
    account.appendChild(document.createTextNode(" "));
    account.appendChild(el("a", { href: me.signOutUrl }, "退出"));
    $("limits").textContent = "可上传 Word(.docx)、PDF、网页(.html/.htm)、文本(.txt/.md)文件,每个不超过 " + megabytes(me.limits.maxBytes) + "。";
    $("zone").textContent = "按网站时区 " + me.timeZone + "(UTC" + me.utcOffset + ")填写。不填写时,以文件中的发布日期为准;文件中也没有的,校验通过后即发布。";
    $("upload-section").hidden = false;
    $("history-section").hidden = false;
    wireUpload();
    wireHistory();
    loadHistory(true);
  }

  function megabytes(bytes) { return Math.round(bytes / 1048576 * 10) / 10 + " MB"; }

  function extensionOf(name) { var i = name.lastIndexOf("."); return i < 0 ? "" : name.slice(i).toLowerCase(); }

  // The same limits the pipeline applies, from /me, checked before anything is sent.
  function checkFile(file) {
    if (me.limits.extensions.indexOf(extensionOf(file.name)) < 0)
      return { message: "不支持此文件类型(" + (extensionOf(file.name) || "无扩展名") + ")。请上传 Word(.docx)、PDF、网页(.html)或文本(.txt)文件;旧版 .doc/.wps 请先另存为 .docx 或 PDF。",
        messageEn: "This file type is not read. Upload Word (.docx), PDF, a web page (.html) or text (.txt); save legacy .doc/.wps as .docx or PDF first." };
    if (file.size <= 0 || file.size > me.limits.maxBytes)
      return { message: "文件大小应在 1 字节到 " + megabytes(me.limits.maxBytes) + " 之间(此文件 " + megabytes(file.size) + ")。",
        messageEn: "The file must be between 1 byte and " + megabytes(me.limits.maxBytes) + " (this one is " + megabytes(file.size) + ")." };
    return null;
  }

  var pending = [];

  function wireUpload() {
    var drop = $("drop");
    ["dragenter", "dragover"].forEach(function (type) {
      drop.addEventListener(type, function (e) { e.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (type) {
      drop.addEventListener(type, function () { drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (e) {
      e.preventDefault();
      pending = Array.prototype.slice.call(e.dataTransfer.files);
      submit();
    });
    $("files").addEventListener("change", function () { pending = Array.prototype.slice.call($("files").files); });
    $("upload-form").addEventListener("submit", function (e) {
      e.preventDefault();
      if (!pending.length) pending = Array.prototype.slice.call($("files").files);
      if (!pending.length) { showNotice("请先选择要上传的文件。", "Choose a file to upload first."); $("files").focus(); return; }
      submit();
    });
  }

  function submit() {
    $("notice").hidden = true;
    var releaseAt = $("release-at").value || null;
    var changeNote = $("change-note").value.trim() || null;
    pending.forEach(function (file) {
      var item = { name: file.name, state: null, verdict: null, error: null, progress: 0 };
      uploads.unshift(item);
      var problem = checkFile(file);
      if (problem) { item.error = problem; renderUploads(); return; }
      renderUploads();
      request("POST", "/uploads", { fileName: file.name, size: file.size, releaseAt: releaseAt, changeNote: changeNote }).then(function (r) {
        if (!r.ok) { item.error = r.body || { message: "无法上传(HTTP " + r.status + ")。", messageEn: "Upload refused (HTTP " + r.status + ")." }; renderUploads(); return; }
        item.name = r.body.fileName;
        put(item, file, r.body);
      });
    });
    pending = [];
    $("files").value = "";
  }

  function put(item, file, ticket) {
    var xhr = new XMLHttpRequest();
    xhr.open("PUT", ticket.uploadUrl);
    Object.keys(ticket.headers).forEach(function (name) { xhr.setRequestHeader(name, ticket.headers[name]); });
    xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) { item.progress = Math.round(e.loaded / e.total * 100); updateProgress(item); }
    });
    xhr.addEventListener("load", function () {
      if (xhr.status >= 200 && xhr.status < 300) {
        item.progress = 100;
        item.state = { key: "received", label: "已上传,等待校验", labelEn: "Uploaded, waiting for validation" };
        renderUploads();
        poll(item);
      } else {
        item.error = { message: "上传失败(存储服务返回 " + xhr.status + "),请重新上传。", messageEn: "The upload failed (storage answered " + xhr.status + "); upload again." };
        renderUploads();
      }
    });
    xhr.addEventListener("error", function () {
      item.error = { message: "上传中断,请检查网络后重新上传。", messageEn: "The upload was interrupted; check the network and upload again." };
      renderUploads();
    });
    xhr.send(file);
  }

  function poll(item) {
    request("GET", "/upload?file=" + encodeURIComponent(item.name)).then(function (r) {
      if (r.status === 200) {
        var changed = !item.verdict || item.verdict.state.key !== r.body.state.key;
        item.verdict = r.body;
        item.state = r.body.state;
        if (changed) {
          renderUploads();
          // Screen readers hear each new state once, without the whole list being read again.
          $("announce").textContent = item.name + ":" + r.body.state.label;
          if (r.body.final) loadHistory();
        }
        if (r.body.final && r.body.state.key !== "rendered" && r.body.state.key !== "held") return;
        if (r.body.state.key === "published") return;
      }
      setTimeout(function () { poll(item); }, pollDelayMs);
    });
  }

  function updateProgress(item) {
    var bar = document.querySelector("progress[data-file=\"" + CSS.escape(item.name) + "\"]");
    if (bar) { bar.value = item.progress; bar.textContent = item.progress + "%"; }
  }

  function renderUploads() {
    var list = $("uploads");
    list.textContent = "";
    $("no-uploads").hidden = uploads.length > 0;
    uploads.forEach(function (item) { list.appendChild(renderUpload(item)); });
  }

  function renderUpload(item) {
    var li = el("li", { "class": "upload", "data-file": item.name });
    li.appendChild(el("h3", {}, item.name));
    if (item.error) {
      li.appendChild(bilingual("p", item.error.message, item.error.messageEn, { "class": "state state-rejected" }));
      return li;
    }
    if (!item.state) {
      li.appendChild(el("progress", { max: 100, value: item.progress, "data-file": item.name, "aria-label": item.name + " 上传进度" }, item.progress + "%"));
      return li;
    }
    li.appendChild(bilingual("p", "状态:" + item.state.label, "State: " + item.state.labelEn, { "class": "state state-" + item.state.key, "data-state": item.state.key }));
    var v = item.verdict;
    if (!v) return li;
    if (v.indexCode) li.appendChild(el("p", {}, "索引号 " + v.indexCode + (v.version ? ",第 " + v.version + " 版" : "") + (v.title ? ":" + v.title : "")));
    if (v.changeNote) li.appendChild(el("p", {}, "修订说明:" + v.changeNote));
    li.appendChild(findings("错误(须修改后重新上传)", v.errors, "errors"));
    li.appendChild(findings("提示", v.warnings, "warnings"));
    if (v.personalDataCount) li.appendChild(el("p", {}, "发现 " + v.personalDataCount + " 处个人信息,需管理员审核。"));
    if (v.metadata && v.metadata.length) li.appendChild(metadataTable(v.metadata));
    var actions = el("p", { "class": "actions" });
    if (v.canPreview) actions.appendChild(previewButton(v.indexCode, actions));
    if (v.publicUrl && v.state.key === "published") actions.appendChild(el("a", { href: v.publicUrl, "class": "public-link" }, "查看公开页面"));
    if (actions.childNodes.length) li.appendChild(actions);
    return li;
  }

  function findings(title, list, kind) {
    if (!list || !list.length) return document.createTextNode("");
    var box = el("div", { "class": kind });
    box.appendChild(el("p", { "class": "finding-title" }, title + "(" + list.length + ")"));
    var ul = el("ul", { "class": "findings" });
    list.forEach(function (f) {
      var li = bilingual("li", (f.location ? "[" + f.location + "] " : "") + f.message, f.messageEn, { "data-code": f.code });
      ul.appendChild(li);
    });
    box.appendChild(ul);
    return box;
  }

  function metadataTable(fields) {
    var table = el("table", { "class": "meta" }, el("caption", {}, "系统读取的信息及来源(请核对)"));
    table.appendChild(el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "项目"), el("th", { scope: "col" }, "内容"), el("th", { scope: "col" }, "来源"))));
    var body = el("tbody");
    fields.forEach(function (f) {
      body.appendChild(el("tr", { "data-field": f.field }, el("th", { scope: "row" }, f.label), el("td", {}, f.value || "(未读到)"),
        bilingual("td", f.sourceLabel, f.sourceLabelEn)));
    });
    table.appendChild(body);
    return table;
  }

  function previewButton(indexCode, container) {
    var button = el("button", { type: "button", "class": "secondary" }, "生成预览链接");
    button.addEventListener("click", function () {
      request("POST", "/preview", { indexCode: indexCode }).then(function (r) {
        var old = container.querySelector(".preview-link");
        if (old) old.remove();
        if (!r.ok) { container.appendChild(bilingual("span", (r.body || {}).message || "无法预览。", (r.body || {}).messageEn, { "class": "preview-link" })); return; }
        var link = el("a", { href: r.body.url, target: "_blank", rel: "noopener", "class": "preview-link" }, "打开预览(有效期至 " + formatTime(r.body.expiresAt) + ")");
        container.appendChild(link);
        link.focus();
      });
    });
    return button;
  }

  function wireHistory() {
    $("filters").addEventListener("submit", function (e) { e.preventDefault(); loadHistory(); });
  }

  // A verdict arriving reloads the history too: only the latest request may fill the table, or an earlier unfiltered
  // answer landing late would overwrite the filtered one.
  var historyRequest = 0;

  function loadHistory(fillYears) {
    var year = $("filter-year").value, state = $("filter-state").value;
    var query = "?" + (year ? "year=" + encodeURIComponent(year) + "&" : "") + (state ? "state=" + encodeURIComponent(state) : "");
    var mine = ++historyRequest;
    $("history").setAttribute("aria-busy", "true");
    request("GET", "/reports" + query).then(function (r) {
      if (mine !== historyRequest) return;
      $("history").setAttribute("aria-busy", "false");
      if (!r.ok) return;
      if (fillYears) {
        var years = r.body.map(function (x) { return x.year; }).filter(function (y, i, all) { return all.indexOf(y) === i; }).sort().reverse();
        years.forEach(function (y) { $("filter-year").appendChild(el("option", { value: y }, y + "年")); });
      }
      var body = document.querySelector("#history tbody");
      body.textContent = "";
      $("history-empty").hidden = r.body.length > 0;
      r.body.forEach(function (report) { body.appendChild(historyRow(report)); });
    });
  }

  function historyRow(report) {
    var tr = el("tr", { "data-index-code": report.indexCode });
    tr.appendChild(el("td", {}, report.indexCode));
    var title = el("td", {}, report.title || report.fileName);
    if (report.versions && report.versions.length > 1 || report.versions.some(function (v) { return v.changeNote; })) {
      var versions = el("ul", { "class": "versions" });
      report.versions.forEach(function (v) {
        versions.appendChild(el("li", {}, "第 " + v.version + " 版 " + formatTime(v.receivedAt) + " " + v.fileName + (v.changeNote ? ":" + v.changeNote : "")));
      });
      title.appendChild(versions);
    }
    tr.appendChild(title);
    var state = bilingual("td", report.state.label, report.state.labelEn, { "data-state": report.state.key });
    if (report.withdrawnAt) state.appendChild(el("span", { "class": "en" }, "撤回时间 " + formatTime(report.withdrawnAt)));
    tr.appendChild(state);
    tr.appendChild(el("td", {}, String(report.version)));
    tr.appendChild(el("td", {}, report.publishedAt ? formatTime(report.publishedAt) : report.releaseAt ? "定于 " + formatTime(report.releaseAt) : "—"));
    var actions = el("td", {});
    var box = el("p", { "class": "actions" });
    if (report.publicUrl) box.appendChild(el("a", { href: report.publicUrl }, report.state.key === "withdrawn" ? "撤回说明页" : "公开页面"));
    if (report.canPreview) box.appendChild(previewButton(report.indexCode, box));
    actions.appendChild(box.childNodes.length ? box : document.createTextNode("—"));
    tr.appendChild(actions);
    return tr;
  }

  document.addEventListener("DOMContentLoaded", start);
})();
