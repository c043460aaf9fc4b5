/*
 * external_api.js: the sandbox's own JitsiMeetExternalAPI, the parent-side
 * library that embeds a meeting in an iframe and drives it over postMessage.
 *
 * It is written from the project's notes on the wire protocol of Jitsi Meet's
 * iframe API and speaks that protocol, so a page can swap it for the real
 * library and back. One deliberate difference: the real library always points
 * the iframe at https, this one uses the scheme of the URL it was loaded from
 * (plain http for local runs, https when served that way).
 *
 * Layers, bottom up:
 *   Framing    JSON strings {"postis":true,"scope":...,"method":...,"params":...}
 *              posted to the iframe's window, the __ready__ handshake and the
 *              buffer of what is sent before it completes;
 *   Transport  method "message": events, numbered requests and responses;
 *   API        JitsiMeetExternalAPI: the iframe, the command and event name
 *              maps, the participant cache behind the synchronous getters and
 *              the promise methods.
 *
 * Plain ES2020 in one function scope; no eval, no dependencies.
 */
(function () {
    'use strict';

    // The scheme for the iframe URL, from this script's own URL. Captured now:
    // document.currentScript is only set while the script is being evaluated.
    const SCHEME = (function () {
        try {
            const script = document.currentScript;

            if (script && script.src) {
                const { protocol } = new URL(script.src, document.baseURI);

                if (protocol === 'http:' || protocol === 'https:') {
                    return protocol;
                }
            }
        } catch (e) {
            // Not loaded through a <script src>: keep the default.
        }

        return 'https:';
    }());

    const READY_METHOD = '__ready__';
    const MESSAGE_METHOD = 'message';
    const READY_INTERVAL_MS = 50;
    const SCOPE_PREFIX = 'jitsi_meet_external_api_';
    const FRAME_NAME_PREFIX = 'jitsiConferenceFrame';
    const LOCAL_STORAGE_KEY = 'jitsiLocalStorage';
    const UNEXPECTED_RESPONSE = 'Unexpected response format!';
    const NO_DESKTOP_SOURCES_LISTENER = 'No _requestDesktopSources listener: choosing desktop sources is not supported';

    const FRAME_ALLOW = [
        'autoplay', 'camera', 'clipboard-write', 'compute-pressure', 'display-capture', 'fullscreen',
        'hid', 'microphone', 'screen-wake-lock', 'speaker-selection'
    ].join('; ');

    // Ends with a number and a CSS length unit the real library accepts. Like
    // the real library's, it is not anchored at the start: '-5px' passes (and
    // the browser's style then ignores it).
    const SIZE_RE = /[0-9]*\.?[0-9]+(em|pt|px|[dls]?v[hw]|%)$/;

    const ALWAYS_ON_TOP_FILENAMES = [ 'css/all.css', 'libs/alwaysontop.min.js' ];

    // executeCommand name -> wire name (the iframe's command handler name).
    const COMMANDS = Object.freeze({
        addBreakoutRoom: 'add-breakout-room',
        answerKnockingParticipant: 'answer-knocking-participant',
        approveVideo: 'approve-video',
        askToUnmute: 'ask-to-unmute',
        autoAssignToBreakoutRooms: 'auto-assign-to-breakout-rooms',
        avatarUrl: 'avatar-url',
        cancelPrivateChat: 'cancel-private-chat',
        closeBreakoutRoom: 'close-breakout-room',
        displayName: 'display-name',
        endConference: 'end-conference',
        email: 'email',
        grantModerator: 'grant-moderator',
        grantRecordingConsent: 'grant-recording-consent',
        hangup: 'video-hangup',
        hideNotification: 'hide-notification',
        initiatePrivateChat: 'initiate-private-chat',
        joinBreakoutRoom: 'join-breakout-room',
        localSubject: 'local-subject',
        kickParticipant: 'kick-participant',
        muteEveryone: 'mute-everyone',
        muteRemoteParticipant: 'mute-remote-participant',
        overwriteConfig: 'overwrite-config',
        overwriteNames: 'overwrite-names',
        password: 'password',
        pinParticipant: 'pin-participant',
        rejectParticipant: 'reject-participant',
        removeBreakoutRoom: 'remove-breakout-room',
        resizeFilmStrip: 'resize-film-strip',
        resizeLargeVideo: 'resize-large-video',
        sendCameraFacingMode: 'send-camera-facing-mode-message',
        sendChatMessage: 'send-chat-message',
        sendEndpointTextMessage: 'send-endpoint-text-message',
        sendParticipantToRoom: 'send-participant-to-room',
        sendTones: 'send-tones',
        setAudioOnly: 'set-audio-only',
        setAssumedBandwidthBps: 'set-assumed-bandwidth-bps',
        setBlurredBackground: 'set-blurred-background',
        setFollowMe: 'set-follow-me',
        setLargeVideoParticipant: 'set-large-video-participant',
        setMediaEncryptionKey: 'set-media-encryption-key',
        setMeetingTimer: 'set-meeting-timer',
        setNoiseSuppressionEnabled: 'set-noise-suppression-enabled',
        setParticipantVolume: 'set-participant-volume',
        setSecondScreen: 'set-second-screen',
        setSubtitles: 'set-subtitles',
        setTileView: 'set-tile-view',
        setVideoQuality: 'set-video-quality',
        setVirtualBackground: 'set-virtual-background',
        showNotification: 'show-notification',
        startRecording: 'start-recording',
        startShareVideo: 'start-share-video',
        stopRecording: 'stop-recording',
        stopShareVideo: 'stop-share-video',
        subject: 'subject',
        submitFeedback: 'submit-feedback',
        toggleAudio: 'toggle-audio',
        toggleCamera: 'toggle-camera',
        toggleCameraMirror: 'toggle-camera-mirror',
        toggleChat: 'toggle-chat',
        toggleE2EE: 'toggle-e2ee',
        toggleFilmStrip: 'toggle-film-strip',
        toggleLobby: 'toggle-lobby',
        toggleModeration: 'toggle-moderation',
        toggleNoiseSuppression: 'toggle-noise-suppression',
        toggleParticipantsPane: 'toggle-participants-pane',
        toggleRaiseHand: 'toggle-raise-hand',
        toggleShareScreen: 'toggle-share-screen',
        toggleSubtitles: 'toggle-subtitles',
        toggleTileView: 'toggle-tile-view',
        toggleVirtualBackgroundDialog: 'toggle-virtual-background',
        toggleVideo: 'toggle-video',
        toggleWhiteboard: 'toggle-whiteboard',
        showPiP: 'show-pip',
        hidePiP: 'hide-pip',
        setParticipantProperties: 'set-participant-properties',

        // Newer than the notes (jitsi-meet after July 2026): setAudioOnly's new
        // name. Both stay, for deployments on either side of the rename.
        setLowBandwidthMode: 'set-low-bandwidth-mode'
    });

    // Wire event name (sent by the iframe) -> public event name (emitted here).
    const EVENTS = Object.freeze({
        '_pip-requested': '_pipRequested',
        'pip-entered': 'pipEntered',
        'pip-left': 'pipLeft',
        'second-screen-source-changed': 'secondScreenSourceChanged',
        'second-screen-closed': 'secondScreenClosed',
        'second-screen-error': 'secondScreenError',
        'avatar-changed': 'avatarChanged',
        'audio-availability-changed': 'audioAvailabilityChanged',
        'audio-mute-status-changed': 'audioMuteStatusChanged',
        'audio-only-changed': 'audioOnlyChanged',
        'audio-or-video-sharing-toggled': 'audioOrVideoSharingToggled',
        'breakout-rooms-updated': 'breakoutRoomsUpdated',
        'browser-support': 'browserSupport',
        'camera-error': 'cameraError',
        'chat-updated': 'chatUpdated',
        'compute-pressure-changed': 'computePressureChanged',
        'conference-created-timestamp': 'conferenceCreatedTimestamp',
        'content-sharing-participants-changed': 'contentSharingParticipantsChanged',
        'custom-notification-action-triggered': 'customNotificationActionTriggered',
        'data-channel-closed': 'dataChannelClosed',
        'data-channel-opened': 'dataChannelOpened',
        'device-list-changed': 'deviceListChanged',
        'display-name-change': 'displayNameChange',
        'dominant-speaker-changed': 'dominantSpeakerChanged',
        'email-change': 'emailChange',
        'error-occurred': 'errorOccurred',
        'endpoint-text-message-received': 'endpointTextMessageReceived',
        'external-share-signal': 'externalShareSignal',
        'face-landmark-detected': 'faceLandmarkDetected',
        'feedback-submitted': 'feedbackSubmitted',
        'feedback-prompt-displayed': 'feedbackPromptDisplayed',
        'file-deleted': 'fileDeleted',
        'file-uploaded': 'fileUploaded',
        'filmstrip-display-changed': 'filmstripDisplayChanged',
        'incoming-message': 'incomingMessage',
        'knocking-participant': 'knockingParticipant',
        'log': 'log',
        'mic-error': 'micError',
        'moderation-participant-approved': 'moderationParticipantApproved',
        'moderation-participant-rejected': 'moderationParticipantRejected',
        'moderation-status-changed': 'moderationStatusChanged',
        'mouse-enter': 'mouseEnter',
        'mouse-leave': 'mouseLeave',
        'mouse-move': 'mouseMove',
        'non-participant-message-received': 'nonParticipantMessageReceived',
        'notification-triggered': 'notificationTriggered',
        'outgoing-message': 'outgoingMessage',
        'p2p-status-changed': 'p2pStatusChanged',
        'participant-joined': 'participantJoined',
        'participant-kicked-out': 'participantKickedOut',
        'participant-left': 'participantLeft',
        'participant-muted': 'participantMuted',
        'participant-role-changed': 'participantRoleChanged',
        'participants-pane-toggled': 'participantsPaneToggled',
        'password-required': 'passwordRequired',
        'peer-connection-failure': 'peerConnectionFailure',
        'prejoin-screen-loaded': 'prejoinScreenLoaded',
        'proxy-connection-event': 'proxyConnectionEvent',
        'raise-hand-updated': 'raiseHandUpdated',
        'ready': 'ready',
        'recording-consent-dialog-open': 'recordingConsentDialogOpen',
        'recording-link-available': 'recordingLinkAvailable',
        'recording-status-changed': 'recordingStatusChanged',
        'participant-menu-button-clicked': 'participantMenuButtonClick',
        'video-ready-to-close': 'readyToClose',
        'video-conference-joined': 'videoConferenceJoined',
        'video-conference-left': 'videoConferenceLeft',
        'video-availability-changed': 'videoAvailabilityChanged',
        'video-mute-status-changed': 'videoMuteStatusChanged',
        'video-quality-changed': 'videoQualityChanged',
        'screen-sharing-status-changed': 'screenSharingStatusChanged',
        'subject-change': 'subjectChange',
        'suspend-detected': 'suspendDetected',
        'tile-view-changed': 'tileViewChanged',
        'toolbar-button-clicked': 'toolbarButtonClicked',
        'toolbar-visibility-changed': 'toolbarVisibilityChanged',
        'transcribing-status-changed': 'transcribingStatusChanged',
        'transcription-chunk-received': 'transcriptionChunkReceived',
        'whiteboard-status-changed': 'whiteboardStatusChanged',

        // Newer than the notes (jitsi-meet after July 2026): the event of
        // setLowBandwidthMode, {enabled}; older deployments send audio-only-changed.
        'low-bandwidth-mode-changed': 'lowBandwidthModeChanged'
    });

    // Wire request name (sent by the iframe) -> event emitted with (data, callback).
    const REQUESTS = Object.freeze({
        '_request-desktop-sources': '_requestDesktopSources'
    });

    const hasOwn = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

    const isObject = value => value !== null && typeof value === 'object';

    /**
     * A random id for the __ready__ handshake.
     *
     * @returns {string}
     */
    function randomId() {
        let random = '';

        try {
            const words = window.crypto.getRandomValues(new Uint32Array(2));

            random = words[0].toString(36) + words[1].toString(36);
        } catch (e) {
            random = Math.random().toString(36).slice(2);
        }

        return `${Date.now().toString(36)}-${random}`;
    }

    // The parent's copy of the iframe's local storage: window.localStorage,
    // or memory when the page may not use it.
    const memoryStorage = new Map();
    const storage = {
        get(key) {
            try {
                return window.localStorage.getItem(key);
            } catch (e) {
                return memoryStorage.has(key) ? memoryStorage.get(key) : null;
            }
        },
        set(key, value) {
            try {
                window.localStorage.setItem(key, value);
            } catch (e) {
                memoryStorage.set(key, String(value));
            }
        }
    };

    /**
     * An EventEmitter with the semantics of Node's (npm "events"), which the
     * real library extends: listeners run synchronously in the order they were
     * added, once-listeners are removed before they run, removeListener
     * removes the most recently added match, emit('error') without a listener
     * throws.
     */
    class EventEmitter {
        constructor() {
            this._eventListeners = new Map();
            this._maxListeners = 10;
        }

        _add(type, listener, prepend) {
            if (typeof listener !== 'function') {
                throw new TypeError(`The "listener" argument must be of type Function. Received type ${
                    typeof listener}`);
            }
            let list = this._eventListeners.get(type);

            if (!list) {
                list = [];
                this._eventListeners.set(type, list);
            }
            if (prepend) {
                list.unshift(listener);
            } else {
                list.push(listener);
            }

            return this;
        }

        _onceWrapper(type, listener) {
            const emitter = this;
            let fired = false;
            const wrapper = function (...args) {
                if (fired) {
                    return undefined;
                }
                fired = true;
                emitter.removeListener(type, wrapper);

                return listener.apply(this, args);
            };

            wrapper.listener = listener;

            return wrapper;
        }

        addListener(type, listener) {
            return this._add(type, listener, false);
        }

        on(type, listener) {
            return this._add(type, listener, false);
        }

        prependListener(type, listener) {
            return this._add(type, listener, true);
        }

        once(type, listener) {
            if (typeof listener !== 'function') {
                return this._add(type, listener, false); // throws the TypeError
            }

            return this._add(type, this._onceWrapper(type, listener), false);
        }

        prependOnceListener(type, listener) {
            if (typeof listener !== 'function') {
                return this._add(type, listener, true);
            }

            return this._add(type, this._onceWrapper(type, listener), true);
        }

        removeListener(type, listener) {
            const list = this._eventListeners.get(type);

            if (!list) {
                return this;
            }
            for (let i = list.length - 1; i >= 0; i--) {
                if (list[i] === listener || list[i].listener === listener) {
                    list.splice(i, 1);
                    break;
                }
            }
            if (list.length === 0) {
                this._eventListeners.delete(type);
            }

            return this;
        }

        off(type, listener) {
            return this.removeListener(type, listener);
        }

        removeAllListeners(type) {
            if (arguments.length === 0) {
                this._eventListeners.clear();
            } else {
                this._eventListeners.delete(type);
            }

            return this;
        }

        emit(type, ...args) {
            const list = this._eventListeners.get(type);

            if (!list || list.length === 0) {
                if (type === 'error') {
                    const err = args[0];

                    throw err instanceof Error ? err : new Error(`Unhandled error. (${err})`);
                }

                return false;
            }
            for (const listener of list.slice()) {
                listener.apply(this, args);
            }

            return true;
        }

        listeners(type) {
            const list = this._eventListeners.get(type) || [];

            return list.map(listener => listener.listener || listener);
        }

        rawListeners(type) {
            return (this._eventListeners.get(type) || []).slice();
        }

        listenerCount(type) {
            const list = this._eventListeners.get(type);

            return list ? list.length : 0;
        }

        eventNames() {
            return Array.from(this._eventListeners.keys());
        }

        setMaxListeners(n) {
            this._maxListeners = n;

            return this;
        }

        getMaxListeners() {
            return this._maxListeners;
        }
    }

    /**
     * The framing layer: JSON strings posted to one window, accepted only from
     * that window and origin and only in our scope, plus the __ready__
     * handshake. Until the other side has echoed our id, everything except
     * __ready__ is buffered (already serialised, in order).
     */
    class Framing {
        constructor({ targetWindow, allowedOrigin, scope, onMessage }) {
            this._target = targetWindow;
            this._origin = allowedOrigin;
            this._scope = scope;
            this._onMessage = onMessage;
            this._ready = false;
            this._disposed = false;
            this._buffer = [];
            this._readyId = randomId();
            this._listener = event => this._receive(event);
            window.addEventListener('message', this._listener, false);
            this._timer = window.setInterval(() => this._post(this._frame(READY_METHOD, this._readyId)),
                READY_INTERVAL_MS);
        }

        _frame(method, params) {
            return JSON.stringify({
                postis: true,
                scope: this._scope,
                method,
                params
            });
        }

        _post(raw) {
            if (this._target && typeof this._target.postMessage === 'function') {
                this._target.postMessage(raw, '*');
            }
        }

        send(method, params) {
            if (this._disposed) {
                return;
            }
            const raw = this._frame(method, params);

            if (this._ready) {
                this._post(raw);
            } else {
                this._buffer.push(raw);
            }
        }

        _receive(event) {
            if (this._disposed || event.source !== this._target || event.origin !== this._origin
                    || typeof event.data !== 'string') {
                return;
            }
            let message;

            try {
                message = JSON.parse(event.data);
            } catch (e) {
                return;
            }
            if (!isObject(message) || message.postis !== true || message.scope !== this._scope) {
                return;
            }
            if (message.method === READY_METHOD) {
                this._onReady(message.params);
            } else if (message.method === MESSAGE_METHOD) {
                this._onMessage(message.params);
            }
        }

        _onReady(id) {
            if (id !== this._readyId) {
                // The other side's handshake: echo its id.
                this._post(this._frame(READY_METHOD, id));

                return;
            }
            if (this._ready) {
                return;
            }
            this._ready = true;
            window.clearInterval(this._timer);
            this._timer = undefined;
            const buffered = this._buffer;

            this._buffer = [];
            for (const raw of buffered) {
                this._post(raw);
            }
        }

        dispose() {
            if (this._disposed) {
                return;
            }
            this._disposed = true;
            this._ready = false;
            this._buffer = [];
            if (this._timer !== undefined) {
                window.clearInterval(this._timer);
                this._timer = undefined;
            }
            window.removeEventListener('message', this._listener, false);
        }
    }

    /**
     * The transport layer over method "message": events both ways, requests
     * numbered from 1 and their responses.
     */
    class Transport {
        constructor({ targetWindow, allowedOrigin, scope, onEvent, onRequest }) {
            this._lastRequestId = 0;
            this._pending = new Map();
            this._onEvent = onEvent;
            this._onRequest = onRequest;
            this._disposed = false;
            this._framing = new Framing({
                targetWindow,
                allowedOrigin,
                scope,
                onMessage: params => this._receive(params)
            });
        }

        sendEvent(data) {
            this._framing.send(MESSAGE_METHOD, {
                type: 'event',
                data
            });
        }

        sendRequest(data) {
            const id = ++this._lastRequestId;

            return new Promise((resolve, reject) => {
                if (this._disposed) {
                    return; // like the real library: never answered after dispose
                }
                this._pending.set(id, {
                    resolve,
                    reject
                });
                try {
                    // Keys in the real library's order: type, data, id.
                    this._framing.send(MESSAGE_METHOD, {
                        type: 'request',
                        data,
                        id
                    });
                } catch (err) {
                    this._pending.delete(id);
                    reject(err);
                }
            });
        }

        _receive(params) {
            if (this._disposed || !isObject(params)) {
                return;
            }
            switch (params.type) {
            case 'response': {
                const handler = this._pending.get(params.id);

                if (!handler) {
                    return;
                }
                this._pending.delete(params.id);
                if (params.result !== undefined) {
                    handler.resolve(params.result);
                } else if (params.error !== undefined) {
                    handler.reject(params.error);
                } else {
                    handler.reject(new Error(UNEXPECTED_RESPONSE));
                }

                return;
            }
            case 'request': {
                const { id } = params;
                let answered = false;
                const respond = (result, error) => {
                    if (answered || this._disposed) {
                        return;
                    }
                    answered = true;
                    this._framing.send(MESSAGE_METHOD, error === undefined
                        ? {
                            type: 'response',
                            id,
                            result
                        } : {
                            type: 'response',
                            id,
                            error
                        });
                };

                this._onRequest(params.data, respond);

                return;
            }
            case 'event':
                this._onEvent(params.data);

                return;
            default:
                return;
            }
        }

        dispose() {
            this._disposed = true;
            this._pending.clear();
            this._framing.dispose();
        }
    }

    /**
     * The value for the iframe's style width/height: a number means px, a
     * string must be a number followed by a CSS unit; anything else is
     * invalid (undefined) and leaves the style alone.
     *
     * @param {*} value - The width or height option.
     * @returns {string|undefined}
     */
    function parseSizeParam(value) {
        if (typeof value === 'string' && SIZE_RE.test(value)) {
            return value;
        }
        if (typeof value === 'number') {
            return `${value}px`;
        }

        return undefined;
    }

    /**
     * One "key=encodeURIComponent(JSON.stringify(value))" per key of object.
     *
     * @param {*} object - The values.
     * @returns {string[]}
     */
    function toHashParams(object) {
        const params = [];

        if (!isObject(object)) {
            return params;
        }
        for (const key in object) { // eslint-disable-line guard-for-in
            try {
                params.push(`${key}=${encodeURIComponent(JSON.stringify(object[key]))}`);
            } catch (e) {
                console.warn(`Error encoding ${key}: ${e}`);
            }
        }

        return params;
    }

    /**
     * The iframe URL:
     * <scheme>//<domain>/<roomName>?jwt=&lang=&release=#jitsi_meet_external_api_id=<id>&jwt="<jwt>"
     * &config.<k>=..&iceServers.<k>=..&interfaceConfig.<k>=..&devices.<k>=..&userInfo.<k>=..
     * (the real library's order)
     * &appData.localStorageContent=..
     *
     * @param {string} domain - Host, optionally followed by a tenant path.
     * @param {number} id - The API object's number.
     * @param {Object} o - The constructor options.
     * @returns {string}
     */
    function generateURL(domain, id, o) {
        const hostAndPath = `${domain}/`;
        const slash = hostAndPath.indexOf('/');
        const host = hostAndPath.slice(0, slash);
        let pathname = hostAndPath.slice(slash); // always ends with '/'

        if (o.roomName) {
            pathname += o.roomName;
        }

        const search = new URLSearchParams();
        const lang = o.lang || (isObject(o.configOverwrite) ? o.configOverwrite.defaultLanguage : undefined);

        if (o.jwt) {
            search.set('jwt', o.jwt);
        }
        if (lang) {
            search.set('lang', lang);
        }
        if (o.release) {
            search.set('release', o.release);
        }
        const query = search.toString();

        let hash = `#jitsi_meet_external_api_id=${id}`;

        if (o.jwt) {
            hash += `&jwt=${JSON.stringify(o.jwt)}`;
        }
        const groups = [
            [ 'config', o.configOverwrite ],
            [ 'iceServers', o.iceServers ],
            [ 'interfaceConfig', o.interfaceConfigOverwrite ],
            [ 'devices', o.devices ],
            [ 'userInfo', o.userInfo ],
            [ 'appData', { localStorageContent: storage.get(LOCAL_STORAGE_KEY) } ]
        ];

        for (const [ prefix, values ] of groups) {
            const params = toHashParams(values);

            if (params.length) {
                hash += `&${prefix}.${params.join(`&${prefix}.`)}`;
            }
        }

        return `${SCHEME}//${host}${pathname}${query ? `?${query}` : ''}${hash}`;
    }

    /**
     * Bytes of a hex string (the e2eeKey option).
     *
     * @param {string} hex - Pairs of hex digits.
     * @returns {number[]}
     */
    function hexToBytes(hex) {
        const bytes = [];

        for (let c = 0; c < hex.length; c += 2) {
            bytes.push(parseInt(hex.substring(c, c + 2), 16));
        }

        return bytes;
    }

    // Page-global number of the next API object: its iframe name and scope.
    let nextId = 0;

    /**
     * The iframe API: new JitsiMeetExternalAPI(domain, options).
     */
    class JitsiMeetExternalAPI extends EventEmitter {
        constructor(domain, options) {
            super();
            if (options !== undefined && options !== null && !isObject(options)) {
                throw new TypeError('JitsiMeetExternalAPI: options must be an object');
            }
            const {
                roomName = '',
                width = '100%',
                height = '100%',
                parentNode = document.body,
                configOverwrite = {},
                interfaceConfigOverwrite = {},
                jwt,
                lang,
                onload,
                invitees,
                devices,
                userInfo,
                iceServers,
                e2eeKey,
                release,
                sandbox = ''
            } = options || {};
            const id = nextId;

            this._id = id;
            this._parentNode = parentNode;
            this._url = generateURL(domain, id, {
                roomName,
                configOverwrite,
                interfaceConfigOverwrite,
                jwt,
                lang,
                release,
                devices,
                userInfo,
                iceServers
            });
            const allowedOrigin = new URL(this._url).origin;

            this._createIFrame(height, width, sandbox);
            this._transport = new Transport({
                targetWindow: this._frame.contentWindow,
                allowedOrigin,
                scope: `${SCOPE_PREFIX}${id}`,
                onEvent: data => this._onEvent(data),
                onRequest: (request, respond) => this._onRequest(request, respond)
            });

            this._onload = onload;
            this._tmpE2EEKey = e2eeKey;
            this._isLargeVideoVisible = false;
            this._isPrejoinVideoVisible = false;
            this._numberOfParticipants = 0;
            this._participants = new Map();
            this._myUserID = undefined;
            this._onStageParticipant = undefined;
            this._iAmvisitor = undefined;
            this._videoQuality = undefined;
            this._disposing = false;
            this._disposed = false;

            if (Array.isArray(invitees) && invitees.length > 0) {
                this.invite(invitees);
            }
            nextId++;
        }

        _createIFrame(height, width, sandbox) {
            const frameName = `${FRAME_NAME_PREFIX}${this._id}`;
            const frame = document.createElement('iframe');

            this._frame = frame;
            // As the real library: the multi-screen feature needs the Window
            // Management API, delegated only where the browser has it (elsewhere
            // the token is unknown and logs a warning).
            frame.allow = 'getScreenDetails' in window ? `${FRAME_ALLOW}; window-management` : FRAME_ALLOW;
            frame.name = frameName;
            frame.id = frameName;
            this._setSize(height, width);
            frame.setAttribute('allowFullScreen', 'true');
            frame.style.border = '0';
            if (sandbox) {
                frame.setAttribute('sandbox', sandbox);
            }
            frame.src = this._url;
            this._parentNode.appendChild(frame);
        }

        _setSize(height, width) {
            const parsedHeight = parseSizeParam(height);
            const parsedWidth = parseSizeParam(width);

            if (parsedHeight !== undefined) {
                this._height = height;
                this._frame.style.height = parsedHeight;
            }
            if (parsedWidth !== undefined) {
                this._width = width;
                this._frame.style.width = parsedWidth;
            }
        }

        _addParticipant(userID, data) {
            const participant = this._participants.get(userID) || {};

            participant.displayName = data.displayName;
            participant.formattedDisplayName = data.formattedDisplayName;
            this._participants.set(userID, participant);
            this._numberOfParticipants += 1;
        }

        _onEvent(message) {
            if (!isObject(message)) {
                return;
            }
            const { name, ...data } = message;
            const userID = data.id;

            switch (name) {
            case 'ready':
                // The meeting's API is up: this, not the iframe's load event,
                // is what onload reports.
                if (typeof this._onload === 'function') {
                    this._onload();
                }
                break;
            case 'video-conference-joined':
                if (this._tmpE2EEKey !== undefined) {
                    this.executeCommand('setMediaEncryptionKey', JSON.stringify({
                        exportedKey: hexToBytes(String(this._tmpE2EEKey)),
                        index: 0
                    }));
                    this._tmpE2EEKey = undefined;
                }
                this._myUserID = userID;
                this._participants.set(userID, {
                    email: data.email,
                    avatarURL: data.avatarURL
                });
                this._iAmvisitor = data.visitor;
                this._addParticipant(userID, data);
                break;
            case 'participant-joined':
                this._addParticipant(userID, data);
                break;
            case 'participant-left':
                this._numberOfParticipants -= 1;
                this._participants.delete(userID);
                break;
            case 'display-name-change': {
                const user = this._participants.get(userID);

                if (user) {
                    user.displayName = data.displayname;
                    user.formattedDisplayName = data.formattedDisplayName;
                }
                break;
            }
            case 'email-change': {
                const user = this._participants.get(userID);

                if (user) {
                    user.email = data.email;
                }
                break;
            }
            case 'avatar-changed': {
                const user = this._participants.get(userID);

                if (user) {
                    user.avatarURL = data.avatarURL;
                }
                break;
            }
            case 'prejoin-screen-loaded':
                this._participants.set(userID, {
                    displayName: data.displayName,
                    formattedDisplayName: data.formattedDisplayName
                });
                break;
            case 'video-conference-left':
                this._numberOfParticipants -= 1;
                this._participants.delete(this._myUserID);
                break;
            case 'video-quality-changed':
                this._videoQuality = data.videoQuality;
                break;
            case 'breakout-rooms-updated':
                this.updateNumberOfParticipants(data.rooms);
                break;
            case 'on-stage-participant-changed':
                this._onStageParticipant = userID;
                this.emit('largeVideoChanged');

                return;
            case 'large-video-visibility-changed':
                this._isLargeVideoVisible = data.isVisible;
                this.emit('largeVideoChanged');

                return;
            case 'on-prejoin-video-changed':
                this._isPrejoinVideoVisible = data.isVisible;
                this.emit('prejoinVideoChanged');

                return;
            case 'local-storage-changed':
                storage.set(LOCAL_STORAGE_KEY, data.localStorageContent);

                return;
            }

            if (typeof name === 'string' && hasOwn(EVENTS, name)) {
                this.emit(EVENTS[name], data);
            }
        }

        _onRequest(request, respond) {
            if (!isObject(request) || typeof request.name !== 'string' || !hasOwn(REQUESTS, request.name)) {
                return; // not a request this side answers: left unanswered, like the real library
            }
            const eventName = REQUESTS[request.name];

            if (this.listenerCount(eventName) === 0) {
                respond(undefined, NO_DESKTOP_SOURCES_LISTENER);

                return;
            }
            this.emit(eventName, Object.assign({}, request, { name: eventName }), respond);
        }

        _request(data) {
            return this._transport.sendRequest(data);
        }

        _deviceRequest(name, extra) {
            return this._request(Object.assign({
                type: 'devices',
                name
            }, extra));
        }

        _setDevice(kind, label, id) {
            return this._deviceRequest('setDevice', {
                device: { // the real library's key order
                    id,
                    kind,
                    label
                }
            });
        }

        _frameDocument() {
            try {
                const win = this._frame && this._frame.contentWindow;

                return (win && win.document) || undefined;
            } catch (e) {
                return undefined; // a cross-origin meeting
            }
        }

        // Commands.

        executeCommand(name, ...args) {
            if (typeof name !== 'string' || !hasOwn(COMMANDS, name)) {
                console.error('Not supported command name.');

                return;
            }
            if (this._disposed) {
                return;
            }
            // Keys in the real library's order: data, then name.
            this._transport.sendEvent({
                data: args,
                name: COMMANDS[name]
            });
        }

        executeCommands(commandList) {
            for (const key in commandList) { // eslint-disable-line guard-for-in
                this.executeCommand(key, commandList[key]);
            }
        }

        pinParticipant(participantId, videoType) {
            this.executeCommand('pinParticipant', participantId, videoType);
        }

        resizeLargeVideo(width, height) {
            if (width <= this._width && height <= this._height) {
                this.executeCommand('resizeLargeVideo', width, height);
            }
        }

        setLargeVideoParticipant(participantId, videoType) {
            this.executeCommand('setLargeVideoParticipant', participantId, videoType);
        }

        setVirtualBackground(enabled, backgroundImage) {
            this.executeCommand('setVirtualBackground', enabled, backgroundImage);
        }

        startRecording(options) {
            this.executeCommand('startRecording', options);
        }

        stopRecording(mode, transcription) {
            this.executeCommand('stopRecording', mode, transcription);
        }

        toggleE2EE(enabled) {
            this.executeCommand('toggleE2EE', enabled);
        }

        async setMediaEncryptionKey(keyInfo) {
            const { key, index } = keyInfo;

            if (key) {
                const exportedKey = await window.crypto.subtle.exportKey('raw', key);

                this.executeCommand('setMediaEncryptionKey', JSON.stringify({
                    exportedKey: Array.from(new Uint8Array(exportedKey)),
                    index
                }));
            } else {
                this.executeCommand('setMediaEncryptionKey', JSON.stringify({
                    exportedKey: false,
                    index
                }));
            }
        }

        showPiP() {
            this.executeCommand('showPiP');
        }

        hidePiP() {
            this.executeCommand('hidePiP');
        }

        sendProxyConnectionEvent(event) {
            if (!this._disposed) {
                this._transport.sendEvent({
                    data: [ event ],
                    name: 'proxy-connection-event'
                });
            }
        }

        sendExternalShareSignal(signal) {
            if (!this._disposed) {
                this._transport.sendEvent({
                    data: [ signal ],
                    name: 'external-share-signal'
                });
            }
        }

        // Promise methods: requests to the iframe.

        captureCameraPicture(cameraFacingMode, descriptionText, titleText) {
            return this._request({
                name: 'capture-camera-picture',
                cameraFacingMode,
                descriptionText,
                titleText
            });
        }

        captureLargeVideoScreenshot() {
            return this._request({ name: 'capture-largevideo-screenshot' });
        }

        getConnectionStats() {
            return this._request({ name: 'connection-stats' });
        }

        getContentSharingParticipants() {
            return this._request({ name: 'get-content-sharing-participants' });
        }

        getCustomAvatarBackgrounds() {
            return this._request({ name: 'get-custom-avatar-backgrounds' });
        }

        getDeploymentInfo() {
            return this._request({ name: 'deployment-info' });
        }

        getLivestreamUrl() {
            return this._request({ name: 'get-livestream-url' });
        }

        getRoomsInfo(includeHidden = false) {
            return this._request({ name: 'rooms-info', includeHidden });
        }

        getSessionId() {
            return this._request({ name: 'session-id' });
        }

        getSharedDocumentUrl() {
            return this._request({ name: 'get-shared-document-url' });
        }

        invite(invitees) {
            if (!Array.isArray(invitees) || invitees.length === 0) {
                return Promise.reject(new TypeError('Invalid Argument'));
            }

            return this._request({
                name: 'invite',
                invitees
            });
        }

        isAudioAvailable() {
            return this._request({ name: 'is-audio-available' });
        }

        isAudioDisabled() {
            return this._request({ name: 'is-audio-disabled' });
        }

        isAudioMuted() {
            return this._request({ name: 'is-audio-muted' });
        }

        isModerationOn(mediaType) {
            return this._request({
                name: 'is-moderation-on',
                mediaType
            });
        }

        isP2pActive() {
            return this._request({ name: 'get-p2p-status' });
        }

        isParticipantForceMuted(participantId, mediaType) {
            return this._request({
                name: 'is-participant-force-muted',
                participantId,
                mediaType
            });
        }

        isParticipantsPaneOpen() {
            return this._request({ name: 'is-participants-pane-open' });
        }

        isSharingScreen() {
            return this._request({ name: 'is-sharing-screen' });
        }

        isStartSilent() {
            return this._request({ name: 'is-start-silent' });
        }

        isVideoAvailable() {
            return this._request({ name: 'is-video-available' });
        }

        isVideoMuted() {
            return this._request({ name: 'is-video-muted' });
        }

        listBreakoutRooms() {
            return this._request({ name: 'list-breakout-rooms' });
        }

        // Devices: requests of type "devices".

        getAvailableDevices() {
            return this._deviceRequest('getAvailableDevices').catch(err => {
                console.error(err);

                return {};
            });
        }

        getCurrentDevices() {
            return this._deviceRequest('getCurrentDevices').catch(err => {
                console.error(err);

                return {};
            });
        }

        isDeviceChangeAvailable(deviceType) {
            // Keys in the real library's order: deviceType first.
            return this._request({
                deviceType,
                type: 'devices',
                name: 'isDeviceChangeAvailable'
            });
        }

        isDeviceListAvailable() {
            console.warn('isDeviceListAvailable is deprecated and always resolves true');

            return Promise.resolve(true);
        }

        isMultipleAudioInputSupported() {
            return this._deviceRequest('isMultipleAudioInputSupported');
        }

        setAudioInputDevice(label, deviceId) {
            return this._setDevice('audioinput', label, deviceId);
        }

        setAudioOutputDevice(label, deviceId) {
            return this._setDevice('audiooutput', label, deviceId);
        }

        setVideoInputDevice(label, deviceId) {
            return this._setDevice('videoinput', label, deviceId);
        }

        // Synchronous getters: the cache fed by events.

        getParticipantsInfo() {
            return Array.from(this._participants, ([ participantId, participant ]) =>
                Object.assign({ participantId }, participant));
        }

        getNumberOfParticipants() {
            return this._numberOfParticipants;
        }

        updateNumberOfParticipants(rooms) {
            if (!isObject(rooms) || !Object.keys(rooms).length) {
                return;
            }
            this._numberOfParticipants = Object.keys(rooms).reduce((count, key) => {
                const room = rooms[key];

                return isObject(room) && isObject(room.participants)
                    ? count + Object.keys(room.participants).length : count;
            }, 0);
        }

        getDisplayName(participantId) {
            return (this._participants.get(participantId) || {}).displayName;
        }

        getEmail(participantId) {
            return (this._participants.get(participantId) || {}).email;
        }

        getAvatarURL(participantId) {
            return (this._participants.get(participantId) || {}).avatarURL;
        }

        getVideoQuality() {
            return this._videoQuality;
        }

        isVisitor() {
            return this._iAmvisitor;
        }

        getSupportedCommands() {
            return Object.keys(COMMANDS);
        }

        getSupportedEvents() {
            return Object.values(EVENTS);
        }

        getIFrame() {
            return this._frame;
        }

        // Deprecated listener helpers.

        addEventListener(event, listener) {
            this.on(event, listener);
        }

        addEventListeners(listeners) {
            for (const event in listeners) { // eslint-disable-line guard-for-in
                this.addEventListener(event, listeners[event]);
            }
        }

        removeEventListener(event) {
            this.removeAllListeners(event);
        }

        removeEventListeners(eventList) {
            eventList.forEach(event => this.removeEventListener(event));
        }

        // Helpers of the Electron SDK.

        _getAlwaysOnTopResources() {
            const iframeWindow = this._frame.contentWindow;
            const base = iframeWindow.document.querySelector('base');
            let baseURL;

            if (base && base.href) {
                baseURL = base.href;
            } else {
                const { protocol, host } = iframeWindow.location;

                baseURL = `${protocol}//${host}`;
            }

            return ALWAYS_ON_TOP_FILENAMES.map(filename => new URL(filename, baseURL).href);
        }

        _getFormattedDisplayName(participantId) {
            return (this._participants.get(participantId) || {}).formattedDisplayName;
        }

        _getOnStageParticipant() {
            return this._onStageParticipant;
        }

        _getLargeVideo() {
            const doc = this._frameDocument();

            if (!this._isLargeVideoVisible || !doc) {
                return undefined;
            }

            return doc.getElementById('largeVideo');
        }

        _getPrejoinVideo() {
            const doc = this._frameDocument();

            if (!this._isPrejoinVideoVisible || !doc) {
                return undefined;
            }

            return doc.getElementById('prejoinVideo');
        }

        _getParticipantVideo(participantId) {
            const doc = this._frameDocument();

            if (!doc) {
                return undefined;
            }
            if (participantId === undefined || participantId === this._myUserID) {
                return doc.getElementById('localVideo_container');
            }

            return doc.querySelector(`#participant_${participantId} video`);
        }

        _isNewElectronScreensharingSupported() {
            return this._request({ name: '_new_electron_screensharing_supported' });
        }

        _openDesktopPicker() {
            return this._request({ name: 'open-desktop-picker' });
        }

        // Teardown.

        dispose() {
            if (this._disposing) {
                return;
            }
            this._disposing = true;
            this.emit('_willDispose');
            this._disposed = true;
            this._transport.dispose();
            this.removeAllListeners();
            const frame = this._frame;

            if (frame && frame.parentNode) {
                frame.parentNode.removeChild(frame);
            }
        }
    }

    window.JitsiMeetExternalAPI = JitsiMeetExternalAPI;
}());
