// The widget's chat, part 4 of 4: the page's controls (language picker,
// "new chat", "delete my data", the message box) and the start: a saved
// conversation of this tab is resumed, else a new one begins.
(function (chat) {
  'use strict';

  var el = chat.el;
  var state = chat.state;
  var boot = chat.boot;
  var $ = chat.$;
  var MAX_MESSAGE_CHARS = chat.MAX_MESSAGE_CHARS;

  // --- the page's controls ---------------------------------------------------

  function bindOpeningButtons() {
    el.actions.querySelectorAll('button[data-value]').forEach(function (button) {
      button.addEventListener('click', function () {
        var value;
        try {
          value = JSON.parse(button.getAttribute('data-value'));
        } catch {
          return;
        }
        chat.tap(button.textContent, value);
      });
    });
  }

  function loadConfig() {
    if (state.config) return Promise.resolve(state.config);
    return chat.request('GET', '/widget/config.json', null).then(function (config) {
      state.config = config;
      return config;
    });
  }

  function applyLanguage(language) {
    var strings = language.strings;
    state.language = language.code;
    state.strings = strings;
    var root = document.documentElement;
    root.lang = chat.htmlLang(language.code);
    root.dir = language.dir;
    document.title = strings.pageTitle;
    $('tagline').textContent = strings.tagline;
    $('example').textContent = strings.example;
    $('language-label').textContent = strings.language;
    $('message-label').textContent = strings.messageLabel;
    $('privacy').textContent = strings.privacy;
    el.newChat.textContent = strings.newChat;
    el.newChat.title = strings.newChatHint;
    el.deleteData.textContent = strings.deleteData;
    el.chat.setAttribute('aria-label', strings.chatLabel);
    el.message.placeholder = strings.messageLabel;
    el.send.setAttribute('aria-label', strings.send);
    el.send.title = strings.send;
    el.send.firstElementChild.textContent = language.dir === 'rtl' ? '◀' : '▶';
    el.language.value = language.code;
  }

  function switchLanguage(code, tellBot) {
    // The page turns at once; its texts follow when the configuration has arrived.
    boot.languages.forEach(function (language) {
      if (language.code !== code) return;
      document.documentElement.lang = chat.htmlLang(code);
      document.documentElement.dir = language.dir;
    });
    return loadConfig().then(function (config) {
      var chosen = config.languages.filter(function (language) {
        return language.code === code;
      })[0];
      if (!chosen) return;
      applyLanguage(chosen);
      if (state.conversationId) chat.saveSession();
      // An explicit choice: the bot switches and shows the current step again in it.
      if (tellBot) chat.send('', { language: chosen.code }, true);
    });
  }

  el.language.addEventListener('change', function () {
    if (el.language.value !== state.language) switchLanguage(el.language.value, true);
  });

  el.deleteData.addEventListener('click', function () {
    // "Delete my data": the bot asks to confirm, then deletes everything of this conversation.
    chat.send('', { action: 'delete' }, true);
  });

  el.newChat.addEventListener('click', function () {
    chat.writeSession(null);
    state.closing = true;
    if (state.socket) state.socket.close();
    window.location.reload();
  });

  el.composer.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = el.message.value.trim();
    if (!text) return;
    el.message.value = '';
    grow();
    chat.send(text.slice(0, MAX_MESSAGE_CHARS), undefined, false);
  });

  // Enter sends; Shift+Enter starts a new line.
  el.message.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      el.composer.requestSubmit();
    }
  });

  function grow() {
    el.message.style.height = 'auto';
    el.message.style.height = Math.min(el.message.scrollHeight, 120) + 'px';
  }
  el.message.addEventListener('input', grow);

  window.addEventListener('online', function () {
    chat.showStatus('');
    if (state.live && !state.socket) {
      state.retry = 0;
      chat.reconnect();
    }
    chat.flush();
  });
  window.addEventListener('offline', function () {
    chat.showStatus(state.strings.offline);
  });

  // --- start -----------------------------------------------------------------

  bindOpeningButtons();
  var session = chat.readSession();
  var started =
    session && session.token && session.conversationId ? chat.resume(session) : chat.startNew();
  if (session && session.language && session.language !== state.language) {
    switchLanguage(session.language, false);
  }
  started.catch(function () {
    chat.showStatus(state.strings.offline, true);
  });

  chat.applyLanguage = applyLanguage;
  chat.bindOpeningButtons = bindOpeningButtons;
  chat.grow = grow;
  chat.loadConfig = loadConfig;
  chat.switchLanguage = switchLanguage;
})((window.KausaChat = window.KausaChat || {}));
