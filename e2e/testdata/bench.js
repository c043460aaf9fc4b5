// Plain-JS side of the end-to-end benchmarks: a JS listener that counts an
// event on a JitsiMeetExternalAPI object, and a promise that resolves when
// it has counted n.
(function () {
  'use strict';
  window.e2eBench = {
    // count attaches a counting listener for name to api.
    count(api, name) {
      const state = { n: 0, target: Infinity, resolve: null };
      api.on(name, () => {
        state.n++;
        if (state.n >= state.target && state.resolve) {
          const resolve = state.resolve;
          state.resolve = null;
          resolve(state.n);
        }
      });
      return state;
    },
    // reach resolves once state has counted n events in total.
    reach(state, n) {
      if (state.n >= n) return Promise.resolve(state.n);
      state.target = n;
      return new Promise((resolve) => { state.resolve = resolve; });
    },
    // joined resolves when api's local participant has joined.
    joined(api) {
      return new Promise((resolve) => api.on('videoConferenceJoined', resolve));
    },
  };
})();
