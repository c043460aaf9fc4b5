// A test double of JitsiMeetExternalAPI for the WebAssembly tests: it
// records executeCommand calls, emits events on request, answers getters
// from a table (or never, to test hung promises) and counts its listeners.
(function () {
  'use strict';

  // Promise getters: answered from results[method]; a missing entry hangs.
  const promiseMethods = [
    'captureCameraPicture', 'captureLargeVideoScreenshot', 'getAvailableDevices',
    'getConnectionStats', 'getContentSharingParticipants', 'getCurrentDevices',
    'getCustomAvatarBackgrounds', 'getDeploymentInfo', 'getLivestreamUrl', 'getRoomsInfo',
    'getSessionId', 'getSharedDocumentUrl', 'isDeviceChangeAvailable', 'isDeviceListAvailable',
    'isMultipleAudioInputSupported', 'setAudioInputDevice', 'setAudioOutputDevice',
    'setVideoInputDevice', 'invite', 'isAudioAvailable', 'isAudioDisabled', 'isAudioMuted',
    'isModerationOn', 'isP2pActive', 'isParticipantForceMuted', 'isParticipantsPaneOpen',
    'isSharingScreen', 'isStartSilent', 'isVideoAvailable', 'isVideoMuted', 'listBreakoutRooms',
  ];
  // Synchronous getters: answered from results[method] as they are.
  const syncMethods = [
    'getParticipantsInfo', 'getVideoQuality', 'getSupportedCommands', 'getSupportedEvents',
    'isVisitor', 'getAvatarURL', 'getDisplayName', 'getEmail', 'getNumberOfParticipants',
    'sendProxyConnectionEvent', 'sendExternalShareSignal', 'updateNumberOfParticipants',
  ];

  let frames = 0;

  class FakeMeetExternalAPI {
    constructor(domain, options) {
      this.domain = domain;
      this.options = options || {};
      this.commands = [];
      this.calls = [];
      this.results = {};
      this.pending = [];
      this.listeners = new Map();
      this.disposed = false;
      this.dropped = [];
      // nextLibrary shapes this object as an older or newer library: its
      // commands and events lists answer getSupportedCommands/Events, and a
      // list set to null removes that method (a library without it).
      const lib = FakeMeetExternalAPI.nextLibrary;
      FakeMeetExternalAPI.nextLibrary = undefined;
      if (lib) {
        for (const [key, method] of [['commands', 'getSupportedCommands'], ['events', 'getSupportedEvents']]) {
          if (lib[key] === null) this[method] = undefined;
          else if (lib[key] !== undefined) this.results[method] = lib[key];
        }
      }
      this.iframe = document.createElement('iframe');
      this.iframe.id = this.iframe.name = 'jitsiConferenceFrame' + frames++;
      (this.options.parentNode || document.body).appendChild(this.iframe);
      FakeMeetExternalAPI.last = this;
      FakeMeetExternalAPI.instances.push(this);
    }

    // executeCommand drops a command its list does not name, as the real
    // library does (it logs "Not supported command name.").
    executeCommand(name, ...args) {
      const supported = this.results.getSupportedCommands;
      if (Array.isArray(supported) && !supported.includes(name)) {
        this.dropped.push(name);
        return;
      }
      this.commands.push({ name, args });
    }

    on(event, fn) {
      if (!this.listeners.has(event)) this.listeners.set(event, new Set());
      this.listeners.get(event).add(fn);
      return this;
    }

    addListener(event, fn) { return this.on(event, fn); }

    removeListener(event, fn) {
      const set = this.listeners.get(event);
      if (set) {
        set.delete(fn);
        if (set.size === 0) this.listeners.delete(event);
      }
      return this;
    }

    off(event, fn) { return this.removeListener(event, fn); }

    removeAllListeners(event) {
      if (event === undefined) this.listeners.clear(); else this.listeners.delete(event);
      return this;
    }

    emit(event, ...args) {
      const set = this.listeners.get(event);
      if (!set) return false;
      for (const fn of [...set]) fn(...args);
      return true;
    }

    listenerCount() {
      let n = 0;
      for (const set of this.listeners.values()) n += set.size;
      return n;
    }

    getIFrame() { return this.iframe; }

    dispose() {
      this.listenersAtDispose = this.listenerCount();
      this.emit('_willDispose');
      this.disposed = true;
      this.listeners.clear();
      this.iframe.remove();
    }

    // emitMany emits the same event n times, for the benchmarks.
    emitMany(event, payload, n) {
      for (let i = 0; i < n; i++) this.emit(event, payload);
    }

    // emitSequence emits [event, payload] pairs in one loop: one task.
    emitSequence(pairs) {
      for (const [event, payload] of pairs) this.emit(event, payload);
    }

    // emitTasks emits event n times, each in a task of its own (a
    // MessageChannel message), with the payload {id: "0"}, {id: "1"}, ...;
    // emitted(k) resolves once k of them are out; emittedCount() says how
    // many are.
    emitTasks(event, n) {
      const channel = new MessageChannel();
      let i = 0;
      let waiting = [];
      this.emitted = (k) => new Promise((resolve) => {
        if (i >= k) resolve(i); else waiting.push([k, resolve]);
      });
      this.emittedCount = () => i;
      channel.port1.onmessage = () => {
        this.emit(event, { id: String(i) });
        i++;
        for (const [k, resolve] of waiting) if (i >= k) resolve(i);
        waiting = waiting.filter(([k]) => i < k);
        if (i < n) channel.port2.postMessage(0); else channel.port1.close();
      };
      channel.port2.postMessage(0);
    }

    // probeNextTask resolves, in the next task after this one, with what
    // probe() returns then: whether something happened within this turn.
    probeNextTask(probe) {
      return new Promise((resolve) => setTimeout(() => resolve(probe()), 0));
    }

    // countWithJS attaches a plain JS listener that counts event, for the
    // baseline of the event delivery benchmark.
    countWithJS(event) {
      this.jsCount = 0;
      this.on(event, () => { this.jsCount++; });
    }

    // settleLater resolves every hung promise with value: a late answer.
    settleLater(value) {
      const pending = this.pending;
      this.pending = [];
      for (const resolve of pending) resolve(value);
      return pending.length;
    }
  }

  for (const method of promiseMethods) {
    FakeMeetExternalAPI.prototype[method] = function (...args) {
      this.calls.push({ method, args });
      if (this.onCall) this.onCall(method);
      if (!(method in this.results)) {
        return new Promise((resolve) => this.pending.push(resolve));
      }
      const r = this.results[method];
      if (r && r.reject !== undefined) return Promise.reject(new Error(r.reject));
      return Promise.resolve(r);
    };
  }
  for (const method of syncMethods) {
    FakeMeetExternalAPI.prototype[method] = function (...args) {
      this.calls.push({ method, args });
      if (this.results[method] && this.results[method].throw !== undefined) {
        throw new Error(this.results[method].throw);
      }
      return this.results[method];
    };
  }

  FakeMeetExternalAPI.instances = [];
  window.FakeMeetExternalAPI = FakeMeetExternalAPI;
})();
