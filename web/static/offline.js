// The offline page: shows the booking this device saved on the confirmation page, if any.
(function () {
  'use strict';
  var box = document.getElementById('saved-booking');
  if (!box || !window.localStorage) return;
  var saved = null;
  try { saved = JSON.parse(localStorage.getItem('amt.booking')); } catch (e) { saved = null; }
  if (!saved || !saved.code) return;
  ['code', 'date', 'time', 'place'].forEach(function (field) {
    var el = box.querySelector('[data-field="' + field + '"]');
    if (el) el.textContent = String(saved[field] || '');
  });
  box.hidden = false;
})();
