// The widget page: Web Chat on the self-hosted Direct Line gateway, in the
// user's language, with the conversation kept for this browser tab (a reload
// shows the history; closing the tab forgets it, which suits shared phones).
// Texts come from /widget/config.json; nothing is ever inserted as HTML.
(function () {
  'use strict';

  var SESSION_KEY = 'kausa-chat';
  var DIRECT_LINE = window.location.origin + '/v3/directline';
  var elements = {
    orgName: document.getElementById('org-name'),
    tagline: document.getElementById('tagline'),
    example: document.getElementById('example'),
    languageLabel: document.getElementById('language-label'),
    language: document.getElementById('language'),
    newChat: document.getElementById('new-chat'),
    deleteData: document.getElementById('delete-data'),
    chat: document.getElementById('chat'),
    status: document.getElementById('status'),
    webchat: document.getElementById('webchat'),
    privacy: document.getElementById('privacy'),
  };
  var params = new URLSearchParams(window.location.search);
  var state = { config: null, language: null, directLine: null, store: null };

  if (params.has('embed')) document.documentElement.classList.add('embedded');

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

  function findLanguage(code) {
    if (!code) return null;
    var wanted = String(code).toLowerCase().replace('_', '-');
    var aliases = { prs: 'fa', pes: 'fa', fas: 'fa', per: 'fa' };
    var languages = state.config.languages;
    for (var i = 0; i < languages.length; i += 1) {
      if (languages[i].code === wanted) return languages[i];
    }
    var primary = aliases[wanted.split('-')[0]] || wanted.split('-')[0];
    for (var j = 0; j < languages.length; j += 1) {
      if (languages[j].code === primary) return languages[j];
    }
    return null;
  }

  /** The saved choice, else ?lang=, else the browser's languages, else the default. */
  function initialLanguage(session) {
    var candidates = [session && session.language, params.get('lang')].concat(
      navigator.languages || [navigator.language],
    );
    for (var i = 0; i < candidates.length; i += 1) {
      var found = findLanguage(candidates[i]);
      if (found) return found;
    }
    return findLanguage(state.config.defaultLanguage);
  }

  function showStatus(text, withRetry) {
    elements.status.textContent = text || '';
    if (withRetry) {
      var retry = document.createElement('button');
      retry.type = 'button';
      retry.textContent = state.language.strings.retry;
      retry.addEventListener('click', function () {
        window.location.reload();
      });
      elements.status.appendChild(retry);
    }
  }

  function applyPageLanguage(language) {
    var strings = language.strings;
    var root = document.documentElement;
    root.lang = language.code === 'de-simple' ? 'de' : language.code;
    root.dir = language.dir;
    document.title = strings.pageTitle;
    elements.orgName.textContent = state.config.organisation.name;
    elements.tagline.textContent = strings.tagline;
    // An example profile (the shipped one) says so plainly: its contacts are not real.
    elements.example.hidden = !state.config.organisation.example;
    elements.example.textContent = strings.example;
    elements.languageLabel.textContent = strings.language;
    elements.newChat.textContent = strings.newChat;
    elements.newChat.title = strings.newChatHint;
    elements.deleteData.textContent = strings.deleteData;
    elements.chat.setAttribute('aria-label', strings.chatLabel);
    elements.privacy.textContent = strings.privacy;
    elements.language.value = language.code;
  }

  function renderChat() {
    var language = state.language;
    var colours = state.config.colours;
    window.WebChat.renderWebChat(
      {
        directLine: state.directLine,
        store: state.store,
        locale: language.locale,
        dir: language.dir,
        overrideLocalizedStrings: language.webchatStrings || {},
        sendTypingIndicator: false,
        styleOptions: {
          accent: colours.primary,
          bubbleFromUserBackground: colours.primary,
          bubbleFromUserTextColor: colours.onPrimary,
          bubbleBorderRadius: 12,
          bubbleFromUserBorderRadius: 12,
          hideUploadButton: true,
          // On a phone a row of buttons that scrolls sideways keeps the answer in view.
          suggestedActionLayout: window.matchMedia('(max-width: 480px)').matches
            ? 'carousel'
            : 'flow',
          suggestedActionBorderRadius: 8,
          primaryFont: getComputedStyle(document.body).fontFamily,
          rootHeight: '100%',
        },
      },
      elements.webchat,
    );
  }

  /**
   * The "connection problem" notice in the user's language: shown as soon as
   * a message cannot be sent (the service answers 503 while its storage is
   * stalled; Direct Line JS then reports "retry"), or when Web Chat gives up
   * on one; gone once a message goes through or the bot answers. Web Chat
   * keeps the message meanwhile, and the service keeps one it already took.
   */
  var connectionNotice = {
    showing: false,
    show: function () {
      connectionNotice.showing = true;
      showStatus(state.language.strings.connectionProblem);
    },
    clear: function () {
      if (!connectionNotice.showing) return;
      connectionNotice.showing = false;
      showStatus('');
    },
  };

  /** Wraps Direct Line JS's postActivity to see a failed send at once (its ids are "retry" then). */
  function watchSends(directLine) {
    var post = directLine.postActivity.bind(directLine);
    directLine.postActivity = function (activity) {
      return post(activity).map(function (id) {
        if (id === 'retry') connectionNotice.show();
        else connectionNotice.clear();
        return id;
      });
    };
    return directLine;
  }

  /** Web Chat store middleware: the notice for sends Web Chat gave up on, cleared by the bot's answers. */
  function noticeOnFailedSend() {
    return function (next) {
      return function (action) {
        if (
          action.type === 'DIRECT_LINE/POST_ACTIVITY_REJECTED' ||
          action.type === 'DIRECT_LINE/POST_ACTIVITY_IMPEDED'
        ) {
          connectionNotice.show();
        } else if (
          action.type === 'DIRECT_LINE/POST_ACTIVITY_FULFILLED' ||
          action.type === 'DIRECT_LINE/INCOMING_ACTIVITY'
        ) {
          connectionNotice.clear();
        }
        return next(action);
      };
    };
  }

  function postJson(url, token) {
    var headers = { 'content-type': 'application/json' };
    if (token) headers.authorization = 'Bearer ' + token;
    return fetch(url, { method: 'POST', headers: headers, body: '{}' }).then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    });
  }

  /** Resumes this tab's conversation when its token can still be refreshed, else starts one. */
  function connect() {
    var session = readSession();
    var resume =
      session && session.token && session.conversationId
        ? postJson(DIRECT_LINE + '/tokens/refresh', session.token).then(
            function (refreshed) {
              return {
                conversationId: refreshed.conversationId,
                token: refreshed.token,
                resumed: true,
              };
            },
            function () {
              return null;
            },
          )
        : Promise.resolve(null);
    return resume.then(function (resumed) {
      if (resumed) return resumed;
      return postJson('/widget/token').then(function (fresh) {
        return { conversationId: fresh.conversationId, token: fresh.token, resumed: false };
      });
    });
  }

  function start(connection) {
    var options = { domain: DIRECT_LINE, token: connection.token, webSocket: true };
    if (connection.resumed) options.conversationId = connection.conversationId;
    // The bot greets in the page's language; simple German is passed as its own code.
    else options.conversationStartProperties = { locale: state.language.code };
    state.directLine = watchSends(window.WebChat.createDirectLine(options));
    state.store = window.WebChat.createStore({}, noticeOnFailedSend);
    writeSession({
      conversationId: connection.conversationId,
      token: connection.token,
      language: state.language.code,
    });
    // Web Chat refreshes the token itself; keep the newest one for a reload.
    window.setInterval(function () {
      var session = readSession();
      if (session && state.directLine.token) {
        session.token = state.directLine.token;
        writeSession(session);
      }
    }, 60 * 1000);
    showStatus('');
    renderChat();
  }

  function onLanguageChange() {
    var chosen = findLanguage(elements.language.value);
    if (!chosen || chosen === state.language) return;
    state.language = chosen;
    applyPageLanguage(chosen);
    var session = readSession();
    if (session) {
      session.language = chosen.code;
      writeSession(session);
    }
    if (state.store) {
      renderChat();
      // An explicit choice: the bot switches and shows the current step again in it.
      state.store.dispatch({
        type: 'WEB_CHAT/SEND_POST_BACK',
        payload: { value: { language: chosen.code } },
      });
    }
  }

  function fillLanguagePicker() {
    state.config.languages.forEach(function (language) {
      var option = document.createElement('option');
      option.value = language.code;
      option.textContent = language.name;
      option.lang = language.code === 'de-simple' ? 'de' : language.code;
      option.dir = language.dir;
      elements.language.appendChild(option);
    });
    elements.language.addEventListener('change', onLanguageChange);
  }

  function applyColours(colours) {
    document.documentElement.style.setProperty('--primary', colours.primary);
    document.documentElement.style.setProperty('--on-primary', colours.onPrimary);
  }

  // "Delete my data": the bot asks to confirm, then deletes everything of this conversation.
  elements.deleteData.addEventListener('click', function () {
    if (!state.store) return;
    state.store.dispatch({
      type: 'WEB_CHAT/SEND_POST_BACK',
      payload: { value: { action: 'delete' } },
    });
  });

  elements.newChat.addEventListener('click', function () {
    writeSession(null);
    if (state.directLine) state.directLine.end();
    window.location.reload();
  });

  fetch('/widget/config.json')
    .then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    })
    .then(function (config) {
      state.config = config;
      state.language = initialLanguage(readSession());
      applyColours(config.colours);
      fillLanguagePicker();
      applyPageLanguage(state.language);
      showStatus(state.language.strings.connecting);
      return connect().then(start);
    })
    .catch(function () {
      if (state.language) showStatus(state.language.strings.offline, true);
      else
        showStatus('Der Chat ist gerade nicht erreichbar. / The chat is not available right now.');
    });
})();
