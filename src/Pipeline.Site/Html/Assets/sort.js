// Sort toggle for list pages: flips the order of entries by their data-date (ISO date) attribute.
// Loaded as an external script (CSP: script-src 'self'); lists without a toggle are left alone.
(function () {
  'use strict';
  function init() {
    var buttons = document.querySelectorAll('button[data-sort-target]');
    Array.prototype.forEach.call(buttons, function (button) {
      var list = document.getElementById(button.getAttribute('data-sort-target'));
      if (!list) return;
      button.hidden = false;
      button.addEventListener('click', function () {
        // Pressed = oldest first; the page is delivered newest first.
        var oldestFirst = button.getAttribute('aria-pressed') !== 'true';
        var items = Array.prototype.slice.call(list.children);
        items.sort(function (a, b) {
          var da = a.getAttribute('data-date') || '', db = b.getAttribute('data-date') || '';
          var sa = +a.getAttribute('data-seq'), sb = +b.getAttribute('data-seq');
          var c = da < db ? -1 : da > db ? 1 : sa - sb;
          return oldestFirst ? c : -c;
        });
        items.forEach(function (item) { list.appendChild(item); });
        button.setAttribute('aria-pressed', oldestFirst ? 'true' : 'false');
      });
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
})();
