// amtstermin kiosk board (issue #5): the on-screen keypad, the print button, the idle reset (back
// to the start screen with every value wiped) and the "one moment" screen while the server cannot
// be reached, which reloads the start screen by itself once the server answers again.
(function () {
  'use strict';
  var body = document.body;
  var idleMs = (parseInt(body.getAttribute('data-idle-seconds'), 10) || 60) * 1000;
  var pollMs = (parseInt(body.getAttribute('data-poll-seconds'), 10) || 5) * 1000;
  var onStart = location.pathname === '/kiosk' && !location.search;

  // Empties every field and the page itself before leaving: nothing entered stays in the DOM.
  function wipeAndRestart() {
    Array.prototype.forEach.call(document.querySelectorAll('input, textarea'), function (el) {
      if (el.type !== 'hidden') el.value = '';
    });
    var main = document.getElementById('main');
    if (main) main.textContent = '';
    document.title = '';
    location.replace('/kiosk');
  }

  var idleTimer = null;
  function touched() {
    if (idleTimer) clearTimeout(idleTimer);
    if (!onStart) idleTimer = setTimeout(wipeAndRestart, idleMs);
  }
  ['pointerdown', 'keydown', 'input', 'touchstart'].forEach(function (type) {
    document.addEventListener(type, touched, { passive: true, capture: true });
  });
  touched();

  // Keypad: taps type into the code field; a scanner types into it directly.
  var form = document.querySelector('[data-keypad]');
  if (form) {
    var code = form.querySelector('input[name="code"]');
    form.addEventListener('click', function (event) {
      var key = event.target.closest('[data-key], [data-key-delete]');
      if (!key || !code) return;
      if (key.hasAttribute('data-key-delete')) code.value = code.value.slice(0, -1);
      else if (code.value.length < 32) code.value += key.getAttribute('data-key');
    });
  }

  var print = document.querySelector('[data-print]');
  if (print) print.addEventListener('click', function () { window.print(); });

  // A double tap on a submit button sends the form once; a retry carries the same request id anyway.
  Array.prototype.forEach.call(document.querySelectorAll('form'), function (f) {
    f.addEventListener('submit', function (event) {
      if (f.getAttribute('data-sent')) { event.preventDefault(); return; }
      f.setAttribute('data-sent', '1');
    });
  });

  var waitScreen = document.getElementById('kiosk-wait');
  var lost = false;
  function poll() {
    var controller = window.AbortController ? new AbortController() : null;
    var timeout = setTimeout(function () { if (controller) controller.abort(); }, Math.min(pollMs, 4000));
    fetch('/kiosk/health', { cache: 'no-store', signal: controller ? controller.signal : undefined })
      .then(function (response) {
        clearTimeout(timeout);
        if (!response.ok) throw new Error('status ' + response.status);
        if (lost) wipeAndRestart();
      })
      .catch(function () {
        clearTimeout(timeout);
        lost = true;
        if (waitScreen) waitScreen.hidden = false;
      })
      .then(function () { setTimeout(poll, lost ? Math.min(pollMs, 2000) : pollMs); });
  }
  setTimeout(poll, pollMs);
})();
