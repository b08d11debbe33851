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

  // A file over the upload limit is refused here with the server's own words, instead of being
  // sent in vain: far over the limit, the server would have to cut the upload off.
  function checkUploadSize() {
    var form = document.getElementById('upload-form');
    var input = document.getElementById('file');
    if (!form || !input || !input.dataset.maxBytes) return;
    form.addEventListener('submit', function (event) {
      var file = input.files && input.files[0];
      if (!file || file.size <= Number(input.dataset.maxBytes)) return;
      event.preventDefault();
      var error = document.getElementById('file-error');
      if (!error) {
        error = document.createElement('p');
        error.className = 'kern-error';
        error.id = 'file-error';
        input.parentNode.insertBefore(error, input);
        input.setAttribute('aria-describedby', 'file-hint file-error');
        input.parentNode.classList.add('kern-form-input--error');
      }
      error.textContent = input.dataset.tooLarge;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    });
  }

  try { remember(); } catch (e) { /* storage may be full or forbidden: the page still works */ }
  checkUploadSize();
  if ('serviceWorker' in navigator) {
    var lang = encodeURIComponent(document.documentElement.lang || 'de');
    navigator.serviceWorker.register('/sw.js?lang=' + lang, { scope: '/' }).catch(function () {});
  }
})();
