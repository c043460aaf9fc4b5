// meetbridge early start (package externalapi, EarlyStartScript).
//
// Creates the meeting that the page describes in
// <script type="application/json" id="meetbridge-early-start"> (written by
// Go: externalapi.EarlyStart) while the Go module is still downloading and
// compiling, records its events, and keeps them until Go takes the meeting
// over with externalapi.Adopt. No eval and no inline code: it works under a
// strict Content-Security-Policy.
//
// window.meetbridgeEarlyStart is the state Go reads:
//   created   a Promise: resolves with the External API object, rejects with
//             an Error saying why there is none (no data, bad JSON, the
//             library failed to load or threw)
//   api       that object, once created
//   error     the reason as a string, once it failed
//   domain, global   what the data named
//   createdAt, loadedAt   performance.now() when the object was created and
//             when its onload (the meeting's ready) fired; 0 until then
//   adopted   whether Go took the meeting
//   adopt()   removes the recorders, forgets the object and returns the
//             recorded events, in emit order, as a flat array
//             [name, payload, name, payload, ...]; called once, by Go
(function () {
  'use strict';

  var DATA_ID = 'meetbridge-early-start';
  var recorders = [];
  var state = {
    api: null, error: '', domain: '', global: '',
    createdAt: 0, loadedAt: 0, adopted: false, events: [],
  };
  var settle = {};
  state.created = new Promise(function (resolve, reject) {
    settle.resolve = resolve;
    settle.reject = reject;
  });
  // A rejection that Go never reads must not be reported as unhandled.
  state.created.catch(function () {});
  window.meetbridgeEarlyStart = state;

  function fail(message) {
    state.error = message;
    settle.reject(new Error('meetbridge early start: ' + message));
  }

  function record(name) {
    var fn = function (payload) {
      state.events.push(name, payload);
    };
    state.api.on(name, fn);
    recorders.push([name, fn]);
  }

  state.adopt = function () {
    if (state.adopted) {
      throw new Error('meetbridge early start: the meeting was adopted already');
    }
    state.adopted = true;
    for (var i = 0; i < recorders.length; i++) {
      state.api.removeListener(recorders[i][0], recorders[i][1]);
    }
    recorders = [];
    var events = state.events;
    // From here on the meeting is Go's: keep no reference to it.
    state.events = [];
    state.api = null;
    state.created = null;
    return events;
  };

  function create(data) {
    var Ctor = window[data.global];
    if (typeof Ctor !== 'function') {
      fail(data.script + ' did not define window.' + data.global);
      return;
    }
    var opts = data.options || {};
    if (data.parentNodeId) {
      var parent = document.getElementById(data.parentNodeId);
      if (!parent) {
        fail('no element with id "' + data.parentNodeId + '" for the meeting');
        return;
      }
      opts.parentNode = parent;
    }
    opts.onload = function () {
      if (!state.loadedAt) state.loadedAt = performance.now();
    };
    try {
      state.api = new Ctor(data.domain, opts);
    } catch (e) {
      fail('new ' + data.global + ': ' + (e && e.message ? e.message : String(e)));
      return;
    }
    state.createdAt = performance.now();
    var names = {};
    var lists = [data.events || []];
    if (typeof state.api.getSupportedEvents === 'function') {
      try {
        var supported = state.api.getSupportedEvents();
        if (Array.isArray(supported)) lists.push(supported);
      } catch (e) { /* the list the data carries is enough */ }
    }
    for (var l = 0; l < lists.length; l++) {
      for (var i = 0; i < lists[l].length; i++) {
        var name = lists[l][i];
        if (typeof name === 'string' && !names[name]) {
          names[name] = true;
          record(name);
        }
      }
    }
    settle.resolve(state.api);
  }

  function start() {
    var el = document.getElementById(DATA_ID);
    if (!el) {
      fail('the page has no <script type="application/json" id="' + DATA_ID + '">');
      return;
    }
    var data;
    try {
      data = JSON.parse(el.textContent);
    } catch (e) {
      fail('the data of #' + DATA_ID + ' is not JSON: ' + e.message);
      return;
    }
    if (!data || typeof data.global !== 'string' || typeof data.domain !== 'string' || !data.global || !data.domain) {
      fail('the data of #' + DATA_ID + ' names no global and domain');
      return;
    }
    state.domain = data.domain;
    state.global = data.global;
    if (typeof window[data.global] === 'function' || !data.script) {
      create(data);
      return;
    }
    var s = document.createElement('script');
    s.src = data.script;
    s.async = true;
    s.onload = function () { create(data); };
    s.onerror = function () {
      s.remove();
      fail('the browser could not load ' + data.script);
    };
    document.head.appendChild(s);
  }

  // Start at once when the parent element is there (the script is at the
  // end of the body, after it), else once the page is parsed.
  function parentReady() {
    var el = document.getElementById(DATA_ID);
    var data = null;
    try { data = el && JSON.parse(el.textContent); } catch (e) { /* start reports it */ }
    var id = data && data.parentNodeId;
    return id ? document.getElementById(id) !== null : document.body !== null;
  }
  if (document.readyState === 'loading' && !parentReady()) {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
