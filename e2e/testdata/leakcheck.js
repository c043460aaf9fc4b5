// Counts what a page keeps alive: window message listeners and running
// intervals (the __ready__ handshake timers), and the iframes in the
// document. Loaded before any meeting is created.
(function () {
  'use strict';
  const listeners = new Set();
  const intervals = new Set();
  const add = window.addEventListener;
  const remove = window.removeEventListener;
  const setI = window.setInterval;
  const clearI = window.clearInterval;
  window.addEventListener = function (type, fn, opts) {
    if (type === 'message') listeners.add(fn);
    return add.call(this, type, fn, opts);
  };
  window.removeEventListener = function (type, fn, opts) {
    if (type === 'message') listeners.delete(fn);
    return remove.call(this, type, fn, opts);
  };
  window.setInterval = function (...args) {
    const id = setI.apply(this, args);
    intervals.add(id);
    return id;
  };
  window.clearInterval = function (id) {
    intervals.delete(id);
    return clearI.call(this, id);
  };
  window.leakcheck = {
    counts() {
      return {
        messageListeners: listeners.size,
        intervals: intervals.size,
        iframes: document.querySelectorAll('iframe').length,
      };
    },
  };
})();
