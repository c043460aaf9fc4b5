// Starts the Go bundle; a failure is shown on the page instead of only in
// the console.
(function () {
  'use strict';
  const status = document.getElementById('status');
  const go = new Go();
  WebAssembly.instantiateStreaming(fetch('/app.wasm'), go.importObject)
    .then((result) => go.run(result.instance))
    .catch((err) => {
      status.textContent = 'could not start: ' + err;
      status.className = 'error';
    });
})();
