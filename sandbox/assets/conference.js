// The sandbox conference: an offline stand-in for a Jitsi Meet meeting page.
//
// It speaks the iframe External API's postMessage protocol with window.parent
// (framing with scope and readiness handshake, commands, requests, events),
// simulates the meeting's state, plays the actions of the server's control
// stream and shows all of it. Plain ES2020: no eval, no network beyond its
// own origin, no real media.
'use strict';

(() => {
  // ---------------------------------------------------------------- basics

  const SERVER = JSON.parse(document.getElementById('sandbox-data').textContent);
  const READY = '__ready__';
  const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];
  const HASH_GROUPS = ['config', 'interfaceConfig', 'userInfo', 'devices', 'iceServers', 'appData'];
  const MEDIA_TYPES = ['audio', 'video'];
  const RECORDING_MODES = ['file', 'stream', 'local'];
  const NOTIFICATION_TIMEOUTS = { short: 2500, medium: 5000, long: 10000, sticky: 0 };
  const NOTIFICATION_TYPES = ['normal', 'success', 'warning', 'error'];
  const LOG_KEEP = 200;

  const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const isSafeKey = (k) => !FORBIDDEN_KEYS.some((f) => k.includes(f));
  const dict = () => Object.create(null);

  function randomHex(bytes) {
    const a = new Uint8Array(bytes);
    crypto.getRandomValues(a);
    return Array.from(a, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  // uuid returns a version 4 UUID (crypto.randomUUID needs a secure context).
  function uuid() {
    const h = randomHex(16).split('');
    h[12] = '4';
    h[16] = '89ab'[parseInt(h[16], 16) & 3];
    const s = h.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }

  // json stringifies a value for a log line, shortened.
  function json(v) {
    let s;
    try {
      s = JSON.stringify(v);
    } catch (e) {
      s = String(v);
    }
    if (s === undefined) s = 'undefined';
    return s.length > 1000 ? `${s.slice(0, 1000)}…` : s;
  }

  // copyJSON copies a JSON value, dropping dangerous keys.
  function copyJSON(v) {
    if (Array.isArray(v)) return v.map(copyJSON);
    if (isObject(v)) {
      const out = {};
      for (const [k, val] of Object.entries(v)) if (isSafeKey(k)) out[k] = copyJSON(val);
      return out;
    }
    return v;
  }

  // merge merges src into target in place, recursing into objects.
  function merge(target, src) {
    for (const [k, v] of Object.entries(src)) {
      if (!isSafeKey(k)) continue;
      if (isObject(v) && isObject(target[k])) merge(target[k], v);
      else target[k] = copyJSON(v);
    }
    return target;
  }

  // ------------------------------------------------------------ the URL

  // parseURL reads what the External API put in the iframe URL: the query
  // (jwt, lang, release) and the hash, whose values are URI-encoded JSON.
  function parseURL() {
    const query = new URLSearchParams(location.search);
    const out = {
      apiId: null,
      jwt: query.get('jwt') || undefined,
      lang: query.get('lang') || undefined,
      release: query.get('release') || undefined,
      dropped: [],
      invalid: [],
    };
    for (const g of HASH_GROUPS) out[g] = {};
    for (const part of location.hash.replace(/^#/, '').split('&')) {
      if (!part) continue;
      const eq = part.indexOf('=');
      const key = eq < 0 ? part : part.slice(0, eq);
      if (!isSafeKey(key)) {
        out.dropped.push(key);
        continue;
      }
      let value;
      try {
        const decoded = decodeURIComponent(eq < 0 ? '' : part.slice(eq + 1));
        value = decoded === 'undefined' ? undefined : JSON.parse(decoded);
      } catch (e) {
        out.invalid.push(key);
        continue;
      }
      if (key === 'jitsi_meet_external_api_id') {
        const n = typeof value === 'number' ? value : Number(value);
        out.apiId = Number.isFinite(n) ? n : null;
        continue;
      }
      if (key === 'jwt') {
        if (typeof value === 'string' && !out.jwt) out.jwt = value;
        continue;
      }
      const path = key.split('.');
      const group = path.shift();
      if (!HASH_GROUPS.includes(group) || path.length === 0 || path.some((p) => !p)) {
        out.invalid.push(key);
        continue;
      }
      let obj = out[group];
      for (const p of path.slice(0, -1)) {
        if (!isObject(obj[p])) obj[p] = {};
        obj = obj[p];
      }
      obj[path[path.length - 1]] = copyJSON(value);
    }
    return out;
  }

  const url = parseURL();
  const config = url.config;
  const interfaceConfig = url.interfaceConfig;
  const host = location.hostname || 'sandbox';

  // ------------------------------------------------------------ framing

  // createFraming speaks the postis framing with target: JSON strings
  // {postis, scope, method, params}; a __ready__ handshake every 50 ms with a
  // random id, echoing foreign ids; everything else buffered until our id
  // comes back; messages for methods nobody listens to yet buffered too.
  function createFraming(scope, target) {
    const id = randomHex(8);
    const listeners = new Map();
    const inbox = new Map();
    let outbox = [];
    let ready = false;

    const post = (method, params) => {
      target.postMessage(JSON.stringify({ postis: true, scope, method, params }), '*');
    };
    const send = (method, params) => {
      if (ready || method === READY) post(method, params);
      else outbox.push([method, params]);
    };
    const listen = (method, fn) => {
      if (!listeners.has(method)) listeners.set(method, []);
      listeners.get(method).push(fn);
      const waiting = inbox.get(method);
      inbox.delete(method);
      if (waiting) waiting.forEach((p) => fn(p));
    };
    window.addEventListener('message', (event) => {
      if (event.source !== target || typeof event.data !== 'string') return;
      let msg;
      try {
        msg = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      if (!isObject(msg) || msg.postis !== true || msg.scope !== scope || typeof msg.method !== 'string') return;
      const fns = listeners.get(msg.method);
      if (fns) {
        fns.forEach((fn) => fn(msg.params));
      } else {
        if (!inbox.has(msg.method)) inbox.set(msg.method, []);
        inbox.get(msg.method).push(msg.params);
      }
    });
    listen(READY, (readyId) => {
      if (readyId !== id) {
        post(READY, readyId);
        return;
      }
      if (ready) return;
      ready = true;
      clearInterval(timer);
      const pending = outbox;
      outbox = [];
      pending.forEach(([m, p]) => post(m, p));
    });
    const timer = setInterval(() => post(READY, id), 50);
    post(READY, id);
    return { send, listen, isReady: () => ready };
  }

  const apiEnabled = url.apiId !== null && window.parent !== window;
  const framing = apiEnabled ? createFraming(`jitsi_meet_external_api_${url.apiId}`, window.parent) : null;

  // The transport: events, requests and responses over method "message".
  function emit(name, fields) {
    if (framing) framing.send('message', { type: 'event', data: { name, ...fields } });
  }
  function respond(id, result) {
    if (framing) framing.send('message', { type: 'response', id, result });
  }
  function respondError(id, error) {
    if (framing) framing.send('message', { type: 'response', id, error });
  }

  // ------------------------------------------------------------ the state

  // The main room's id and the local participant's id come from the server,
  // the same for every page of the room's shared meeting.
  const MAIN_ROOM = SERVER.mainRoom || uuid();
  const identity = SERVER.identity || null;
  const userInfo = url.userInfo;
  const startedAt = Date.now();

  const state = {
    roomName: SERVER.room,
    tenant: SERVER.tenant || '',
    roomPath: SERVER.roomPath,
    api: { enabled: apiEnabled, id: url.apiId, scope: apiEnabled ? `jitsi_meet_external_api_${url.apiId}` : null },
    url: {
      jwt: url.jwt ? 'present' : undefined,
      lang: url.lang,
      release: url.release,
      dropped: url.dropped,
      invalid: url.invalid,
    },
    config,
    interfaceConfig,
    userInfo,
    devicePreferences: url.devices,
    iceServers: url.iceServers,
    appData: url.appData,
    authError: SERVER.authError || null,
    joined: false,
    ended: null,
    // lobbyWait is 'knocking' while this page waits in the lobby of the
    // shared meeting, 'denied' once a moderator turned it away.
    lobbyWait: null,
    // passwordWait is 'required' while the shared meeting is locked with a
    // password this page has not given (the password command gives it),
    // 'checking' while the server checks the one given.
    passwordWait: null,
    givenPassword: '',
    sessionId: '',
    conferenceTimestamp: null,
    localId: SERVER.participantId || randomHex(4),
    participants: dict(),
    nameOverrides: dict(),
    rooms: dict(),
    dominantSpeakerId: null,
    pinnedId: null,
    largeVideoId: null,
    onStageId: null,
    tileView: false,
    filmstripVisible: true,
    filmstripWidth: null,
    largeVideoSize: null,
    subject: typeof config.subject === 'string' ? config.subject : '',
    localSubject: '',
    password: '',
    locked: false,
    lobby: { enabled: false, knocking: [] },
    moderation: { audio: false, video: false, approved: { audio: [], video: [] } },
    chat: { open: false, unreadCount: 0, privateRecipient: null, messages: [] },
    endpointMessages: [],
    recording: { file: null, stream: null, local: null },
    recordingConsent: { dialogOpen: false, granted: false },
    livestreamUrl: undefined,
    recordingLinks: [],
    subtitles: { enabled: false, displaySubtitles: false, language: null },
    transcribing: false,
    sharedVideo: null,
    whiteboard: { instantiated: false, open: false, status: null },
    participantsPaneOpen: false,
    settingsDialog: null,
    notifications: [],
    invited: [],
    videoQuality: null,
    audioOnly: false,
    assumedBandwidthBps: null,
    blurredBackground: 'none',
    virtualBackground: { enabled: false, imageLength: 0 },
    noiseSuppression: false,
    followMe: { enabled: false, recorderOnly: false },
    e2ee: false,
    mediaEncryptionKey: null,
    meetingTimer: null,
    cameraFacingMode: 'user',
    cameraMirrored: true,
    secondScreen: null,
    pip: false,
    feedback: null,
    tones: [],
    deviceErrors: [],
    devices: null,
    control: { enabled: !!SERVER.control, connected: false, received: 0 },
    meeting: { connected: false, joined: false, sent: 0, received: 0, refused: [] },
    pendingCameraPictures: 0,
    logs: [],
  };
  state.rooms[MAIN_ROOM] = {
    id: MAIN_ROOM,
    jid: `${SERVER.room.toLowerCase()}@conference.${host}`,
    name: SERVER.room,
    isMainRoom: true,
  };
  state.participants[state.localId] = {
    id: state.localId,
    name: identity ? identity.name : typeof userInfo.displayName === 'string' ? userInfo.displayName : '',
    email: identity ? identity.email || undefined : typeof userInfo.email === 'string' ? userInfo.email : undefined,
    avatarURL: identity && identity.avatarURL ? identity.avatarURL : undefined,
    // The server's role (the page token's) when the page has one.
    role: SERVER.role || (!identity || identity.moderator ? 'moderator' : 'participant'),
    local: true,
    audioMuted: !!(config.startWithAudioMuted || config.startSilent),
    videoMuted: !!config.startWithVideoMuted,
    handRaised: 0,
    screenSharing: false,
    volume: 1,
    room: MAIN_ROOM,
    joinedAt: startedAt,
    properties: {},
  };

  const me = () => state.participants[state.localId];
  const participant = (id) => (typeof id === 'string' && hasOwn(state.participants, id) ? state.participants[id] : null);
  const remote = (id) => {
    const p = participant(id);
    return p && !p.local ? p : null;
  };
  const inRoom = (roomId) =>
    Object.values(state.participants)
      .filter((p) => p.room === roomId)
      .sort((a, b) => (b.local - a.local) || a.joinedAt - b.joinedAt);
  const here = () => inRoom(me().room);
  const othersHere = () => here().filter((p) => !p.local);
  const nameOf = (p) => (hasOwn(state.nameOverrides, p.id) ? state.nameOverrides[p.id] : p.name);
  const roomNameOf = (roomId) => (state.rooms[roomId].isMainRoom ? state.roomName : roomId);
  const occupantJid = (p) => `${state.rooms[p.room].jid}/${p.id}`;

  // appendSuffix is how Jitsi formats names: "Alice (me)", or the suffix
  // alone for an empty name.
  function appendSuffix(name, suffix) {
    return `${name || suffix}${name && suffix && name !== suffix ? ` (${suffix})` : ''}`;
  }
  function formattedName(p) {
    if (p.local) return appendSuffix(nameOf(p), interfaceConfig.DEFAULT_LOCAL_DISPLAY_NAME || 'me');
    return nameOf(p) || interfaceConfig.DEFAULT_REMOTE_DISPLAY_NAME || 'Fellow Jitster';
  }

  // Fake devices, shaped like MediaDeviceInfo.toJSON().
  const DEVICES = {
    audioInput: [
      { deviceId: 'default', kind: 'audioinput', label: 'Default - Sandbox Microphone', groupId: 'sandbox-mic' },
      { deviceId: 'sandbox-headset-mic', kind: 'audioinput', label: 'Sandbox Headset Microphone', groupId: 'sandbox-headset' },
    ],
    audioOutput: [
      { deviceId: 'default', kind: 'audiooutput', label: 'Default - Sandbox Speakers', groupId: 'sandbox-speakers' },
      { deviceId: 'sandbox-headset-out', kind: 'audiooutput', label: 'Sandbox Headset Earphones', groupId: 'sandbox-headset' },
    ],
    videoInput: [
      { deviceId: 'sandbox-camera', kind: 'videoinput', label: 'Sandbox Camera', groupId: 'sandbox-camera' },
      { deviceId: 'sandbox-external-camera', kind: 'videoinput', label: 'Sandbox External Camera', groupId: 'sandbox-ext' },
    ],
  };
  const DEVICE_KINDS = { audioinput: 'audioInput', audiooutput: 'audioOutput', videoinput: 'videoInput' };
  state.devices = {
    available: copyJSON(DEVICES),
    current: {
      audioInput: pickDevice('audioInput', url.devices.audioInput),
      audioOutput: pickDevice('audioOutput', url.devices.audioOutput),
      videoInput: pickDevice('videoInput', url.devices.videoInput),
    },
  };
  function findDevice(list, label, id) {
    return DEVICES[list].find((d) => label && d.label === label) || DEVICES[list].find((d) => id && d.deviceId === id) || null;
  }
  function pickDevice(list, preferred) {
    return copyJSON(findDevice(list, preferred, preferred) || DEVICES[list][0]);
  }

  // ------------------------------------------------------------ logging

  // log writes a line to the console and to state.logs, and mirrors it to
  // the parent as a log event when config.apiLogLevels has its level.
  function log(level, ...args) {
    const strs = args.map((a) => (typeof a === 'string' ? a : json(a)));
    const method = { trace: 'debug', log: 'log', debug: 'debug', info: 'info', warn: 'warn', error: 'error' }[level] || 'log';
    console[method]('[sandbox]', ...strs);
    state.logs.push({ level, args: strs });
    if (state.logs.length > LOG_KEEP) state.logs.splice(0, state.logs.length - LOG_KEEP);
    const levels = state.config.apiLogLevels;
    if (Array.isArray(levels) && levels.includes(level)) emit('log', { logLevel: level, args: strs });
  }

  // note shows a sandbox note (a toast that is not a Jitsi notification).
  function note(text) {
    showToast({ uid: uuid(), title: text, description: '', type: 'sandbox', timeout: 'medium', customActions: [] });
  }

  // ------------------------------------------------------------ simulation

  function joinedPayload() {
    const p = me();
    return {
      roomName: roomNameOf(p.room),
      id: p.id,
      displayName: nameOf(p),
      formattedDisplayName: formattedName(p),
      avatarURL: p.avatarURL,
      breakoutRoom: !state.rooms[p.room].isMainRoom,
      email: p.email,
      visitor: false,
    };
  }
  const participantJoinedPayload = (p) => ({ id: p.id, displayName: nameOf(p), formattedDisplayName: formattedName(p) });

  function joinConference() {
    state.joined = true;
    state.sessionId = uuid();
    state.conferenceTimestamp = Date.now();
    emit('video-conference-joined', joinedPayload());
    const p = me();
    if (p.role === 'moderator') emit('participant-role-changed', { id: p.id, role: 'moderator' });
    emit('conference-created-timestamp', { timestamp: state.conferenceTimestamp });
    emit('audio-availability-changed', { available: true });
    emit('video-availability-changed', { available: true });
    if (p.audioMuted) localMuteChanged('audio', true);
    if (p.videoMuted) localMuteChanged('video', true);
    emit('data-channel-opened', {});
    emit('device-list-changed', { devices: copyJSON(DEVICES) });
    if (state.subject) emit('subject-change', { subject: state.subject });
    updateOnStage(false);
    log('info', 'joined', roomNameOf(p.room), p.id);
  }

  function roomsPayload() {
    const rooms = {};
    for (const r of Object.values(state.rooms)) {
      const participants = {};
      for (const p of inRoom(r.id)) {
        const jid = occupantJid(p);
        participants[jid] = { displayName: nameOf(p), jid, role: p.role };
      }
      rooms[r.id] = { id: r.id, jid: r.jid, name: r.name, isMainRoom: r.isMainRoom, participants };
    }
    return rooms;
  }

  // roomsChanged emits breakout-rooms-updated: always after a breakout
  // command, and after joins and leaves while breakout rooms exist.
  function roomsChanged(always) {
    if (always || Object.keys(state.rooms).length > 1) emit('breakout-rooms-updated', { rooms: roomsPayload() });
  }

  // computeOnStage picks the large-video participant as Jitsi does:
  // pinned, selected, a remote screen sharer, the remote dominant speaker,
  // the first remote, else the local participant.
  function computeOnStage() {
    const room = me().room;
    const present = (id) => {
      const p = participant(id);
      return p && p.room === room;
    };
    if (present(state.pinnedId)) return state.pinnedId;
    if (present(state.largeVideoId)) return state.largeVideoId;
    const others = othersHere();
    const sharer = others.find((p) => p.screenSharing);
    if (sharer) return sharer.id;
    if (present(state.dominantSpeakerId) && state.dominantSpeakerId !== state.localId) return state.dominantSpeakerId;
    return others.length ? others[0].id : state.localId;
  }

  // updateOnStage emits the internal on-stage-participant-changed event when
  // the large video changes, or always when forced (pin and select).
  function updateOnStage(force) {
    const id = computeOnStage();
    if (force || id !== state.onStageId) {
      state.onStageId = id;
      emit('on-stage-participant-changed', { id });
    }
  }

  function addRemote(who) {
    const p = newRemote(who, MAIN_ROOM, false);
    if (p.room === me().room) emit('participant-joined', participantJoinedPayload(p));
    roomsChanged(false);
    updateOnStage(false);
    return p;
  }

  // newRemote adds a remote participant to the state, telling nobody.
  function newRemote({ id, name, email }, room, page) {
    const p = {
      id,
      name: name || '',
      email: email || undefined,
      avatarURL: undefined,
      role: 'participant',
      local: false,
      audioMuted: false,
      videoMuted: false,
      handRaised: 0,
      screenSharing: false,
      volume: 1,
      room,
      page,
      joinedAt: Date.now() + Object.keys(state.participants).length / 1000,
      properties: {},
    };
    state.participants[id] = p;
    return p;
  }

  function removeRemote(p) {
    const wasHere = p.room === me().room;
    delete state.participants[p.id];
    if (state.dominantSpeakerId === p.id) state.dominantSpeakerId = null;
    if (wasHere) emit('participant-left', { id: p.id });
  }

  // move puts p into another room. The local participant leaves its
  // conference and joins the other one, as Jitsi does between breakout rooms.
  function move(p, roomId) {
    if (p.room === roomId) return;
    if (p.local) {
      emit('video-conference-left', { roomName: roomNameOf(p.room) });
      p.room = roomId;
      state.pinnedId = null;
      state.largeVideoId = null;
      state.dominantSpeakerId = null;
      emit('video-conference-joined', joinedPayload());
      othersHere().forEach(announce);
      return;
    }
    if (p.room === me().room) emit('participant-left', { id: p.id });
    p.room = roomId;
    if (p.room === me().room) announce(p);
  }

  // announce tells of a participant who is in the conference one joins (or
  // who comes into it): participant-joined, then what their presence and
  // tracks carry: a moderator's role, muted tracks, a raised hand.
  function announce(p) {
    emit('participant-joined', participantJoinedPayload(p));
    if (p.role === 'moderator') emit('participant-role-changed', { id: p.id, role: 'moderator' });
    if (p.audioMuted) emit('participant-muted', { id: p.id, isMuted: true, mediaType: 'audio' });
    if (p.videoMuted) emit('participant-muted', { id: p.id, isMuted: true, mediaType: 'video' });
    if (p.handRaised) emit('raise-hand-updated', { id: p.id, handRaised: p.handRaised });
  }

  // localMuteChanged notifies a change of the local participant's mute: the
  // audio or video mute status, then participant-muted for the local id, as
  // jitsi-meet's media and track state listeners both do.
  function localMuteChanged(mediaType, muted) {
    emit(mediaType === 'audio' ? 'audio-mute-status-changed' : 'video-mute-status-changed', { muted });
    emit('participant-muted', { id: state.localId, isMuted: muted, mediaType });
  }

  function setLocalMuted(mediaType, muted) {
    const p = me();
    const key = mediaType === 'audio' ? 'audioMuted' : 'videoMuted';
    if (!muted && isForceMuted(p, mediaType)) {
      log('warn', 'unmute', mediaType, 'blocked: moderation is on and the moderator has not approved');
      note(`${mediaType === 'audio' ? 'Microphone' : 'Camera'} blocked by the moderator`);
      return;
    }
    if (p[key] === muted) return;
    p[key] = muted;
    share({ op: 'mute', id: p.id, mediaType, muted });
    // An open microphone is heard: the others get this participant as the
    // dominant speaker.
    if (mediaType === 'audio' && !muted) share({ op: 'speak' });
    localMuteChanged(mediaType, muted);
  }

  function setModeration(mediaType, enabled) {
    state.moderation[mediaType] = enabled;
    if (!enabled) state.moderation.approved[mediaType] = [];
    emit('moderation-status-changed', { mediaType, enabled });
  }

  function isForceMuted(p, mediaType) {
    return !!p && state.moderation[mediaType] && p.role !== 'moderator' && !state.moderation.approved[mediaType].includes(p.id);
  }

  function setTranscribing() {
    const on = state.subtitles.enabled || Object.values(state.recording).some((r) => r && r.transcription);
    if (on === state.transcribing) return;
    state.transcribing = on;
    emit('transcribing-status-changed', { on });
  }

  function sharingIds() {
    return here()
      .filter((p) => p.screenSharing)
      .map((p) => p.id);
  }

  function leave(kind) {
    if (!state.joined) return;
    if (kind === 'hangup') share({ op: 'leave' });
    emit('video-conference-left', { roomName: roomNameOf(me().room) });
    state.joined = false;
    state.ended = kind;
    state.notifications = [];
    emit('video-ready-to-close', {});
    log('info', 'left', kind);
  }

  // chatOpen opens or closes the chat. Opening notifies chat-updated even
  // when the chat was open already, as jitsi-meet's OPEN_CHAT middleware does.
  function chatOpen(open) {
    if (state.chat.open === open && !open) return;
    state.chat.open = open;
    if (open) state.chat.unreadCount = 0;
    emit('chat-updated', { unreadCount: state.chat.unreadCount, isOpen: open });
  }

  // requireModerator reports whether the local participant is a moderator,
  // logging a warning for command name when not.
  function requireModerator(name) {
    if (me().role === 'moderator') return true;
    log('warn', 'command', name, 'ignored: the local participant is not a moderator');
    return false;
  }

  function warnArg(name, what) {
    log('warn', 'command', name, `ignored: ${what}`);
  }

  // ------------------------------------------------------------ commands

  // COMMANDS maps each wire command name to its handler, called with the
  // command's argument array spread.
  const COMMANDS = new Map(
    Object.entries({
      'add-breakout-room': (name) => {
        if (!requireModerator('add-breakout-room')) return;
        const id = uuid();
        const n = Object.keys(state.rooms).length;
        state.rooms[id] = {
          id,
          jid: `${id}@breakout.${host}`,
          name: typeof name === 'string' && name ? name : `Breakout room #${n}`,
          isMainRoom: false,
        };
        share({ op: 'addRoom', roomId: id, name: state.rooms[id].name, jid: state.rooms[id].jid });
        roomsChanged(true);
      },
      'answer-knocking-participant': (id, approved) => {
        if (!requireModerator('answer-knocking-participant')) return;
        const i = state.lobby.knocking.findIndex((k) => k.id === id);
        if (i < 0) return warnArg('answer-knocking-participant', `nobody with id ${json(id)} is knocking`);
        const [knocker] = state.lobby.knocking.splice(i, 1);
        share({ op: 'answer', id: knocker.id, approved: !!approved });
        if (approved && !knocker.page) addRemote(knocker);
        else note(`${knocker.name} was not admitted`);
      },
      'approve-video': (id) => {
        if (!requireModerator('approve-video')) return;
        approve(id, 'video', 'approve-video');
      },
      'ask-to-unmute': (id) => {
        if (!requireModerator('ask-to-unmute')) return;
        const p = remote(id);
        if (!p) return warnArg('ask-to-unmute', `no remote participant ${json(id)}`);
        if (state.moderation.audio) approve(id, 'audio', 'ask-to-unmute');
        else {
          share({ op: 'askUnmute', id: p.id });
          note(`Asked ${formattedName(p)} to unmute`);
        }
      },
      'auto-assign-to-breakout-rooms': () => {
        if (!requireModerator('auto-assign-to-breakout-rooms')) return;
        const breakouts = Object.values(state.rooms).filter((r) => !r.isMainRoom);
        if (!breakouts.length) return warnArg('auto-assign-to-breakout-rooms', 'there are no breakout rooms');
        inRoom(MAIN_ROOM)
          .filter((p) => !p.local)
          .forEach((p, i) => {
            move(p, breakouts[i % breakouts.length].id);
            share({ op: 'move', id: p.id, roomId: p.room });
          });
        roomsChanged(true);
        updateOnStage(false);
      },
      'avatar-url': (avatarURL) => {
        log('warn', 'command', 'avatar-url', 'deprecated: set the avatar in the jwt (context.user.avatar)');
        if (typeof avatarURL !== 'string') return warnArg('avatar-url', 'the URL is not a string');
        me().avatarURL = avatarURL;
        emit('avatar-changed', { id: state.localId, avatarURL });
      },
      'cancel-private-chat': () => {
        state.chat.privateRecipient = null;
      },
      'close-breakout-room': (roomId) => {
        if (!requireModerator('close-breakout-room')) return;
        const room = hasOwn(state.rooms, roomId) ? state.rooms[roomId] : null;
        if (!room || room.isMainRoom) return warnArg('close-breakout-room', `no breakout room ${json(roomId)}`);
        inRoom(room.id).forEach((p) => {
          move(p, MAIN_ROOM);
          share({ op: 'move', id: p.id, roomId: '' });
        });
        roomsChanged(true);
        updateOnStage(false);
      },
      'display-name': (name) => {
        if (typeof name !== 'string') return warnArg('display-name', 'the name is not a string');
        const p = me();
        p.name = name.normalize('NFKC');
        share({ op: 'rename', name: p.name });
        emit('display-name-change', { id: p.id, displayname: p.name, formattedDisplayName: formattedName(p) });
      },
      'end-conference': () => {
        if (!requireModerator('end-conference')) return;
        share({ op: 'end' });
        Object.values(state.participants)
          .filter((p) => !p.local)
          .forEach(removeRemote);
        leave('ended');
      },
      email: (email) => {
        if (typeof email !== 'string') return warnArg('email', 'the email is not a string');
        me().email = email;
        emit('email-change', { id: state.localId, email });
      },
      'grant-moderator': (id) => {
        if (!requireModerator('grant-moderator')) return;
        const p = remote(id);
        if (!p) return warnArg('grant-moderator', `no remote participant ${json(id)}`);
        if (p.role === 'moderator') return;
        p.role = 'moderator';
        share({ op: 'role', id: p.id });
        emit('participant-role-changed', { id: p.id, role: 'moderator' });
      },
      'grant-recording-consent': (unmute) => {
        state.recordingConsent.granted = true;
        note('Recording consent granted');
        if (state.recordingConsent.dialogOpen) {
          state.recordingConsent.dialogOpen = false;
          emit('recording-consent-dialog-open', { open: false });
        }
        if (unmute === true) setLocalMuted('audio', false);
      },
      'video-hangup': () => leave('hangup'),
      'hide-notification': (uid) => hideToast(uid),
      'initiate-private-chat': (id) => {
        const p = remote(id);
        if (!p) return warnArg('initiate-private-chat', `no remote participant ${json(id)}`);
        state.chat.privateRecipient = p.id;
        chatOpen(true);
      },
      'join-breakout-room': (roomId) => {
        const target = roomId ? (hasOwn(state.rooms, roomId) ? state.rooms[roomId] : null) : state.rooms[MAIN_ROOM];
        if (!target) return warnArg('join-breakout-room', `no room ${json(roomId)}`);
        if (target.id === me().room) return;
        move(me(), target.id);
        share({ op: 'move', id: state.localId, roomId: target.isMainRoom ? '' : target.id });
        roomsChanged(true);
        updateOnStage(false);
      },
      'local-subject': (subject) => {
        if (typeof subject !== 'string') return warnArg('local-subject', 'the subject is not a string');
        state.localSubject = subject;
        emit('subject-change', { subject });
      },
      'kick-participant': (id) => {
        if (!requireModerator('kick-participant')) return;
        const p = remote(id);
        if (!p) return warnArg('kick-participant', `no remote participant ${json(id)}`);
        const k = me();
        share({ op: 'kick', id: p.id });
        emit('participant-kicked-out', {
          kicked: { id: p.id, name: nameOf(p), local: false },
          kicker: { id: k.id, name: nameOf(k), local: true },
        });
        removeRemote(p);
        roomsChanged(false);
        updateOnStage(false);
      },
      'mute-everyone': (mediaType = 'audio') => {
        if (!MEDIA_TYPES.includes(mediaType)) return warnArg('mute-everyone', `unknown media type ${json(mediaType)}`);
        if (!requireModerator('mute-everyone')) return;
        othersHere().forEach((p) => {
          share({ op: 'mute', id: p.id, mediaType, muted: true });
          muteRemote(p, mediaType, true);
        });
      },
      'mute-remote-participant': (id, mediaType = 'audio') => {
        if (!MEDIA_TYPES.includes(mediaType)) return warnArg('mute-remote-participant', `unknown media type ${json(mediaType)}`);
        if (id === state.localId) {
          const key = mediaType === 'audio' ? 'audioMuted' : 'videoMuted';
          setLocalMuted(mediaType, !me()[key]);
          return;
        }
        if (!requireModerator('mute-remote-participant')) return;
        const p = remote(id);
        if (!p) return warnArg('mute-remote-participant', `no remote participant ${json(id)}`);
        share({ op: 'mute', id: p.id, mediaType, muted: true });
        muteRemote(p, mediaType, true);
      },
      'overwrite-config': (overwrite) => {
        if (!isObject(overwrite)) return warnArg('overwrite-config', 'the config is not an object');
        merge(state.config, overwrite);
      },
      'overwrite-names': (list) => {
        if (!Array.isArray(list)) return warnArg('overwrite-names', 'the list is not an array');
        for (const item of list) {
          if (isObject(item) && typeof item.id === 'string' && typeof item.name === 'string') {
            state.nameOverrides[item.id] = item.name;
          }
        }
      },
      password: (password) => {
        if (typeof password !== 'string') return warnArg('password', 'the password is not a string');
        if (state.passwordWait) {
          // As Jitsi does when it asked for the password: try to join.
          state.passwordWait = 'checking';
          state.givenPassword = password;
          hello();
          return;
        }
        if (!requireModerator('password')) return;
        state.password = password;
        state.locked = password !== '';
        share({ op: 'lock', password });
      },
      'pin-participant': (id) => {
        if (id && !participant(id)) return warnArg('pin-participant', `no participant ${json(id)}`);
        state.pinnedId = id || null;
        updateOnStage(true);
      },
      'reject-participant': (id, mediaType = 'audio') => {
        if (!requireModerator('reject-participant')) return;
        if (!MEDIA_TYPES.includes(mediaType)) return warnArg('reject-participant', `unknown media type ${json(mediaType)}`);
        if (!state.moderation[mediaType]) return warnArg('reject-participant', `${mediaType} moderation is off`);
        const p = remote(id);
        if (!p) return warnArg('reject-participant', `no remote participant ${json(id)}`);
        const approved = state.moderation.approved[mediaType];
        if (approved.includes(p.id)) approved.splice(approved.indexOf(p.id), 1);
        share({ op: 'reject', id: p.id, mediaType });
        emit('moderation-participant-rejected', { id: p.id, mediaType });
      },
      'remove-breakout-room': (jid) => {
        if (!requireModerator('remove-breakout-room')) return;
        const room = Object.values(state.rooms).find((r) => !r.isMainRoom && (r.jid === jid || r.id === jid));
        if (!room) return warnArg('remove-breakout-room', `no breakout room ${json(jid)}`);
        inRoom(room.id).forEach((p) => {
          move(p, MAIN_ROOM);
          share({ op: 'move', id: p.id, roomId: '' });
        });
        delete state.rooms[room.id];
        share({ op: 'removeRoom', roomId: room.id });
        roomsChanged(true);
        updateOnStage(false);
      },
      'resize-film-strip': (opts) => {
        if (!isObject(opts) || typeof opts.width !== 'number') return warnArg('resize-film-strip', 'no numeric width');
        state.filmstripWidth = Math.max(80, Math.min(800, opts.width));
      },
      'resize-large-video': (width, height) => {
        if (typeof width !== 'number' || typeof height !== 'number') return warnArg('resize-large-video', 'width and height must be numbers');
        state.largeVideoSize = { width, height };
      },
      'send-camera-facing-mode-message': (to, facingMode) => {
        if (!to) return; // Jitsi does nothing without a recipient
        const p = remote(to);
        if (!p) return warnArg('send-camera-facing-mode-message', `no remote participant ${json(to)}`);
        state.endpointMessages.push({ direction: 'out', to: p.id, facingMode: facingMode || 'user', stamp: new Date().toISOString() });
        note(`Asked ${formattedName(p)} to use the ${facingMode === 'environment' ? 'rear' : 'front'} camera`);
      },
      'send-chat-message': (message, to, ignorePrivacy = false) => {
        if (typeof message !== 'string' || !message) return warnArg('send-chat-message', 'the message is empty');
        const recipient = to ? remote(to) : null;
        if (to && !recipient) return warnArg('send-chat-message', `no remote participant ${json(to)}`);
        const messageId = uuid();
        const stamp = new Date().toISOString();
        share({ op: 'chat', text: message, to: recipient ? recipient.id : '', stamp, messageId });
        state.chat.messages.push({
          id: messageId,
          from: state.localId,
          nick: nameOf(me()),
          text: message,
          privateMessage: !!recipient,
          to: recipient ? recipient.id : null,
          incoming: false,
          ignorePrivacy: !!ignorePrivacy,
          stamp,
        });
        emit('outgoing-message', { message, privateMessage: !!recipient });
        // The message comes back from the conference as read: ADD_MESSAGE
        // notifies chat-updated.
        emit('chat-updated', { unreadCount: 0, isOpen: state.chat.open });
      },
      'send-endpoint-text-message': (to, text) => {
        const p = remote(to);
        if (!p) return warnArg('send-endpoint-text-message', `no remote participant ${json(to)}`);
        state.endpointMessages.push({ direction: 'out', to: p.id, text: String(text), stamp: new Date().toISOString() });
        note(`Endpoint message to ${formattedName(p)}: ${String(text)}`);
      },
      'send-participant-to-room': (id, roomId) => {
        if (!requireModerator('send-participant-to-room')) return;
        const p = participant(id);
        if (!p) return warnArg('send-participant-to-room', `no participant ${json(id)}`);
        if (!hasOwn(state.rooms, roomId)) return warnArg('send-participant-to-room', `no room ${json(roomId)}`);
        move(p, roomId);
        share({ op: 'move', id: p.id, roomId: state.rooms[roomId].isMainRoom ? '' : roomId });
        roomsChanged(true);
        updateOnStage(false);
      },
      'send-tones': (opts) => {
        if (!isObject(opts) || typeof opts.tones !== 'string') return warnArg('send-tones', 'no tones');
        const t = { tones: opts.tones, duration: opts.duration || 200, pause: opts.pause || 200 };
        state.tones.push(t);
        note(`Sent DTMF tones ${t.tones}`);
      },
      // set-audio-only is the older name of set-low-bandwidth-mode (renamed
      // in jitsi-meet after July 2026); both set the same mode.
      'set-audio-only': (enable) => setLowBandwidthMode(enable),
      'set-assumed-bandwidth-bps': (value) => {
        if (typeof value !== 'number') return warnArg('set-assumed-bandwidth-bps', 'the value is not a number');
        state.assumedBandwidthBps = value;
      },
      'set-blurred-background': (blurType) => {
        if (!['slight-blur', 'blur', 'none'].includes(blurType)) return warnArg('set-blurred-background', `unknown blur ${json(blurType)}`);
        state.blurredBackground = blurType;
      },
      'set-follow-me': (value, recorderOnly) => {
        if (!requireModerator('set-follow-me')) return;
        state.followMe = { enabled: !!value, recorderOnly: !!recorderOnly };
      },
      'set-low-bandwidth-mode': (enable) => setLowBandwidthMode(enable),
      'set-large-video-participant': (id) => {
        if (id && !participant(id)) return warnArg('set-large-video-participant', `no participant ${json(id)}`);
        state.largeVideoId = id || null;
        if (state.tileView) {
          state.tileView = false;
          emit('tile-view-changed', { enabled: false });
        }
        updateOnStage(true);
      },
      'set-media-encryption-key': (keyInfo) => {
        let info;
        try {
          info = JSON.parse(keyInfo);
        } catch (e) {
          return warnArg('set-media-encryption-key', 'the key info is not JSON');
        }
        if (!isObject(info)) return warnArg('set-media-encryption-key', 'the key info is not an object');
        state.mediaEncryptionKey = { index: info.index, set: Array.isArray(info.exportedKey) };
      },
      'set-meeting-timer': (opts) => {
        const duration = isObject(opts) && typeof opts.duration === 'number' ? opts.duration : 0;
        const elapsed = isObject(opts) && typeof opts.elapsed === 'number' ? opts.elapsed : 0;
        state.meetingTimer = duration > 0 ? { duration, elapsed, setAt: Date.now() } : null;
      },
      'set-noise-suppression-enabled': (opts) => {
        if (!isObject(opts)) return warnArg('set-noise-suppression-enabled', 'no options');
        state.noiseSuppression = !!opts.enabled;
      },
      'set-participant-volume': (id, volume) => {
        const p = remote(id);
        if (!p) return warnArg('set-participant-volume', `no remote participant ${json(id)}`);
        if (typeof volume !== 'number' || volume < 0 || volume > 1) return warnArg('set-participant-volume', 'the volume is not 0..1');
        p.volume = volume;
      },
      'set-second-screen': (opts = {}) => {
        const o = isObject(opts) ? opts : {};
        state.secondScreen = { id: typeof o.id === 'string' ? o.id : 'default', source: copyJSON(o.source), screen: copyJSON(o.screen) };
      },
      'set-subtitles': (enabled, displaySubtitles, language) => {
        state.subtitles = {
          enabled: !!enabled,
          displaySubtitles: displaySubtitles === undefined ? !!enabled : !!displaySubtitles,
          language: typeof language === 'string' ? `translation-languages:${language}` : null,
        };
        setTranscribing();
      },
      'set-tile-view': (enabled) => {
        state.tileView = !!enabled;
        emit('tile-view-changed', { enabled: state.tileView });
      },
      'set-video-quality': (frameHeight) => {
        if (typeof frameHeight !== 'number') return warnArg('set-video-quality', 'the frame height is not a number');
        state.videoQuality = frameHeight;
        emit('video-quality-changed', { videoQuality: frameHeight });
      },
      'set-virtual-background': (enabled, backgroundImage) => {
        state.virtualBackground = { enabled: !!enabled, imageLength: typeof backgroundImage === 'string' ? backgroundImage.length : 0 };
      },
      'show-notification': (opts) => {
        if (!isObject(opts)) return warnArg('show-notification', 'no options');
        const n = {
          uid: typeof opts.uid === 'string' && opts.uid ? opts.uid : uuid(),
          title: typeof opts.title === 'string' ? opts.title : '',
          description: typeof opts.description === 'string' ? opts.description : '',
          type: NOTIFICATION_TYPES.includes(opts.type) ? opts.type : 'normal',
          timeout: hasOwn(NOTIFICATION_TIMEOUTS, opts.timeout) ? opts.timeout : 'short',
          customActions: Array.isArray(opts.customActions)
            ? opts.customActions.filter((a) => isObject(a) && typeof a.label === 'string' && typeof a.uuid === 'string').map((a) => ({ label: a.label, uuid: a.uuid }))
            : [],
        };
        showToast(n);
        emit('notification-triggered', { title: n.title, description: n.description });
      },
      'start-recording': (opts) => {
        if (!isObject(opts) || !RECORDING_MODES.includes(opts.mode)) {
          return log('error', 'command', 'start-recording', `failed: invalid recording mode ${json(isObject(opts) ? opts.mode : opts)}`);
        }
        const mode = opts.mode;
        if (mode !== 'local' && !requireModerator('start-recording')) return;
        if (mode === 'stream' && !(opts.rtmpStreamKey || opts.youtubeStreamKey)) {
          return log('error', 'command', 'start-recording', 'failed: a stream needs rtmpStreamKey or youtubeStreamKey');
        }
        if (state.recording[mode]) return warnArg('start-recording', `${mode} recording is already on`);
        const transcription = !!opts.transcription;
        state.recording[mode] = { startedAt: Date.now(), transcription, onlySelf: !!opts.onlySelf, shouldShare: !!opts.shouldShare };
        if (mode === 'stream') {
          const broadcast = opts.youtubeBroadcastID || opts.rtmpBroadcastID;
          state.livestreamUrl = broadcast
            ? `https://www.youtube.com/watch?v=${encodeURIComponent(broadcast)}`
            : `https://live.sandbox.invalid/${encodeURIComponent(state.roomName)}`;
        }
        if (mode !== 'local') share({ op: 'recording', mode, on: true, transcription });
        emit('recording-status-changed', { on: true, mode, transcription });
        setTranscribing();
      },
      'start-share-video': (videoUrl) => {
        if (typeof videoUrl !== 'string' || !videoUrl) return warnArg('start-share-video', 'no URL');
        state.sharedVideo = { url: videoUrl, status: 'playing', participantId: state.localId };
        emit('audio-or-video-sharing-toggled', { mediaType: 'video', value: 'playing', participantId: state.localId });
      },
      'stop-recording': (mode, transcription) => {
        if (!RECORDING_MODES.includes(mode)) return log('error', 'command', 'stop-recording', `failed: invalid recording mode ${json(mode)}`);
        if (mode !== 'local' && !requireModerator('stop-recording')) return;
        if (!state.recording[mode]) return warnArg('stop-recording', `${mode} recording is off`);
        state.recording[mode] = null;
        if (mode === 'stream') state.livestreamUrl = undefined;
        if (mode !== 'local') share({ op: 'recording', mode, on: false, transcription: !!transcription });
        emit('recording-status-changed', { on: false, mode, transcription: !!transcription });
        if (mode === 'file') {
          const link = `https://recordings.sandbox.invalid/${encodeURIComponent(state.roomName)}/${state.sessionId}-${state.recordingLinks.length + 1}.mp4`;
          const ttl = 86400000;
          state.recordingLinks.push({ link, ttl });
          emit('recording-link-available', { link, ttl });
        }
        setTranscribing();
      },
      'stop-share-video': () => {
        if (!state.sharedVideo) return warnArg('stop-share-video', 'no video is shared');
        const { participantId } = state.sharedVideo;
        state.sharedVideo = null;
        emit('audio-or-video-sharing-toggled', { mediaType: 'video', value: 'stop', participantId });
      },
      subject: (subject) => {
        if (typeof subject !== 'string') return warnArg('subject', 'the subject is not a string');
        if (!requireModerator('subject')) return;
        state.subject = subject;
        share({ op: 'subject', subject });
        emit('subject-change', { subject });
      },
      'submit-feedback': (feedback) => {
        if (!isObject(feedback) || typeof feedback.score !== 'number' || feedback.score < 1 || feedback.score > 5) {
          emit('feedback-submitted', { error: 'the score must be a number 1..5' });
          return;
        }
        state.feedback = { score: feedback.score, message: typeof feedback.message === 'string' ? feedback.message : '' };
        emit('feedback-submitted', {});
      },
      'toggle-audio': () => setLocalMuted('audio', !me().audioMuted),
      'toggle-camera': (facingMode) => {
        state.cameraFacingMode = ['user', 'environment'].includes(facingMode)
          ? facingMode
          : state.cameraFacingMode === 'user'
            ? 'environment'
            : 'user';
      },
      'toggle-camera-mirror': () => {
        state.cameraMirrored = !state.cameraMirrored;
      },
      'toggle-chat': () => chatOpen(!state.chat.open),
      'toggle-e2ee': (enabled) => {
        if (!requireModerator('toggle-e2ee')) return;
        state.e2ee = !!enabled;
      },
      'toggle-film-strip': () => {
        state.filmstripVisible = !state.filmstripVisible;
        emit('filmstrip-display-changed', { visible: state.filmstripVisible });
      },
      'toggle-lobby': (enabled) => {
        if (!requireModerator('toggle-lobby')) return;
        state.lobby.enabled = !!enabled;
        share({ op: 'lobby', enabled: !!enabled });
      },
      'toggle-moderation': (enabled, mediaType = 'audio') => {
        if (!requireModerator('toggle-moderation')) return;
        if (!MEDIA_TYPES.includes(mediaType)) return warnArg('toggle-moderation', `unknown media type ${json(mediaType)}`);
        if (state.moderation[mediaType] === !!enabled) return;
        setModeration(mediaType, !!enabled);
        share({ op: 'moderation', mediaType, enabled: !!enabled });
      },
      'toggle-participants-pane': (enabled) => {
        state.participantsPaneOpen = !!enabled;
        emit('participants-pane-toggled', { open: state.participantsPaneOpen });
      },
      'toggle-raise-hand': () => {
        const p = me();
        p.handRaised = p.handRaised ? 0 : Date.now();
        share({ op: 'hand', id: p.id, handRaised: p.handRaised });
        emit('raise-hand-updated', { id: p.id, handRaised: p.handRaised });
      },
      'toggle-share-screen': (opts) => {
        const p = me();
        const enable = isObject(opts) && typeof opts.enable === 'boolean' ? opts.enable : !p.screenSharing;
        if (enable === p.screenSharing) return;
        p.screenSharing = enable;
        emit('screen-sharing-status-changed', { on: enable, details: enable ? { sourceType: 'screen' } : {} });
        emit('content-sharing-participants-changed', { data: sharingIds() });
      },
      'toggle-subtitles': () => {
        state.subtitles = { ...state.subtitles, enabled: !state.subtitles.enabled, displaySubtitles: !state.subtitles.enabled };
        setTranscribing();
      },
      'toggle-tile-view': () => {
        state.tileView = !state.tileView;
        emit('tile-view-changed', { enabled: state.tileView });
      },
      'toggle-virtual-background': () => {
        state.settingsDialog = state.settingsDialog ? null : 'virtual-background';
      },
      'toggle-video': () => setLocalMuted('video', !me().videoMuted),
      'toggle-whiteboard': (open) => {
        const wb = state.config.whiteboard;
        if (isObject(wb) && wb.enabled === false) {
          state.whiteboard.status = 'FORBIDDEN';
          emit('whiteboard-status-changed', { status: 'FORBIDDEN' });
          return;
        }
        const target = typeof open === 'boolean' ? open : !state.whiteboard.open;
        if (target && !state.whiteboard.instantiated) {
          state.whiteboard.instantiated = true;
          emit('whiteboard-status-changed', { status: 'INSTANTIATED' });
        }
        if (target === state.whiteboard.open) return;
        state.whiteboard.open = target;
        state.whiteboard.status = target ? 'SHOWN' : 'HIDDEN';
        emit('whiteboard-status-changed', { status: state.whiteboard.status });
      },
      'show-pip': () => {
        state.pip = true;
        log('info', 'command', 'show-pip', 'Picture-in-Picture is Electron-only: nothing to show in a browser');
      },
      'hide-pip': () => {
        state.pip = false;
      },
      'set-participant-properties': (properties, useRawKeys) => {
        if (!isObject(properties)) return warnArg('set-participant-properties', 'the properties are not an object');
        const p = me();
        for (const [k, v] of Object.entries(properties)) {
          if (isSafeKey(k) && typeof v === 'string') p.properties[k] = v;
        }
        p.propertiesRawKeys = !!useRawKeys;
      },
    }),
  );

  function approve(id, mediaType, command) {
    if (!state.moderation[mediaType]) return warnArg(command, `${mediaType} moderation is off`);
    const p = remote(id);
    if (!p) return warnArg(command, `no remote participant ${json(id)}`);
    const approved = state.moderation.approved[mediaType];
    if (!approved.includes(p.id)) approved.push(p.id);
    share({ op: 'approve', id: p.id, mediaType });
    emit('moderation-participant-approved', { id: p.id, mediaType });
  }

  function muteRemote(p, mediaType, muted) {
    const key = mediaType === 'audio' ? 'audioMuted' : 'videoMuted';
    if (p[key] === muted) return;
    p[key] = muted;
    emit('participant-muted', { id: p.id, isMuted: muted, mediaType });
  }

  // setLowBandwidthMode sets the audio-only (low bandwidth) mode and emits
  // both its events, the older audio-only-changed and the newer
  // low-bandwidth-mode-changed, so parents of either library version learn it.
  function setLowBandwidthMode(enable) {
    state.audioOnly = !!enable;
    emit('audio-only-changed', { enabled: state.audioOnly });
    emit('low-bandwidth-mode-changed', { enabled: state.audioOnly });
  }

  function onCommand(data) {
    if (!isObject(data) || typeof data.name !== 'string') return;
    const name = data.name;
    const args = Array.isArray(data.data) ? data.data : [];
    const handler = COMMANDS.get(name);
    if (!handler) {
      log('warn', 'command', name, json(args), 'ignored: not handled');
      return;
    }
    log('info', 'command', name, json(args));
    if (!state.joined && !(name === 'password' && state.passwordWait)) {
      log('warn', 'command', name, 'ignored: not in a conference');
      return;
    }
    try {
      handler(...args);
    } catch (e) {
      log('error', 'command', name, `failed: ${e && e.message}`);
    }
    render();
  }

  // ------------------------------------------------------------ requests

  function screenshotDataURL() {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 180;
    const g = canvas.getContext('2d');
    const p = participant(state.onStageId) || me();
    if (!g) return 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
    g.fillStyle = `hsl(${hue(p.id)} 35% 24%)`;
    g.fillRect(0, 0, 320, 180);
    g.fillStyle = `hsl(${hue(p.id)} 55% 45%)`;
    g.beginPath();
    g.arc(160, 80, 42, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#fff';
    g.textAlign = 'center';
    g.font = 'bold 30px sans-serif';
    g.fillText(initials(formattedName(p)), 160, 91);
    g.font = '14px sans-serif';
    g.fillText(formattedName(p), 160, 150);
    return canvas.toDataURL('image/png');
  }

  function connectionStats() {
    const codec = {};
    const framerate = {};
    const resolution = {};
    here().forEach((p, i) => {
      const ssrc = String(1000 + i);
      codec[p.id] = { [ssrc]: { audio: 'opus', video: 'VP8' } };
      framerate[p.id] = { [ssrc]: p.videoMuted ? 0 : 30 };
      resolution[p.id] = { [ssrc]: p.videoMuted ? { width: 0, height: 0 } : { width: 1280, height: 720 } };
    });
    return {
      bitrate: { upload: 850, download: 1700, audio: { upload: 40, download: 80 }, video: { upload: 810, download: 1620 } },
      packetLoss: { total: 0, upload: 0, download: 0 },
      bandwidth: { upload: 2500, download: 5000 },
      connectionQuality: 100,
      iceConnected: true,
      jvbRTT: 24,
      serverRegion: 'sandbox',
      region: 'sandbox',
      codec,
      framerate,
      resolution,
      transport: [
        { ip: '127.0.0.1:10000', type: 'udp', localip: '127.0.0.1:50000', p2p: false, localCandidateType: 'host', remoteCandidateType: 'host', network: 'loopback', rtt: 24 },
      ],
    };
  }

  function roomsInfo() {
    return {
      rooms: Object.values(state.rooms).map((r) => ({
        isMainRoom: r.isMainRoom,
        id: r.id,
        jid: r.jid,
        participants: inRoom(r.id).map((p) => ({
          id: p.id,
          jid: occupantJid(p),
          role: p.role,
          displayName: nameOf(p),
          avatarUrl: p.avatarURL,
        })),
      })),
    };
  }

  const INVITEE_TYPES = ['phone', 'sip', 'user', 'room', 'videosipgw', 'email'];
  function validInvitee(i) {
    return (
      isObject(i) &&
      INVITEE_TYPES.includes(i.type) &&
      ['number', 'address', 'id', 'user_id', 'email'].some((k) => typeof i[k] === 'string' && i[k] !== '')
    );
  }

  // REQUESTS maps each request name to a handler that returns
  // { result } or { error } (a { result: undefined } answers with neither,
  // as the real iframe's callback(undefined) does), or nothing to leave the
  // request unanswered.
  const REQUESTS = new Map(
    Object.entries({
      'capture-camera-picture': () => {
        state.pendingCameraPictures++;
        log('info', 'request', 'capture-camera-picture', 'not answered: the camera picture is for mobile browsers only');
      },
      'capture-largevideo-screenshot': () => ({ result: { dataURL: screenshotDataURL() } }),
      'connection-stats': () => ({ result: connectionStats() }),
      'get-content-sharing-participants': () => ({ result: { sharingParticipantIds: sharingIds() } }),
      'get-custom-avatar-backgrounds': () => ({
        result: { avatarBackgrounds: Array.isArray(state.config.avatarBackgrounds) ? state.config.avatarBackgrounds : [] },
      }),
      // Without config.deploymentInfo the real iframe calls back with
      // undefined: a response with neither result nor error, which the parent
      // library rejects with "Unexpected response format!".
      'deployment-info': () => ({ result: state.config.deploymentInfo }),
      'get-livestream-url': () => ({ result: { livestreamUrl: state.livestreamUrl } }),
      'rooms-info': () => ({ result: roomsInfo() }),
      'session-id': () => ({ result: state.joined ? state.sessionId : '' }),
      'get-shared-document-url': () => ({ result: '' }),
      invite: (data) => {
        const list = data.invitees;
        if (!Array.isArray(list) || !list.length || !list.every(validInvitee)) {
          log('warn', 'request', 'invite', 'failed: one or more invites failed');
          return { result: { error: {} } }; // an Error serializes to {}
        }
        state.invited.push(...copyJSON(list));
        note(`Invited ${list.length} ${list.length === 1 ? 'person' : 'people'}`);
        return { result: { result: true } };
      },
      'is-audio-available': () => ({ result: true }),
      'is-audio-disabled': () => ({ result: !!state.config.startSilent }),
      'is-audio-muted': () => ({ result: me().audioMuted }),
      'is-moderation-on': (data) => ({ result: state.moderation[data.mediaType === 'video' ? 'video' : 'audio'] }),
      'get-p2p-status': () => ({ result: state.joined ? false : null }),
      'is-participant-force-muted': (data) => ({
        result: isForceMuted(participant(data.participantId), data.mediaType === 'video' ? 'video' : 'audio'),
      }),
      'is-participants-pane-open': () => ({ result: state.participantsPaneOpen }),
      'is-sharing-screen': () => ({ result: me().screenSharing }),
      'is-start-silent': () => ({ result: !!state.config.startSilent }),
      'is-video-available': () => ({ result: true }),
      'is-video-muted': () => ({ result: me().videoMuted }),
      'list-breakout-rooms': () => ({ result: roomsPayload() }),
      '_new_electron_screensharing_supported': () => ({ result: true }),
      'open-desktop-picker': () => ({ result: { screenShareAudio: false, source: { id: 'screen:sandbox:0', name: 'Sandbox screen' } } }),
    }),
  );

  // DEVICE_REQUESTS answer the {type: 'devices'} requests.
  const DEVICE_REQUESTS = new Map(
    Object.entries({
      getAvailableDevices: () => ({ result: copyJSON(DEVICES) }),
      getCurrentDevices: () => ({ result: copyJSON(state.devices.current) }),
      isDeviceChangeAvailable: () => ({ result: true }),
      isMultipleAudioInputSupported: () => ({ result: true }),
      setDevice: (data) => {
        const d = data.device;
        const list = isObject(d) ? DEVICE_KINDS[d.kind] : undefined;
        const found = list ? findDevice(list, d.label, d.id) : null;
        if (!found) {
          log('warn', 'request', 'setDevice', `no such device ${json(d)}`);
          return { result: false };
        }
        state.devices.current[list] = copyJSON(found);
        return { result: true };
      },
    }),
  );

  function onRequest(id, data) {
    if (!isObject(data)) return;
    const devices = data.type === 'devices';
    const handler = (devices ? DEVICE_REQUESTS : REQUESTS).get(data.name);
    if (!handler) {
      // The real iframe answers callback({ error: new Error('UnknownRequestError') }):
      // a result whose Error serialises to {}.
      log('warn', 'request', String(data.name), 'unknown request: answered UnknownRequestError');
      respond(id, { error: {} });
      return;
    }
    log('debug', 'request', data.name, json(data));
    let answer;
    try {
      answer = handler(data);
    } catch (e) {
      answer = { error: String(e && e.message) };
    }
    if (!answer) return;
    if (hasOwn(answer, 'error')) respondError(id, answer.error);
    else respond(id, answer.result);
    render();
  }

  // ------------------------------------------------------------ control

  const CONTROL = new Map(
    Object.entries({
      join: (a) => {
        if (participant(a.id)) return log('warn', 'control', 'join', `${a.id} is already here`);
        addRemote(a);
      },
      leave: (a) => {
        const knocker = state.lobby.knocking.findIndex((k) => k.id === a.id);
        if (knocker >= 0) {
          state.lobby.knocking.splice(knocker, 1);
          return;
        }
        const p = remote(a.id);
        if (!p) return log('warn', 'control', 'leave', `no remote participant ${a.id}`);
        removeRemote(p);
        roomsChanged(false);
        updateOnStage(false);
      },
      speak: (a) => {
        if (!participant(a.id)) return log('warn', 'control', 'speak', `no participant ${a.id}`);
        state.dominantSpeakerId = a.id;
        emit('dominant-speaker-changed', { id: a.id });
        updateOnStage(false);
      },
      knock: (a) => {
        if (participant(a.id) || state.lobby.knocking.some((k) => k.id === a.id)) {
          return log('warn', 'control', 'knock', `${a.id} is already here`);
        }
        state.lobby.knocking.push({ id: a.id, name: a.name });
        emit('knocking-participant', { participant: { id: a.id, name: a.name } });
      },
      raiseHand: (a) => setHand(a.id, Date.now()),
      lowerHand: (a) => setHand(a.id, 0),
      message: (a) => receiveMessage(a.from, a.text, !!a.private, new Date().toISOString(), uuid()),
      endpointMessage: (a) => {
        const p = participant(a.from);
        state.endpointMessages.push({ direction: 'in', from: a.from, text: a.text, stamp: new Date().toISOString() });
        note(`Endpoint message from ${p ? formattedName(p) : a.from}: ${a.text}`);
        emit('endpoint-text-message-received', {
          data: {
            senderInfo: { jid: p ? occupantJid(p) : `${state.rooms[MAIN_ROOM].jid}/${a.from}`, id: a.from },
            eventData: { name: 'endpoint-text-message', text: a.text },
          },
        });
      },
      mute: (a) => {
        if (a.id === state.localId) {
          const p = me();
          const key = a.mediaType === 'audio' ? 'audioMuted' : 'videoMuted';
          if (p[key] === a.muted) return;
          p[key] = a.muted; // the moderator's mute is not subject to moderation
          localMuteChanged(a.mediaType, a.muted);
          return;
        }
        const p = remote(a.id);
        if (!p) return log('warn', 'control', 'mute', `no participant ${a.id}`);
        muteRemote(p, a.mediaType, a.muted);
      },
      rename: (a) => {
        const p = participant(a.id);
        if (!p) return log('warn', 'control', 'rename', `no participant ${a.id}`);
        p.name = a.name;
        emit('display-name-change', { id: p.id, displayname: nameOf(p), formattedDisplayName: formattedName(p) });
      },
      recordingLink: (a) => {
        state.recordingLinks.push({ link: a.link, ttl: a.ttl });
        emit('recording-link-available', { link: a.link, ttl: a.ttl });
      },
      burst: (a) => {
        const ids = othersHere().map((p) => p.id);
        if (!ids.length) ids.push(state.localId);
        for (let i = 0; i < a.count; i++) emit('dominant-speaker-changed', { id: ids[i % ids.length] });
        state.dominantSpeakerId = ids[(a.count - 1) % ids.length];
        updateOnStage(false);
      },
      fail: (a) => {
        const camera = a.mediaType !== 'audio';
        state.deviceErrors.push({ device: camera ? 'camera' : 'mic', type: a.type, message: a.message });
        emit(camera ? 'camera-error' : 'mic-error', { type: a.type, message: a.message });
        note(`${camera ? 'Camera' : 'Microphone'} error: ${a.message}`);
      },
    }),
  );

  function setHand(id, handRaised) {
    const p = participant(id);
    if (!p) return log('warn', 'control', 'hand', `no participant ${id}`);
    p.handRaised = handRaised;
    emit('raise-hand-updated', { id: p.id, handRaised });
  }

  function onControl(a) {
    state.control.received++;
    const handler = isObject(a) ? CONTROL.get(a.action) : undefined;
    if (!handler) return log('warn', 'control', json(a), 'ignored: unknown action');
    if (a.action !== 'burst') log('info', 'control', a.action, json(a));
    if (!state.joined) return log('warn', 'control', a.action, 'ignored: not in a conference');
    handler(a);
    render();
  }

  // receiveMessage adds an incoming chat message: incoming-message, then
  // chat-updated as jitsi-meet's ADD_MESSAGE middleware notifies it (unread
  // while the chat is closed).
  function receiveMessage(from, text, privateMessage, stamp, messageId) {
    const p = participant(from);
    const m = {
      id: messageId,
      from,
      nick: p ? nameOf(p) : from,
      text,
      privateMessage,
      to: privateMessage ? state.localId : null,
      incoming: true,
      stamp,
    };
    state.chat.messages.push(m);
    emit('incoming-message', {
      from: m.from,
      message: m.text,
      nick: m.nick,
      privateMessage: m.privateMessage,
      stamp: m.stamp,
      messageId: m.id,
    });
    if (!state.chat.open) state.chat.unreadCount++;
    emit('chat-updated', { unreadCount: state.chat.open ? 0 : state.chat.unreadCount, isOpen: state.chat.open });
  }

  // ------------------------------------------------------------ the shared meeting

  // Every page open on the room is a participant of one meeting that the
  // server keeps. The page acts first (and emits what Jitsi would to its
  // parent), then shares what it did as an op; the server checks the op
  // against this participant's role (from the verified jwt) and passes it
  // to the other pages, which play it below. Ops go out one request at a
  // time, in order.
  const meetingPath = `/_sandbox/meeting/${SERVER.roomPath.split('/').map(encodeURIComponent).join('/')}`;
  let outbox = [];
  let sending = false;

  // share queues an op for the other pages.
  function share(op) {
    if (!SERVER.pageToken) return;
    outbox.push(op);
    flushOps();
  }

  function flushOps() {
    if (sending || !state.meeting.joined || !outbox.length) return;
    const ops = outbox.splice(0, 256);
    postOps(ops);
  }

  function postOps(ops) {
    sending = true;
    fetch(`${meetingPath}/ops`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify({ token: SERVER.pageToken, ops }),
    })
      .then(async (res) => {
        state.meeting.sent += ops.length;
        if (!res.ok) {
          const why = (await res.text()).trim();
          state.meeting.refused.push(why);
          log('warn', 'meeting', 'ops refused', res.status, why);
        }
      })
      .catch((e) => log('warn', 'meeting', 'sending ops failed', String(e && e.message)))
      .finally(() => {
        sending = false;
        flushOps();
      });
  }

  // hello joins this participant to the shared meeting with its state.
  function hello() {
    const p = me();
    sending = true;
    outbox = outbox.filter((o) => !['mute', 'hand', 'rename', 'speak', 'move'].includes(o.op) || o.id !== undefined && o.id !== state.localId);
    const room = state.rooms[p.room].isMainRoom ? '' : p.room;
    const o = { op: 'hello', name: nameOf(p), email: p.email, audioMuted: p.audioMuted, videoMuted: p.videoMuted, handRaised: p.handRaised, roomId: room };
    if (state.passwordWait === 'checking') o.password = state.givenPassword;
    postOps([o]);
  }

  function connectMeeting() {
    if (!SERVER.pageToken || typeof EventSource !== 'function') return;
    const source = new EventSource(`${meetingPath}/events?token=${encodeURIComponent(SERVER.pageToken)}`);
    source.addEventListener('open', () => {
      state.meeting.connected = true;
      state.control.connected = true;
      if (state.joined || state.lobbyWait === 'knocking' || state.passwordWait === 'checking') hello();
      render();
    });
    source.addEventListener('error', () => {
      state.meeting.connected = false;
      state.meeting.joined = false;
      state.control.connected = false;
      render();
    });
    source.addEventListener('message', (event) => {
      let msg;
      try {
        msg = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      if (isObject(msg) && typeof msg.op === 'string') onMeetingOp(msg);
      else onControl(msg);
    });
    meetingSource = source;
  }
  let meetingSource = null;

  // addMember adds a participant of the shared meeting, with what Jitsi
  // tells of a participant who is there: joined, then role, mute and hand.
  function addMember(m) {
    const known = participant(m.id);
    if (known && known.local) return;
    if (known) {
      known.page = !!m.page;
      return;
    }
    if (m.room && !hasOwn(state.rooms, m.room)) m.room = '';
    const p = newRemote({ id: m.id, name: m.name, email: m.email }, m.room || MAIN_ROOM, !!m.page);
    p.role = m.role === 'moderator' ? 'moderator' : 'participant';
    p.audioMuted = !!m.audioMuted;
    p.videoMuted = !!m.videoMuted;
    p.handRaised = m.handRaised || 0;
    if (p.room === me().room) announce(p);
    roomsChanged(false);
  }

  function kickedOut(kickerId) {
    const k = participant(kickerId);
    emit('participant-kicked-out', {
      kicked: { id: state.localId, name: nameOf(me()), local: true },
      kicker: { id: kickerId, name: k ? nameOf(k) : '' },
    });
    Object.values(state.participants)
      .filter((p) => !p.local)
      .forEach((p) => delete state.participants[p.id]);
    leave('kicked');
  }

  // passwordAsked tells the parent that the meeting needs a password
  // (again, after a wrong one) and waits for the password command.
  function passwordAsked(wrong) {
    state.meeting.joined = false;
    state.passwordWait = 'required';
    if (wrong) log('info', 'password', 'the server refused the password given');
    else log('info', 'password', 'the meeting is locked: waiting for the password command');
    emit('password-required', {});
  }

  // lobbyAnswered joins this page once a moderator admitted it from the
  // lobby, or shows that they did not.
  function lobbyAnswered(approved) {
    if (state.lobbyWait !== 'knocking') return;
    if (!approved) {
      state.lobbyWait = 'denied';
      log('info', 'lobby', 'a moderator did not admit this page');
      return;
    }
    state.lobbyWait = null;
    if (!state.joined) joinConference();
    hello();
  }

  // MEETING plays the ops of the other pages (op.by is who did it).
  const MEETING = new Map(
    Object.entries({
      welcome: (o) => {
        state.meeting.joined = true;
        state.locked = !!o.locked;
        if (state.passwordWait) {
          state.passwordWait = null;
          state.givenPassword = '';
          if (!state.joined) joinConference();
        }
        const listed = new Set(o.members.map((m) => m.id));
        Object.values(state.participants)
          .filter((p) => !p.local && p.page && !listed.has(p.id))
          .forEach(removeRemote);
        for (const r of o.rooms) {
          if (!hasOwn(state.rooms, r.id)) state.rooms[r.id] = { id: r.id, jid: r.jid, name: r.name, isMainRoom: false };
        }
        for (const mediaType of MEDIA_TYPES) {
          state.moderation.approved[mediaType] = o.moderation.approved[mediaType] || [];
          if (state.moderation[mediaType] !== o.moderation[mediaType]) setModeration(mediaType, o.moderation[mediaType]);
        }
        state.lobby.enabled = o.lobby.enabled;
        for (const k of o.lobby.knocking) {
          if (!state.lobby.knocking.some((q) => q.id === k.id) && !participant(k.id)) {
            state.lobby.knocking.push({ id: k.id, name: k.name, page: !!k.page });
            emit('knocking-participant', { participant: { id: k.id, name: k.name } });
          }
        }
        o.members.forEach(addMember);
        if (o.subject && o.subject !== state.subject) {
          state.subject = o.subject;
          emit('subject-change', { subject: o.subject });
        }
        for (const r of o.recordings) {
          if (state.recording[r.mode]) continue;
          state.recording[r.mode] = { startedAt: Date.now(), transcription: r.transcription, onlySelf: false, shouldShare: false };
          emit('recording-status-changed', { on: true, mode: r.mode, transcription: r.transcription });
        }
        setTranscribing();
        roomsChanged(false);
        updateOnStage(false);
        flushOps();
      },
      join: (o) => {
        addMember(o.member);
        updateOnStage(false);
      },
      leave: (o) => {
        const k = state.lobby.knocking.findIndex((q) => q.id === o.id);
        if (k >= 0) state.lobby.knocking.splice(k, 1);
        const p = remote(o.id);
        if (!p) return;
        removeRemote(p);
        roomsChanged(false);
        updateOnStage(false);
      },
      rename: (o) => {
        const p = remote(o.id);
        if (!p) return;
        p.name = o.name;
        emit('display-name-change', { id: p.id, displayname: nameOf(p), formattedDisplayName: formattedName(p) });
      },
      mute: (o) => {
        if (o.id === state.localId) {
          const p = me();
          const key = o.mediaType === 'audio' ? 'audioMuted' : 'videoMuted';
          if (p[key] === o.muted) return;
          p[key] = o.muted;
          localMuteChanged(o.mediaType, o.muted);
          const by = participant(o.by);
          note(`${by ? formattedName(by) : 'A moderator'} muted your ${o.mediaType === 'audio' ? 'microphone' : 'camera'}`);
          return;
        }
        const p = remote(o.id);
        if (p) muteRemote(p, o.mediaType, o.muted);
      },
      hand: (o) => setHand(o.id, o.handRaised),
      speak: (o) => {
        if (!participant(o.id)) return;
        state.dominantSpeakerId = o.id;
        emit('dominant-speaker-changed', { id: o.id });
        updateOnStage(false);
      },
      role: (o) => {
        const p = participant(o.id);
        if (!p || p.role === 'moderator') return;
        p.role = 'moderator';
        emit('participant-role-changed', { id: p.id, role: 'moderator' });
        if (p.local) note('You are now a moderator');
      },
      kick: (o) => {
        if (o.id === state.localId) return kickedOut(o.by);
        const p = remote(o.id);
        if (!p) return;
        const k = participant(o.by);
        emit('participant-kicked-out', {
          kicked: { id: p.id, name: nameOf(p), local: false },
          kicker: { id: o.by, name: k ? nameOf(k) : '', local: false },
        });
        removeRemote(p);
        roomsChanged(false);
        updateOnStage(false);
      },
      addRoom: (o) => {
        if (hasOwn(state.rooms, o.roomId)) return;
        state.rooms[o.roomId] = { id: o.roomId, jid: o.jid, name: o.name, isMainRoom: false };
        roomsChanged(true);
      },
      removeRoom: (o) => {
        if (!hasOwn(state.rooms, o.roomId) || state.rooms[o.roomId].isMainRoom) return;
        inRoom(o.roomId).forEach((p) => move(p, MAIN_ROOM));
        delete state.rooms[o.roomId];
        roomsChanged(true);
        updateOnStage(false);
      },
      move: (o) => {
        const p = participant(o.id);
        const roomId = o.roomId || MAIN_ROOM;
        if (!p || !hasOwn(state.rooms, roomId) || p.room === roomId) return;
        move(p, roomId);
        roomsChanged(true);
        updateOnStage(false);
      },
      moderation: (o) => {
        if (state.moderation[o.mediaType] !== o.enabled) setModeration(o.mediaType, o.enabled);
      },
      approve: (o) => {
        const approved = state.moderation.approved[o.mediaType];
        if (!approved.includes(o.id)) approved.push(o.id);
        if (o.id === state.localId) {
          emit('moderation-participant-approved', { id: state.localId, mediaType: o.mediaType });
          note(`You may ${o.mediaType === 'audio' ? 'unmute' : 'start your camera'}: a moderator approved it`);
        } else if (me().role === 'moderator') {
          emit('moderation-participant-approved', { id: o.id, mediaType: o.mediaType });
        }
      },
      reject: (o) => {
        const approved = state.moderation.approved[o.mediaType];
        if (approved.includes(o.id)) approved.splice(approved.indexOf(o.id), 1);
        if (o.id === state.localId) {
          emit('moderation-participant-rejected', { id: state.localId, mediaType: o.mediaType });
        } else if (me().role === 'moderator') {
          emit('moderation-participant-rejected', { id: o.id, mediaType: o.mediaType });
        }
      },
      askUnmute: () => note('A moderator asks you to unmute'),
      lobby: (o) => {
        state.lobby.enabled = o.enabled;
      },
      answer: (o) => {
        if (o.id === state.localId) return lobbyAnswered(o.approved);
        const i = state.lobby.knocking.findIndex((k) => k.id === o.id);
        if (i < 0) return;
        const [knocker] = state.lobby.knocking.splice(i, 1);
        // An admitted page joins by itself (its join op follows).
        if (o.approved && !knocker.page) addRemote(knocker);
      },
      knock: (o) => {
        const k = o.knocker;
        if (participant(k.id) || state.lobby.knocking.some((q) => q.id === k.id)) return;
        state.lobby.knocking.push({ id: k.id, name: k.name, page: !!k.page });
        emit('knocking-participant', { participant: { id: k.id, name: k.name } });
      },
      passwordRequired: (o) => passwordAsked(!!o.wrong),
      lock: (o) => {
        state.locked = !!o.locked;
        if (!state.locked) state.password = '';
      },
      waiting: () => {
        state.meeting.joined = false;
        state.lobbyWait = 'knocking';
        log('info', 'lobby', 'the lobby holds this page until a moderator admits it');
      },
      end: () => {
        Object.values(state.participants)
          .filter((p) => !p.local)
          .forEach(removeRemote);
        leave('ended');
      },
      chat: (o) => receiveMessage(o.by, o.text, o.to === state.localId, o.stamp || new Date().toISOString(), o.messageId || uuid()),
      subject: (o) => {
        state.subject = o.subject;
        emit('subject-change', { subject: o.subject });
      },
      recording: (o) => {
        if (!!state.recording[o.mode] === o.on) return;
        state.recording[o.mode] = o.on ? { startedAt: Date.now(), transcription: !!o.transcription, onlySelf: false, shouldShare: false } : null;
        if (o.mode === 'stream' && !o.on) state.livestreamUrl = undefined;
        emit('recording-status-changed', { on: o.on, mode: o.mode, transcription: !!o.transcription });
        setTranscribing();
      },
    }),
  );

  function onMeetingOp(o) {
    state.meeting.received++;
    const handler = MEETING.get(o.op);
    if (!handler) return log('warn', 'meeting', json(o), 'ignored: unknown op');
    log('debug', 'meeting', o.op, json(o));
    const forKnocker = state.lobbyWait === 'knocking' && (o.op === 'waiting' || o.op === 'answer');
    const forPassword = !!state.passwordWait && (o.op === 'passwordRequired' || o.op === 'welcome');
    if (!state.joined && !forKnocker && !forPassword) return log('warn', 'meeting', o.op, 'ignored: not in a conference');
    try {
      handler(o);
    } catch (e) {
      log('error', 'meeting', o.op, `failed: ${e && e.message}`);
    }
    render();
  }

  // ------------------------------------------------------------ view

  const SVG_NS = 'http://www.w3.org/2000/svg';
  const ICONS = {
    mic: 'M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.92V21h2v-3.08A7 7 0 0 0 19 11h-2z',
    camera: 'M17 10.5V7a1 1 0 0 0-1-1H4a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1v-3.5l4 4v-11l-4 4z',
    hand: 'M19 9.5a1.5 1.5 0 0 0-3 0V12h-.6V4.5a1.5 1.5 0 0 0-3 0V11.5h-.6V3.5a1.5 1.5 0 0 0-3 0v8h-.6V5.5a1.5 1.5 0 0 0-3 0v9.2l-1.6-1.7a1.5 1.5 0 0 0-2.2 2l4.4 5A6 6 0 0 0 10.2 22H13a6 6 0 0 0 6-6z',
    screen: 'M3 4h18a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1h-7v2h3v2H7v-2h3v-2H3a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1zm1 2v9h16V6z',
    tiles: 'M3 3h8v8H3zm10 0h8v8h-8zM3 13h8v8H3zm10 0h8v8h-8z',
    chat: 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 1-2z',
    people: 'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm8 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM1 20c0-3.3 3.6-6 8-6s8 2.7 8 6v1H1zm17 1v-1c0-1.8-.8-3.4-2-4.6 3.4.2 7 1.9 7 4.6v1z',
    rec: 'M12 5a7 7 0 1 0 0 14 7 7 0 0 0 0-14z',
    hangup: 'M12 9c-3.2 0-6.2.8-8.8 2.3-.8.5-1.2 1.3-1.2 2.2v2a1 1 0 0 0 1.3 1l4-1.2a1 1 0 0 0 .7-1V12c2.6-.8 5.4-.8 8 0v2.3a1 1 0 0 0 .7 1l4 1.2a1 1 0 0 0 1.3-1v-2c0-.9-.4-1.7-1.2-2.2A17.6 17.6 0 0 0 12 9z',
    pin: 'M16 3l5 5-3 1-4 4 1 5-2 2-4-4-5 5-1-1 5-5-4-4 2-2 5 1 4-4z',
    star: 'M12 2l3 6.5 7 .8-5.2 4.8 1.5 7L12 17.6 5.7 21l1.5-7L2 9.3l7-.8z',
    lock: 'M6 10V7a6 6 0 0 1 12 0v3h1a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V11a1 1 0 0 1 1-1zm2 0h8V7a4 4 0 0 0-8 0z',
  };

  function icon(name, off) {
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('class', `icon icon-${name}${off ? ' off' : ''}`);
    svg.setAttribute('aria-hidden', 'true');
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', ICONS[name]);
    svg.append(path);
    if (off) {
      const line = document.createElementNS(SVG_NS, 'line');
      for (const [k, v] of Object.entries({ x1: 3, y1: 3, x2: 21, y2: 21 })) line.setAttribute(k, v);
      svg.append(line);
    }
    return svg;
  }

  // h builds an element: props are class, text, on<event>, vars (CSS custom
  // properties, set through the CSSOM as the CSP allows) and attributes.
  function h(tag, props, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = v;
      else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k === 'vars') for (const [n, val] of Object.entries(v)) el.style.setProperty(n, String(val));
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : String(c));
    }
    return el;
  }

  function hue(id) {
    let x = 0;
    for (const c of String(id)) x = (x * 31 + c.codePointAt(0)) % 360;
    return x;
  }

  function initials(name) {
    const words = String(name).replace(/\(.*?\)/g, ' ').trim().split(/\s+/).filter(Boolean);
    if (!words.length) return '?';
    const first = Array.from(words[0])[0] || '';
    const last = words.length > 1 ? Array.from(words[words.length - 1])[0] || '' : '';
    return (first + last).toUpperCase();
  }

  function avatar(p) {
    const src = p.avatarURL;
    if (typeof src === 'string' && (src.startsWith('data:image/') || src.startsWith('/'))) {
      return h('img', { class: 'avatar', src, alt: '' });
    }
    return h('div', { class: 'avatar', 'aria-hidden': 'true' }, initials(formattedName(p)));
  }

  function tile(p, large) {
    const classes = ['tile'];
    if (large) classes.push('large');
    if (p.local) classes.push('local');
    if (p.id === state.dominantSpeakerId) classes.push('speaking');
    if (p.id === state.pinnedId) classes.push('pinned');
    if (p.id === state.onStageId && !large) classes.push('on-stage');
    const sharing = p.screenSharing;
    return h(
      'div',
      { class: classes.join(' '), 'data-id': p.id, vars: { '--hue': hue(p.id) }, title: formattedName(p) },
      sharing ? h('div', { class: 'screen-share' }, icon('screen'), h('span', { text: `${nameOf(p) || 'Someone'} is sharing a screen` })) : avatar(p),
      h(
        'div',
        { class: 'tile-top' },
        p.handRaised ? h('span', { class: 'badge hand', title: 'Hand raised' }, icon('hand'), large ? 'Hand raised' : null) : null,
        large && p.id === state.dominantSpeakerId ? h('span', { class: 'badge speaking', text: 'Speaking' }) : null,
        p.id === state.pinnedId ? h('span', { class: 'badge pin', title: 'Pinned' }, icon('pin')) : null,
        p.role === 'moderator' ? h('span', { class: 'badge role', title: 'Moderator' }, icon('star')) : null,
        sharing ? h('span', { class: 'badge share', title: 'Sharing a screen' }, icon('screen')) : null,
      ),
      h(
        'div',
        { class: 'tile-bottom' },
        h('span', { class: `state${p.audioMuted ? ' muted' : ''}`, title: p.audioMuted ? 'Microphone muted' : 'Microphone on' }, icon('mic', p.audioMuted)),
        h('span', { class: `state${p.videoMuted ? ' muted' : ''}`, title: p.videoMuted ? 'Camera off' : 'Camera on' }, icon('camera', p.videoMuted)),
        h('span', { class: 'name', text: formattedName(p) }),
        !p.local && p.volume < 1 ? h('span', { class: 'volume', text: `${Math.round(p.volume * 100)}%` }) : null,
      ),
    );
  }

  function badge(text, kind, title) {
    return h('span', { class: `pill ${kind || ''}`, title: title || text }, text);
  }

  function renderHeader() {
    const subject = state.localSubject || state.subject || state.roomName;
    document.getElementById('subject').textContent = subject;
    document.title = `${subject} · meetbridge sandbox`;
    const badges = [];
    const count = here().length;
    badges.push(badge(`${count} ${count === 1 ? 'participant' : 'participants'}`, 'count'));
    const room = state.rooms[me().room];
    if (!room.isMainRoom) badges.push(badge(`Breakout: ${room.name}`, 'info'));
    if (state.recording.file) badges.push(badge('REC', 'rec', 'Recording to a file'));
    if (state.recording.stream) badges.push(badge('LIVE', 'rec', state.livestreamUrl));
    if (state.recording.local) badges.push(badge('Local recording', 'rec'));
    if (state.transcribing) badges.push(badge('Transcribing', 'info'));
    if (state.lobby.enabled) badges.push(badge('Lobby on', 'info'));
    if (state.locked) badges.push(badge('Locked', 'info', 'The room has a password'));
    if (state.e2ee) badges.push(badge('E2EE', 'info', 'End-to-end encryption'));
    if (state.moderation.audio) badges.push(badge('Audio moderation', 'warn'));
    if (state.moderation.video) badges.push(badge('Video moderation', 'warn'));
    if (state.followMe.enabled) badges.push(badge('Follow me', 'info'));
    if (state.audioOnly) badges.push(badge('Audio only', 'info'));
    if (state.virtualBackground.enabled) badges.push(badge('Virtual background', 'info'));
    else if (state.blurredBackground !== 'none') badges.push(badge(state.blurredBackground === 'blur' ? 'Background blur' : 'Slight blur', 'info'));
    if (state.noiseSuppression) badges.push(badge('Noise suppression', 'info'));
    if (state.cameraFacingMode === 'environment') badges.push(badge('Rear camera', 'info'));
    if (!state.cameraMirrored) badges.push(badge('Not mirrored', 'info'));
    if (state.mediaEncryptionKey && state.mediaEncryptionKey.set) badges.push(badge(`E2EE key #${state.mediaEncryptionKey.index}`, 'info'));
    if (state.secondScreen) badges.push(badge('Second screen', 'info'));
    if (state.pip) badges.push(badge('PiP requested', 'info', 'Picture-in-Picture is Electron-only'));
    if (state.meetingTimer) {
      const { duration, elapsed, setAt } = state.meetingTimer;
      const left = Math.max(0, Math.round(duration - elapsed - (Date.now() - setAt) / 1000));
      badges.push(badge(`${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')} left`, 'info', 'Meeting timer'));
    }
    if (state.control.enabled && !state.control.connected) badges.push(badge('control offline', 'warn', 'The control stream is not connected'));
    document.getElementById('badges').replaceChildren(...badges);
  }

  function renderStage() {
    const stage = document.getElementById('stage');
    const parts = [];
    const onStage = participant(state.onStageId) || me();
    if (state.whiteboard.open) {
      parts.push(h('div', { class: 'placeholder whiteboard' }, h('strong', { text: 'Whiteboard' }), h('span', { text: 'shared with everyone in the room' })));
    } else if (state.sharedVideo) {
      parts.push(h('div', { class: 'placeholder video' }, h('strong', { text: 'Shared video' }), h('span', { text: state.sharedVideo.url })));
    } else {
      parts.push(tile(onStage, true));
    }
    if (state.subtitles.enabled && state.subtitles.displaySubtitles) {
      parts.push(h('div', { class: 'subtitles', text: 'Subtitles on — the sandbox has nobody to transcribe' }));
    }
    stage.replaceChildren(...parts);
    if (state.largeVideoSize) {
      stage.style.setProperty('--stage-max-width', `${state.largeVideoSize.width}px`);
      stage.style.setProperty('--stage-max-height', `${state.largeVideoSize.height}px`);
    }
  }

  function renderFilmstrip() {
    const strip = document.getElementById('filmstrip');
    const people = here();
    strip.replaceChildren(...people.map((p) => tile(p, false)));
    // Tile view: a near-square grid, wider than tall.
    strip.style.setProperty('--cols', String(Math.max(1, Math.ceil(Math.sqrt(people.length)))));
    if (state.filmstripWidth) document.body.style.setProperty('--filmstrip-width', `${state.filmstripWidth}px`);
  }

  function panel(title, kind, ...body) {
    return h('section', { class: `panel ${kind}` }, h('h2', { text: title }), ...body);
  }

  function renderSide() {
    const panels = [];
    const moderator = me().role === 'moderator';
    if (state.lobby.enabled || state.lobby.knocking.length) {
      panels.push(
        panel(
          `Lobby${state.lobby.knocking.length ? ` · ${state.lobby.knocking.length} waiting` : ''}`,
          'lobby',
          state.lobby.knocking.length
            ? h(
                'ul',
                { class: 'list' },
                state.lobby.knocking.map((k) =>
                  h(
                    'li',
                    { class: 'knocker' },
                    h('span', { class: 'mini-avatar', vars: { '--hue': hue(k.id) } }, initials(k.name)),
                    h('span', { class: 'who', title: k.name }, h('strong', { text: k.name }), h('small', { text: 'wants to join' })),
                    moderator ? h('button', { class: 'admit', type: 'button', onclick: () => uiCommand('answer-knocking-participant', [k.id, true]) }, 'Admit') : null,
                    moderator ? h('button', { class: 'reject', type: 'button', onclick: () => uiCommand('answer-knocking-participant', [k.id, false]) }, 'Reject') : null,
                  ),
                ),
              )
            : h('p', { class: 'empty', text: 'Nobody is waiting.' }),
        ),
      );
    }
    if (Object.keys(state.rooms).length > 1) {
      panels.push(
        panel(
          'Breakout rooms',
          'rooms',
          h(
            'ul',
            { class: 'list' },
            Object.values(state.rooms).map((r) =>
              h(
                'li',
                { class: `room${r.id === me().room ? ' current' : ''}` },
                h('span', { class: 'who', text: `${r.isMainRoom ? 'Main room' : r.name}${r.id === me().room ? ' (you are here)' : ''}` }),
                h('span', { class: 'members', text: inRoom(r.id).map((p) => formattedName(p)).join(', ') || 'empty' }),
              ),
            ),
          ),
        ),
      );
    }
    if (state.participantsPaneOpen) {
      panels.push(
        panel(
          `Participants (${here().length})`,
          'participants',
          h(
            'ul',
            { class: 'list' },
            here().map((p) =>
              h(
                'li',
                { class: 'person' },
                h('span', { class: 'mini-avatar', vars: { '--hue': hue(p.id) } }, initials(formattedName(p))),
                h('span', { class: 'who', title: json(p.properties) }, `${formattedName(p)}${p.role === 'moderator' ? ' · moderator' : ''}`,
                  Object.keys(p.properties).length ? h('small', { class: 'props', text: ` ${Object.entries(p.properties).map(([k, v]) => `${k}: ${v}`).join(', ')}` }) : null),
                p.handRaised ? icon('hand') : null,
                icon('mic', p.audioMuted),
                icon('camera', p.videoMuted),
              ),
            ),
          ),
        ),
      );
    }
    if (state.chat.open) {
      const to = remote(state.chat.privateRecipient);
      panels.push(
        panel(
          'Chat',
          'chat',
          h(
            'ol',
            { class: 'messages' },
            state.chat.messages.slice(-50).map((m) =>
              h(
                'li',
                { class: `message${m.incoming ? '' : ' own'}${m.privateMessage ? ' private' : ''}` },
                h(
                  'div',
                  { class: 'meta' },
                  h('strong', { text: m.incoming ? m.nick || m.from : 'You' }),
                  m.privateMessage ? h('span', { text: m.incoming ? ' (privately)' : ` → ${remote(m.to) ? formattedName(remote(m.to)) : m.to} (private)` }) : null,
                  h('time', { text: new Date(m.stamp).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) }),
                ),
                h('div', { class: 'text', text: m.text }),
              ),
            ),
          ),
          h(
            'form',
            {
              class: 'compose',
              onsubmit: (e) => {
                e.preventDefault();
                const input = e.target.querySelector('input');
                if (input.value) uiCommand('send-chat-message', to ? [input.value, to.id] : [input.value]);
              },
            },
            h('input', { type: 'text', placeholder: to ? `Private message to ${formattedName(to)}` : 'Message everyone', 'aria-label': 'Chat message' }),
            h('button', { type: 'submit' }, 'Send'),
          ),
        ),
      );
    }
    const side = document.getElementById('side');
    side.replaceChildren(...panels);
    side.hidden = panels.length === 0;
  }

  // TOOLBAR lists the buttons: key (as in config.toolbarButtons), the
  // command a click runs, and how the button shows its state.
  const TOOLBAR = [
    { key: 'microphone', icon: 'mic', label: () => (me().audioMuted ? 'Unmute' : 'Mute'), off: () => me().audioMuted, run: () => ['toggle-audio', []] },
    { key: 'camera', icon: 'camera', label: () => (me().videoMuted ? 'Start camera' : 'Stop camera'), off: () => me().videoMuted, run: () => ['toggle-video', []] },
    { key: 'desktop', icon: 'screen', label: () => (me().screenSharing ? 'Stop sharing' : 'Share screen'), on: () => me().screenSharing, run: () => ['toggle-share-screen', []] },
    { key: 'raisehand', icon: 'hand', label: () => (me().handRaised ? 'Lower hand' : 'Raise hand'), on: () => !!me().handRaised, run: () => ['toggle-raise-hand', []] },
    { key: 'tileview', icon: 'tiles', label: () => (state.tileView ? 'Stage view' : 'Tile view'), on: () => state.tileView, run: () => ['toggle-tile-view', []] },
    { key: 'chat', icon: 'chat', label: () => (state.chat.unreadCount ? `Chat (${state.chat.unreadCount})` : 'Chat'), on: () => state.chat.open, run: () => ['toggle-chat', []] },
    { key: 'participants-pane', icon: 'people', label: () => 'Participants', on: () => state.participantsPaneOpen, run: () => ['toggle-participants-pane', [!state.participantsPaneOpen]] },
    {
      key: 'recording',
      icon: 'rec',
      label: () => (state.recording.file ? 'Stop recording' : 'Record'),
      on: () => !!state.recording.file,
      run: () => (state.recording.file ? ['stop-recording', ['file']] : ['start-recording', [{ mode: 'file' }]]),
    },
    { key: 'hangup', icon: 'hangup', label: () => 'Leave', danger: true, run: () => ['video-hangup', []] },
  ];

  function preventExecution(key) {
    const list = state.config.buttonsWithNotifyClick;
    if (!Array.isArray(list)) return false;
    return list.some((b) => isObject(b) && b.key === key && b.preventExecution === true);
  }

  function renderToolbar() {
    const allowed = Array.isArray(state.config.toolbarButtons) ? state.config.toolbarButtons : null;
    const buttons = TOOLBAR.filter((b) => !allowed || allowed.includes(b.key)).map((b) => {
      const classes = ['tool'];
      if (b.off && b.off()) classes.push('off');
      if (b.on && b.on()) classes.push('on');
      if (b.danger) classes.push('danger');
      return h(
        'button',
        { class: classes.join(' '), type: 'button', 'data-key': b.key, 'aria-pressed': b.on ? String(b.on()) : null, onclick: () => clickToolbar(b) },
        icon(b.icon, b.off && b.off()),
        h('span', { class: 'label', text: b.label() }),
      );
    });
    document.getElementById('toolbar').replaceChildren(...buttons);
  }

  function clickToolbar(b) {
    if (!state.joined) return;
    const prevent = preventExecution(b.key);
    emit('toolbar-button-clicked', { key: b.key, preventExecution: prevent });
    log('info', 'toolbar', b.key, prevent ? 'not executed (preventExecution)' : 'clicked');
    if (!prevent) {
      const [name, args] = b.run();
      uiCommand(name, args);
    } else {
      render();
    }
  }

  // uiCommand runs a command from the page's own controls.
  function uiCommand(name, args) {
    if (!state.joined) return;
    COMMANDS.get(name)(...args);
    render();
  }

  // Toasts: Jitsi notifications (show-notification) and sandbox notes.
  const toastTimers = new Map();
  function showToast(n) {
    hideToast(n.uid, true);
    state.notifications.push(n);
    const ms = NOTIFICATION_TIMEOUTS[n.timeout];
    if (ms) toastTimers.set(n.uid, setTimeout(() => hideToast(n.uid), ms));
    render();
  }
  function hideToast(uid, quiet) {
    const i = state.notifications.findIndex((n) => n.uid === uid);
    if (i >= 0) state.notifications.splice(i, 1);
    clearTimeout(toastTimers.get(uid));
    toastTimers.delete(uid);
    if (!quiet) render();
  }

  function renderToasts() {
    document.getElementById('toasts').replaceChildren(
      ...state.notifications.map((n) =>
        h(
          'div',
          { class: `toast ${n.type}`, role: 'status', 'data-uid': n.uid },
          h('div', { class: 'toast-body' }, h('strong', { text: n.title }), n.description ? h('p', { text: n.description }) : null),
          n.customActions.length
            ? h(
                'div',
                { class: 'actions' },
                n.customActions.map((a) =>
                  h(
                    'button',
                    {
                      type: 'button',
                      'data-action': a.uuid,
                      onclick: () => {
                        emit('custom-notification-action-triggered', { data: { id: a.uuid } });
                        log('info', 'notification', n.uid, 'action', a.uuid);
                        hideToast(n.uid);
                      },
                    },
                    a.label,
                  ),
                ),
              )
            : null,
          h('button', { class: 'close', type: 'button', 'aria-label': 'Dismiss', onclick: () => hideToast(n.uid) }, '×'),
        ),
      ),
    );
  }

  function renderOverlay() {
    const overlay = document.getElementById('overlay');
    let card = null;
    if (state.passwordWait) {
      // As Jitsi's dialog: the person types it, or the embedding page
      // sends the password command.
      const checking = state.passwordWait === 'checking';
      card = h(
        'div',
        { class: 'card password-wait' },
        h('h2', { text: 'Password required' }),
        h('p', { text: checking ? 'Checking the password…' : 'This meeting is locked. Enter its password to join.' }),
        h(
          'form',
          {
            class: 'password-form',
            onsubmit: (e) => {
              e.preventDefault();
              COMMANDS.get('password')(e.target.querySelector('input').value);
              render();
            },
          },
          h('input', { type: 'password', autocomplete: 'off', 'aria-label': 'Meeting password', disabled: checking }),
          h('button', { type: 'submit', disabled: checking }, 'Join'),
        ),
      );
    } else if (state.lobbyWait === 'knocking') {
      card = h('div', { class: 'card lobby-wait' }, h('h2', { text: 'Waiting in the lobby' }), h('p', { text: 'A moderator will let you in.' }));
    } else if (state.lobbyWait === 'denied') {
      card = h('div', { class: 'card lobby-denied' }, h('h2', { text: 'You were not admitted' }), h('p', { text: 'A moderator turned down your request to join.' }));
    } else if (state.authError) {
      card = h('div', { class: 'card error' }, h('h2', { text: 'Authentication failed' }), h('p', { text: state.authError }), h('p', { class: 'hint', text: 'The jwt of this page was rejected; the meeting was not joined.' }));
    } else if (state.ended === 'hangup') {
      card = h('div', { class: 'card' }, h('h2', { text: 'You left the meeting' }), h('p', { text: `${state.roomName} · thank you for testing with the sandbox` }));
    } else if (state.ended === 'kicked') {
      card = h('div', { class: 'card' }, h('h2', { text: 'You were removed from the meeting' }), h('p', { text: 'A moderator removed you.' }));
    } else if (state.ended === 'ended') {
      card = h('div', { class: 'card' }, h('h2', { text: 'The meeting has ended' }), h('p', { text: 'A moderator ended it for everyone.' }));
    } else if (state.settingsDialog) {
      card = h(
        'div',
        { class: 'card dialog' },
        h('h2', { text: 'Settings · Virtual background' }),
        h('p', { text: state.virtualBackground.enabled ? 'A virtual background image is on.' : `Background blur: ${state.blurredBackground}` }),
        h('button', { type: 'button', onclick: () => uiCommand('toggle-virtual-background', []) }, 'Close'),
      );
    }
    overlay.hidden = !card;
    overlay.replaceChildren(...(card ? [card] : []));
  }

  let renderQueued = false;
  let renderWaiters = [];
  // render redraws the page once per frame, however many changes (and
  // control actions, each its own task) it had; a hidden page, which gets
  // no frames, still redraws within 100 ms.
  function render() {
    if (renderQueued) return;
    renderQueued = true;
    let done = false;
    const draw = () => {
      if (done) return;
      done = true;
      renderQueued = false;
      try {
        renderNow();
      } catch (e) {
        console.error('[sandbox] render failed', e);
      }
      const waiters = renderWaiters;
      renderWaiters = [];
      waiters.forEach((resolve) => resolve());
    };
    requestAnimationFrame(draw);
    setTimeout(draw, 100);
  }
  function renderNow() {
    document.body.classList.toggle('layout-tiles', state.tileView);
    document.body.classList.toggle('layout-stage', !state.tileView);
    document.body.classList.toggle('no-filmstrip', !state.filmstripVisible && !state.tileView);
    document.body.classList.toggle('left', !state.joined);
    renderHeader();
    renderStage();
    renderFilmstrip();
    renderSide();
    renderToolbar();
    renderToasts();
    renderOverlay();
  }

  // ------------------------------------------------------------ start

  Object.defineProperty(window, 'meetbridgeSandbox', {
    value: Object.freeze({
      // snapshot returns a plain JSON copy of the whole simulated state.
      snapshot: () => JSON.parse(JSON.stringify(state)),
      // rendered resolves once the page shows its state (after the pending
      // redraw, if any): tests that read the page's DOM wait for it.
      rendered: () => (renderQueued ? new Promise((resolve) => renderWaiters.push(resolve)) : Promise.resolve(true)),
    }),
    writable: false,
    configurable: false,
    enumerable: true,
  });

  // The page's CSP should never bite; say so loudly if it does.
  document.addEventListener('securitypolicyviolation', (e) => log('error', 'csp', e.violatedDirective, e.blockedURI));

  // 1. handlers registered
  if (framing) {
    framing.listen('message', (params) => {
      if (!isObject(params)) return;
      if (params.type === 'event') onCommand(params.data);
      else if (params.type === 'request') onRequest(params.id, params.data);
    });
  }
  url.dropped.forEach((k) => log('warn', 'url', `dropped hash parameter ${k}`));
  url.invalid.forEach((k) => log('warn', 'url', `ignored hash parameter ${k}`));
  if (!apiEnabled) log('info', 'url', 'no jitsi_meet_external_api_id in the hash or no parent: the External API is off');
  // 2. and 3.
  emit('browser-support', { supported: true });
  emit('ready', {});
  setInterval(() => {
    if (state.meetingTimer && state.joined) renderHeader();
  }, 1000);
  if (state.authError) {
    log('error', 'conference', 'authentication failed', state.authError);
    emit('error-occurred', {
      error: { name: 'conference.authenticationRequired', message: state.authError, isFatal: true, type: 'CONFERENCE' },
    });
  } else {
    // 4. joined once the current task has run, as a real join takes a while.
    // A page the lobby holds knocks first and joins once admitted.
    setTimeout(() => {
      if (SERVER.locked && SERVER.pageToken && typeof EventSource === 'function') {
        passwordAsked(false);
      } else if (SERVER.lobby && SERVER.pageToken && typeof EventSource === 'function') {
        state.lobbyWait = 'knocking';
        log('info', 'lobby', 'waiting for a moderator to admit this page');
      } else joinConference();
      connectMeeting();
      render();
    }, 0);
  }
  render();
})();
