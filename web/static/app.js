// Progressive enhancement for the citizen site (the pages work without it): registers the service
// worker that makes the site installable and usable offline, and keeps the citizen's own booking
// (code, time, place; nothing else) on this device when the confirmation page shows it.
(function () {
  'use strict';
  var KEY = 'amt.booking';

  function remember() {
    var el = document.getElementById('booking-on-device');
    if (!el || !window.localStorage) return;
    var d = el.dataset;
    var saved = null;
    try { saved = JSON.parse(localStorage.getItem(KEY)); } catch (e) { saved = null; }
    var same = saved && saved.code === d.code;
    if (d.state === 'cancelled') {
      if (same) localStorage.removeItem(KEY);
      return;
    }
    if (d.state !== 'booked' && !same) return;  // only the confirmation stores a new booking
    localStorage.setItem(KEY, JSON.stringify({ code: d.code, date: d.date, time: d.time, place: d.place }));
  }

  try { remember(); } catch (e) { /* storage may be full or forbidden: the page still works */ }
  if ('serviceWorker' in navigator) {
    var lang = encodeURIComponent(document.documentElement.lang || 'de');
    navigator.serviceWorker.register('/sw.js?lang=' + lang, { scope: '/' }).catch(function () {});
  }
})();
