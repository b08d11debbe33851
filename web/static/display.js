// The waiting-room call display: fills the page from the server's event stream (no polling, no
// reloads), chimes on a new call, and shows a calm "one moment" while the connection is down.
(function () {
  'use strict';
  var root = document.getElementById('display');
  if (!root || !window.EventSource) return;
  var eventsUrl = root.getAttribute('data-events');
  var shown = {};        // ids of the calls on screen, so a replayed call does not chime twice
  var lastId = '';       // for a stream we open ourselves (EventSource sends it on its own retries)
  var offlineTimer = null;
  var audio = null;

  function el(id) { return document.getElementById(id); }

  // A two-note chime made with WebAudio: no audio file, no inline script.
  function chime() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    if (!audio) audio = new Context();
    if (audio.state === 'suspended') { el('sound').hidden = false; return; }
    [659.25, 880].forEach(function (freq, i) {
      var start = audio.currentTime + i * 0.35;
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.4, start + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.9);
      osc.connect(gain).connect(audio.destination);
      osc.start(start);
      osc.stop(start + 1);
    });
  }

  el('sound').addEventListener('click', function () {
    if (audio) audio.resume();
    el('sound').hidden = true;
  });

  function render(recent) {
    var current = recent[0];
    el('empty').hidden = !!current;
    el('current-call').hidden = !current;
    el('current-place').hidden = !current;
    el('current-number').textContent = current ? current.number : '';
    el('current-room').textContent = current ? current.room : '';
    var body = el('recent');
    while (body.firstChild) body.removeChild(body.firstChild);
    recent.slice(1, 6).forEach(function (call) {
      var row = document.createElement('tr');
      [call.number, call.room, call.time].forEach(function (text) {
        var cell = document.createElement('td');
        cell.textContent = text;
        row.appendChild(cell);
      });
      body.appendChild(row);
    });
    shown = {};
    recent.forEach(function (call) { shown[call.id] = true; });
  }

  function online() {
    clearTimeout(offlineTimer);
    offlineTimer = null;
    el('offline').hidden = true;
    root.classList.remove('display--offline');
  }

  // Short drops (a server restart) reconnect within a second or two: only a longer one shows.
  function offline() {
    if (offlineTimer || !el('offline').hidden) return;
    offlineTimer = setTimeout(function () {
      el('offline').hidden = false;
      root.classList.add('display--offline');
    }, 1500);
  }

  function connect() {
    var url = eventsUrl + (lastId ? '?last_event_id=' + encodeURIComponent(lastId) : '');
    var source = new EventSource(url);
    source.addEventListener('state', function (e) {
      var state = JSON.parse(e.data);
      var fresh = state.missed.some(function (call) { return !shown[call.id]; });
      render(state.recent);
      if (e.lastEventId) lastId = e.lastEventId;
      online();
      if (fresh) chime();
    });
    source.addEventListener('call', function (e) {
      var update = JSON.parse(e.data);
      var fresh = !shown[update.call.id];
      render(update.recent);
      lastId = e.lastEventId;
      if (fresh) chime();
    });
    source.addEventListener('error', function () {
      offline();
      // A refused answer (for example 503 while a server starts) ends EventSource's own retries.
      if (source.readyState === EventSource.CLOSED) setTimeout(connect, 2000);
    });
  }

  connect();
}());
