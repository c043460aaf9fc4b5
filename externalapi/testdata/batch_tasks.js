// Emits events on a test double each in its own task, the way a conference
// iframe's postMessage delivers them to the parent library, for the batch
// tests (batch_tasks_wasm_test.go).
(function () {
  'use strict';
  let calls = 0;
  window.batchTasks = {
    // postEach posts one window message per [event, payload] pair, all at
    // once; the task of each message emits its pair on api. When the pair
    // at index `at` has been emitted, hook(at) runs in that task. The
    // promise resolves in the task of the last message.
    postEach(api, pairs, at, hook) {
      const tag = 'batchTasks' + (++calls);
      return new Promise((resolve) => {
        const onMessage = (e) => {
          if (!e.data || e.data.tag !== tag) return;
          api.emit(e.data.event, e.data.payload);
          if (e.data.i === at && hook) hook(at);
          if (e.data.i === pairs.length - 1) {
            window.removeEventListener('message', onMessage);
            resolve();
          }
        };
        window.addEventListener('message', onMessage);
        pairs.forEach(([event, payload], i) => window.postMessage({ tag, i, event, payload }, '*'));
      });
    },
    // emitThenProbe, in a task of its own, queues a task (a posted message,
    // the task trigger's queue) and then emits one event on api. The
    // promise resolves with what probe() returns in that task: it runs
    // after the event's flush only if the flush came within the event's
    // task, as a flush by the task trigger would be queued behind it.
    emitThenProbe(api, event, payload, probe) {
      return new Promise((resolve) => {
        const { port1, port2 } = new MessageChannel();
        port2.onmessage = () => {
          port2.close();
          resolve(probe());
        };
        setTimeout(() => {
          port1.postMessage(0);
          api.emit(event, payload);
        }, 0);
      });
    },
  };
})();
