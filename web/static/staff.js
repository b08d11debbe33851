// Keyboard shortcuts of the service-center console (every page works without them): "/" focuses
// the concern search, Alt+N searches the next free time, Alt+F focuses "find a booking", Alt+M
// opens "move" on a booking. Keys are
// matched by position (event.code), so Alt+N works on layouts where it types a special character.
(function () {
  'use strict';
  function typing(el) {
    return el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
  }
  function focus(id) {
    var el = document.getElementById(id);
    if (!el) return false;
    el.focus();
    if (el.select) el.select();
    return true;
  }
  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey) return;
    if (e.key === '/' && !e.altKey && !typing(document.activeElement)) {
      if (focus('concern')) e.preventDefault();
      return;
    }
    if (!e.altKey) return;
    if (e.code === 'KeyN') {
      var next = document.getElementById('next-free');
      if (next) { e.preventDefault(); next.click(); }
    } else if (e.code === 'KeyF') {
      if (focus('q')) e.preventDefault();
    } else if (e.code === 'KeyM') {
      var move = document.getElementById('move-link');
      if (move) { e.preventDefault(); move.click(); }
    }
  });
})();
