// The test harness of the parent page (window.H). Loaded before the library,
// it records what the window receives, which "message" listeners and which
// intervals exist, and gives the Go tests short helpers: make an API object,
// reach its stub iframe, track promises, and wait for conditions (polling,
// with a timeout that only guards against hangs).
(function () {
    'use strict';

    const H = {};

    window.H = H;

    // Every message the window receives, in order. Registered before the
    // library's listener, so a message recorded here has been seen by it once
    // the task that delivered it is over.
    H.windowMessages = [];
    window.addEventListener('message', event => {
        H.windowMessages.push({ origin: event.origin, data: event.data });
    });

    // The "message" listeners added to window from now on and not removed.
    H.messageListeners = new Set();
    const addEventListener = window.addEventListener;
    const removeEventListener = window.removeEventListener;

    window.addEventListener = function (type, listener, options) {
        if (type === 'message') {
            H.messageListeners.add(listener);
        }

        return addEventListener.call(this, type, listener, options);
    };
    window.removeEventListener = function (type, listener, options) {
        if (type === 'message') {
            H.messageListeners.delete(listener);
        }

        return removeEventListener.call(this, type, listener, options);
    };

    // The intervals started from now on and not cleared.
    H.intervals = new Set();
    const setInterval = window.setInterval;
    const clearInterval = window.clearInterval;

    window.setInterval = function (...args) {
        const id = setInterval.apply(window, args);

        H.intervals.add(id);

        return id;
    };
    window.clearInterval = function (id) {
        H.intervals.delete(id);

        return clearInterval.call(window, id);
    };

    // The API objects made by H.make and the events they emitted.
    H.apis = [];
    H.events = [];

    const LOCAL_EVENTS = [ 'largeVideoChanged', 'prejoinVideoChanged', '_willDispose' ];

    // H.make constructs an API object for this page's host (or domain) with
    // parentNode #frames unless options say otherwise; unless record is
    // false it records every event the object emits into H.events as
    // {api, event, args}. It returns the object's index in H.apis.
    H.make = function (options, { record = true, domain = location.host } = {}) {
        const api = new window.JitsiMeetExternalAPI(domain, Object.assign({
            parentNode: document.getElementById('frames')
        }, options));
        const index = H.apis.push(api) - 1;

        if (record) {
            for (const event of new Set(api.getSupportedEvents().concat(LOCAL_EVENTS))) {
                api.on(event, (...args) => {
                    H.events.push({ api: index, event, args: JSON.parse(JSON.stringify(args)) });
                });
            }
        }

        return index;
    };

    // H.eventsOf returns the recorded events of API i.
    H.eventsOf = function (i) {
        return H.events.filter(e => e.api === i).map(e => ({ event: e.event, args: e.args }));
    };

    // H.stub returns the stub of API i's iframe, once its script has run.
    H.stub = function (i) {
        const frame = H.apis[i].getIFrame();

        return (frame && frame.contentWindow && frame.contentWindow.stub) || undefined;
    };

    // H.waitFor resolves with cond()'s first truthy value; it rejects after ms.
    H.waitFor = function (cond, what, ms = 5000) {
        const deadline = Date.now() + ms;

        return new Promise((resolve, reject) => {
            (function poll() {
                let value;

                try {
                    value = cond();
                } catch (e) {
                    value = undefined;
                }
                if (value) {
                    resolve(value);
                } else if (Date.now() > deadline) {
                    reject(new Error(`timed out waiting for ${what}`));
                } else {
                    setTimeout(poll, 5);
                }
            }());
        });
    };

    // H.waitStub resolves with API i's stub once it is up.
    H.waitStub = function (i) {
        return H.waitFor(() => H.stub(i), `the stub of API ${i}`);
    };

    // H.message resolves with the n-th (from 1) "message" string API i's stub received.
    H.message = function (i, n) {
        return H.waitFor(() => {
            const stub = H.stub(i);

            return stub && stub.messages().length >= n && stub.messages()[n - 1];
        }, `message ${n} at the stub of API ${i}`);
    };

    // H.afterWindowMessage resolves once the window received a message whose
    // data is raw, and every listener has handled it.
    H.afterWindowMessage = function (raw, count = 1) {
        return H.waitFor(() => H.windowMessages.filter(m => m.data === raw).length >= count, `window message ${raw}`)
            .then(() => new Promise(resolve => setTimeout(resolve, 0)))
            .then(() => true);
    };

    // Promise outcomes by key: {state: pending|resolved|rejected, value|error}.
    H.results = {};
    H.describe = function (e) {
        return e instanceof Error ? { errorClass: e.constructor.name, message: e.message } : { value: e };
    };
    H.track = function (key, promise) {
        H.results[key] = { state: 'pending' };
        promise.then(value => {
            H.results[key] = { state: 'resolved', value: value === undefined ? '<undefined>' : value };
        }, error => {
            H.results[key] = { state: 'rejected', error: H.describe(error) };
        });

        return key;
    };
    H.settled = function (key) {
        return H.waitFor(() => H.results[key] && H.results[key].state !== 'pending' && H.results[key],
            `promise ${key} to settle`);
    };
}());
