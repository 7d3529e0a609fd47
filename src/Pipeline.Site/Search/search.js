// Static-site search (CSP: external script, no inline code, results built with textContent only).
// Index format and tokenisation mirror Pipeline.Core.Site.SearchTokenizer / SearchSegment: keep them in step.
(function () {
  'use strict';
  var PAGE = 20;

  function isHan(c) { return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF); }
  function isWord(c) { return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122); }

  // The terms a query needs: bigrams of each Han run (a lone character alone), lowercase ASCII words.
  function queryTerms(query) {
    var text = query.normalize('NFKC'), terms = [], seen = Object.create(null), i = 0;
    function add(t) { if (!seen[t]) { seen[t] = true; terms.push(t); } }
    while (i < text.length) {
      var c = text.charCodeAt(i), start = i;
      if (isHan(c)) {
        while (i < text.length && isHan(text.charCodeAt(i))) i++;
        if (i - start === 1) add(text.charAt(start));
        for (var k = start; k + 1 < i; k++) add(text.substr(k, 2));
      } else if (isWord(c)) {
        while (i < text.length && isWord(text.charCodeAt(i))) i++;
        add(text.substring(start, i).toLowerCase());
      } else {
        i++;
      }
    }
    return terms;
  }

  function fnv1a(term) {
    var h = 0x811c9dc5;
    for (var i = 0; i < term.length; i++) { h ^= term.charCodeAt(i); h = Math.imul(h, 16777619) >>> 0; }
    return h >>> 0;
  }

  function Reader(bytes) { this.b = bytes; this.p = 0; }
  Reader.prototype.varint = function () {
    var v = 0, shift = 0, x;
    do { x = this.b[this.p++]; v += (x & 0x7f) * Math.pow(2, shift); shift += 7; } while (x >= 0x80);
    return v;
  };

  function readList(r) {
    var header = r.varint(), ids = [];
    if (header === 0) return ids;
    var length = Math.floor(header / 2), end = r.p + length;
    if (header % 2 === 1) {
      for (var b = 0; b < length; b++) {
        var byte = r.b[r.p + b];
        for (var bit = 0; bit < 8; bit++) if (byte & (1 << bit)) ids.push(b * 8 + bit);
      }
      r.p = end;
    } else {
      var id = 0, first = true;
      while (r.p < end) { var gap = r.varint(); id = first ? gap : id + gap; first = false; ids.push(id); }
    }
    return ids;
  }

  // Finds the postings of one term hash in a decoded shard: {body: [...], title: [...]}, or null.
  function lookup(bytes, hash) {
    var r = new Reader(bytes), count = r.varint(), h = 0;
    for (var t = 0; t < count; t++) {
      h = (h + r.varint()) >>> 0;
      if (h === hash) return { body: readList(r), title: readList(r) };
      skipList(r); skipList(r);
      if (h > hash) return null;
    }
    return null;
  }
  function skipList(r) { var header = r.varint(); r.p += Math.floor(header / 2); }

  var cache = Object.create(null);
  function fetchBytes(url) {
    if (!cache[url]) cache[url] = fetch(url).then(function (res) {
      if (!res.ok) throw new Error(url + ': ' + res.status);
      return res.arrayBuffer();
    }).then(function (buf) { return new Uint8Array(buf); });
    return cache[url];
  }
  function fetchJson(url) {
    return fetch(url).then(function (res) { if (!res.ok) throw new Error(url + ': ' + res.status); return res.json(); });
  }

  function intersect(a, b) {
    var set = Object.create(null), out = [];
    for (var i = 0; i < b.length; i++) set[b[i]] = true;
    for (var j = 0; j < a.length; j++) if (set[a[j]]) out.push(a[j]);
    return out;
  }

  // AND of all terms in every segment; title hits first, then newest (publish order) first.
  function search(manifest, terms, getBytes) {
    var hashes = terms.map(fnv1a);
    // Ranks withdrawn from a segment that was not rewritten: their postings remain until it is.
    var withdrawn = Object.create(null);
    (manifest.withdrawn || []).forEach(function (rank) { withdrawn[rank] = true; });
    return Promise.all(manifest.segments.map(function (seg) {
      return Promise.all(hashes.map(function (hash) {
        var shard = seg.shards === 1 ? 0 : (hash & (seg.shards - 1)) >>> 0;
        return getBytes('/search/s/' + seg.id + '/' + shard + '.bin').then(function (bytes) { return lookup(bytes, hash); });
      })).then(function (lists) {
        var docs = null, titles = null;
        for (var i = 0; i < lists.length; i++) {
          var p = lists[i] || { body: [], title: [] };
          var all = p.body.concat(p.title);
          docs = docs === null ? all : intersect(docs, all);
          titles = titles === null ? p.title : intersect(titles, p.title);
        }
        var titleSet = Object.create(null);
        (titles || []).forEach(function (id) { titleSet[id] = true; });
        var seen = Object.create(null), hits = [];
        (docs || []).forEach(function (id) {
          if (seen[id] || withdrawn[seg.base + id]) return; seen[id] = true;
          hits.push({ rank: seg.base + id, title: !!titleSet[id] });
        });
        return hits;
      });
    })).then(function (perSegment) {
      var hits = [].concat.apply([], perSegment);
      hits.sort(function (a, b) { return a.title !== b.title ? (a.title ? -1 : 1) : b.rank - a.rank; });
      return hits;
    });
  }

  function dd(dl, label, value) {
    var dt = document.createElement('dt'); dt.textContent = label; dl.appendChild(dt);
    var d = document.createElement('dd'); d.textContent = value || ''; dl.appendChild(d);
  }

  function show(manifest, hits, from, list, status, more) {
    var slice = hits.slice(from, from + PAGE), chunks = Object.create(null);
    slice.forEach(function (h) { chunks[Math.floor(h.rank / manifest.chunk)] = true; });
    return Promise.all(Object.keys(chunks).map(function (c) {
      return fetchJson('/search/docs/' + c + '.json').then(function (docs) { return [c, docs]; });
    })).then(function (loaded) {
      var byChunk = Object.create(null);
      loaded.forEach(function (pair) { byChunk[pair[0]] = pair[1]; });
      slice.forEach(function (h) {
        var doc = (byChunk[Math.floor(h.rank / manifest.chunk)] || [])[h.rank % manifest.chunk];
        if (!doc) return; // withdrawn since the index was read
        var li = document.createElement('li'), a = document.createElement('a');
        a.className = 't'; a.href = doc[1]; a.textContent = doc[0]; li.appendChild(a);
        var dl = document.createElement('dl');
        dd(dl, '索引号', doc[4]); dd(dl, '发布机构', doc[2]); dd(dl, '发布日期', doc[3]);
        li.appendChild(dl); list.appendChild(li);
      });
      var shown = Math.min(hits.length, from + PAGE);
      status.textContent = '找到 ' + hits.length + ' 条结果' + (hits.length ? '，显示前 ' + shown + ' 条。' : '。');
      more.hidden = shown >= hits.length;
      return shown;
    });
  }

  function init() {
    var list = document.getElementById('search-results'), status = document.getElementById('search-status');
    var input = document.getElementById('q');
    if (!list || !status || !input) return;
    var query = new URLSearchParams(window.location.search).get('q') || '';
    input.value = query;
    var terms = queryTerms(query);
    if (!terms.length) return;
    var more = document.createElement('button');
    more.type = 'button'; more.hidden = true; more.textContent = '显示更多结果';
    list.parentNode.insertBefore(more, list.nextSibling);
    status.textContent = '正在检索……';
    fetchJson('/search/manifest.json').then(function (manifest) {
      return search(manifest, terms, fetchBytes).then(function (hits) {
        var shown = 0;
        more.addEventListener('click', function () {
          show(manifest, hits, shown, list, status, more).then(function (n) { shown = n; });
        });
        return show(manifest, hits, 0, list, status, more).then(function (n) { shown = n; });
      });
    }).catch(function () { status.textContent = '检索暂时不可用，请稍后再试。'; });
  }

  if (typeof module !== 'undefined' && module.exports) module.exports = { queryTerms: queryTerms, fnv1a: fnv1a, lookup: lookup, search: search };
  else if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
})();
