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

// The floor pages (reception, desk) stay current without reloads: the part #floor-live listens to
// the queue's event stream and, when the queue's stamp changes, fetches the page again and swaps
// that part in. No polling; EventSource reconnects by itself (and we reopen a refused stream). The
// waiting minutes and the emergency alarm follow the clock between changes.
(function () {
  'use strict';
  var live = document.getElementById('floor-live');
  if (!live || !window.EventSource || !window.fetch || !window.DOMParser) return;
  var stamp = live.getAttribute('data-stamp');
  var offset = Number(live.getAttribute('data-now')) * 1000 - Date.now();  // server clock minus ours
  var alarmAfter = Number(live.getAttribute('data-alarm-after'));
  var pending = false;
  var loading = false;

  function nowSeconds() { return (Date.now() + offset) / 1000; }

  function tick() {
    var now = nowSeconds();
    Array.prototype.forEach.call(live.querySelectorAll('[data-since]'), function (el) {
      el.textContent = String(Math.max(0, Math.floor((now - Number(el.getAttribute('data-since'))) / 60)));
    });
    Array.prototype.forEach.call(live.querySelectorAll('[data-alarm-since]'), function (el) {
      var due = now - Number(el.getAttribute('data-alarm-since')) > alarmAfter;
      if (due && el.hidden) el.hidden = false;
    });
  }

  // Someone choosing a colleague in a list keeps their choice: the swap waits until they leave it.
  function busy() {
    var active = document.activeElement;
    return active && live.contains(active) && active.tagName === 'SELECT';
  }

  function swap(html) {
    var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('floor-live');
    if (!fresh) return;
    var hadFocus = document.activeElement && live.contains(document.activeElement) ? document.activeElement.id : '';
    live.innerHTML = fresh.innerHTML;
    ['data-stamp', 'data-now', 'data-alarm-after'].forEach(function (name) {
      live.setAttribute(name, fresh.getAttribute(name));
    });
    stamp = fresh.getAttribute('data-stamp');
    offset = Number(fresh.getAttribute('data-now')) * 1000 - Date.now();
    if (hadFocus && document.getElementById(hadFocus)) document.getElementById(hadFocus).focus();
    tick();
  }

  function reload() {
    if (busy()) { pending = true; return; }
    if (loading) { pending = true; return; }
    loading = true;
    pending = false;
    fetch(window.location.pathname, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(swap)
      .catch(function () {})
      .then(function () { loading = false; if (pending) reload(); });
  }

  live.addEventListener('focusout', function () { if (pending) setTimeout(reload, 0); });

  function connect() {
    var source = new EventSource(live.getAttribute('data-events'));
    source.addEventListener('queue', function (e) {
      live.setAttribute('data-live', 'on');  // listening (for people and tests alike)
      if (JSON.parse(e.data).stamp !== stamp) reload();
    });
    source.addEventListener('error', function () {
      live.setAttribute('data-live', 'off');
      if (source.readyState === EventSource.CLOSED) setTimeout(connect, 2000);
    });
  }

  connect();
  setInterval(tick, 15000);
}());
