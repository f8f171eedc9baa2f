// The widget's chat, part 3 of 4: the conversation over the self-hosted
// Direct Line gateway. A new conversation starts in one request (token, the
// bot's opening turn and a stream URL); messages stream over a WebSocket that
// resumes after a broken connection from the last message shown; a message
// that cannot be sent stays in the chat and is sent again. The conversation
// is kept for this browser tab (a reload shows the history; closing the tab
// forgets it, which suits shared phones).
(function (chat) {
  'use strict';

  var SESSION_KEY = 'kausa-chat';
  var DIRECT_LINE = '/v3/directline';
  /** Reconnect and resend waits: doubled after each failure, up to the last. */
  var RETRY_MS = [1000, 2000, 4000, 8000, 15000];

  var el = chat.el;
  var state = chat.state;
  var opening = chat.opening;

  // --- the tab's conversation ------------------------------------------------

  function readSession() {
    try {
      return JSON.parse(window.sessionStorage.getItem(SESSION_KEY) || 'null');
    } catch {
      return null;
    }
  }

  function writeSession(session) {
    try {
      if (session) window.sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
      else window.sessionStorage.removeItem(SESSION_KEY);
    } catch {
      // storage disabled: the chat works, a reload starts a new one
    }
  }

  function saveSession() {
    writeSession({
      conversationId: state.conversationId,
      token: state.token,
      language: state.language,
    });
  }

  // --- sending ---------------------------------------------------------------

  function request(method, path, token, body) {
    var headers = { 'content-type': 'application/json' };
    if (token) headers.authorization = 'Bearer ' + token;
    return fetch(path, {
      method: method,
      headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(function (response) {
      if (!response.ok) {
        var error = new Error('HTTP ' + response.status);
        error.status = response.status;
        throw error;
      }
      return response.json();
    });
  }

  function newId() {
    return 'c' + Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
  }

  /**
   * Sends a message (typed, or a button's label with its value). It shows at
   * once; it goes out when the conversation is live, in order, and is sent
   * again after a network failure until it is through.
   */
  function send(text, value, hidden) {
    var id = newId();
    var activity = {
      type: 'message',
      locale: state.language,
      channelData: { clientActivityID: id },
    };
    if (text) activity.text = text;
    if (value !== undefined) activity.value = value;
    if (hidden) activity.channelData.hidden = true;
    if (!hidden) {
      var item = chat.bubble('user pending', text, { dir: 'auto' });
      state.pending[id] = item;
    }
    chat.showActions([]);
    state.outbox.push(activity);
    chat.scrollToEnd();
    flush();
  }

  function tap(label, value) {
    send(label, value, false);
  }

  function flush() {
    if (!state.live || state.sending || state.outbox.length === 0) return;
    state.sending = true;
    var activity = state.outbox[0];
    activity.from = { id: 'user', role: 'user' };
    chat.typing(true);
    request(
      'POST',
      DIRECT_LINE + '/conversations/' + encodeURIComponent(state.conversationId) + '/activities',
      state.token,
      activity,
    ).then(
      function () {
        state.outbox.shift();
        state.sending = false;
        state.retry = 0;
        if (state.socket && state.socket.readyState === 1) chat.showStatus('');
        flush();
      },
      function (error) {
        state.sending = false;
        if (error.status === 400 || error.status === 413) {
          // Refused for good (too long, malformed): dropped, the bubble says it did not go.
          state.outbox.shift();
          var pendingItem = state.pending[activity.channelData.clientActivityID];
          if (pendingItem) pendingItem.classList.add('failed');
          chat.typing(false);
          flush();
          return;
        }
        chat.typing(false);
        chat.showStatus(state.strings.connectionProblem);
        var wait = RETRY_MS[Math.min(state.retry, RETRY_MS.length - 1)];
        state.retry += 1;
        var retry =
          error.status === 401 || error.status === 403 ? refreshToken() : Promise.resolve();
        retry.then(function () {
          window.setTimeout(flush, wait);
        });
      },
    );
  }

  // --- connecting ------------------------------------------------------------

  function openStream(url) {
    var socket = new WebSocket(url);
    state.socket = socket;
    socket.addEventListener('open', function () {
      state.retry = 0;
      if (state.outbox.length === 0) chat.showStatus('');
    });
    socket.addEventListener('message', function (event) {
      if (!event.data) return;
      var group;
      try {
        group = JSON.parse(event.data);
      } catch {
        return;
      }
      if (group.watermark) state.watermark = group.watermark;
      chat.render(group.activities || []);
    });
    socket.addEventListener('close', function () {
      if (state.socket !== socket || state.closing) return;
      state.socket = null;
      scheduleReconnect();
    });
  }

  function scheduleReconnect() {
    window.clearTimeout(state.reconnectTimer);
    var wait = RETRY_MS[Math.min(state.retry, RETRY_MS.length - 1)];
    state.retry += 1;
    if (state.retry > 1) chat.showStatus(state.strings.connectionProblem);
    state.reconnectTimer = window.setTimeout(reconnect, wait);
  }

  /** A new stream that continues after the last message shown: nothing is lost or shown twice. */
  function reconnect() {
    if (state.socket || state.closing) return;
    request(
      'GET',
      DIRECT_LINE +
        '/conversations/' +
        encodeURIComponent(state.conversationId) +
        '?watermark=' +
        encodeURIComponent(state.watermark),
      state.token,
    ).then(
      function (conversation) {
        state.token = conversation.token;
        saveSession();
        openStream(conversation.streamUrl);
      },
      function (error) {
        if (error.status === 401 || error.status === 403 || error.status === 404) {
          chat.showStatus(state.strings.offline, true);
          return;
        }
        scheduleReconnect();
      },
    );
  }

  function refreshToken() {
    return request('POST', DIRECT_LINE + '/tokens/refresh', state.token, {}).then(
      function (refreshed) {
        state.token = refreshed.token;
        saveSession();
        scheduleRefresh(refreshed.expires_in);
      },
      function () {
        // a network failure: the next attempt tries again
      },
    );
  }

  function scheduleRefresh(expiresIn) {
    var seconds = Math.max(60, Math.floor((Number(expiresIn) || 1800) / 2));
    window.setTimeout(refreshToken, seconds * 1000);
  }

  function goLive(conversation) {
    state.conversationId = conversation.conversationId;
    state.token = conversation.token;
    saveSession();
    state.live = true;
    scheduleRefresh(conversation.expires_in);
    if (conversation.activities) {
      if (conversation.watermark) state.watermark = conversation.watermark;
      chat.render(conversation.activities);
    }
    openStream(conversation.streamUrl);
    flush();
  }

  /** Starts a new conversation: token, start and opening messages in one request. */
  function startNew() {
    return request(
      'POST',
      '/widget/conversation?locale=' + encodeURIComponent(state.language),
      null,
    ).then(goLive);
  }

  /** Resumes this tab's conversation (history from its start), else starts a new one. */
  function resume(session) {
    el.transcript.textContent = '';
    el.actions.textContent = '';
    state.token = session.token;
    return request('POST', DIRECT_LINE + '/tokens/refresh', session.token, {})
      .then(function (refreshed) {
        state.token = refreshed.token;
        return request(
          'GET',
          DIRECT_LINE + '/conversations/' + encodeURIComponent(refreshed.conversationId),
          refreshed.token,
        );
      })
      .then(goLive, function (error) {
        if (!error.status) throw error;
        // Gone (deleted, expired): a new conversation, with the page's opening shown again.
        writeSession(null);
        el.transcript.innerHTML = opening.transcript;
        el.actions.innerHTML = opening.actions;
        chat.bindOpeningButtons();
        return startNew();
      });
  }

  chat.flush = flush;
  chat.goLive = goLive;
  chat.newId = newId;
  chat.openStream = openStream;
  chat.readSession = readSession;
  chat.reconnect = reconnect;
  chat.refreshToken = refreshToken;
  chat.request = request;
  chat.resume = resume;
  chat.saveSession = saveSession;
  chat.scheduleReconnect = scheduleReconnect;
  chat.scheduleRefresh = scheduleRefresh;
  chat.send = send;
  chat.startNew = startNew;
  chat.tap = tap;
  chat.writeSession = writeSession;
})((window.KausaChat = window.KausaChat || {}));
