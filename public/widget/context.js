// The widget page's chat, part 1 of 4: what the other parts share — the
// page's start data (rendered by the server), its elements and the chat's
// state. The server sends the four parts as one script (/widget.js), in the
// order context, view, connection, start.
(function (chat) {
  'use strict';

  /** Longest message the bot reads (src/nlu/understand.ts MAX_MESSAGE_CHARS). */
  var MAX_MESSAGE_CHARS = 2000;

  var boot = JSON.parse(document.getElementById('boot').textContent);
  var $ = function (id) {
    return document.getElementById(id);
  };
  var el = {
    transcript: $('transcript'),
    actions: $('actions'),
    status: $('status'),
    chat: $('chat'),
    composer: $('composer'),
    message: $('message'),
    send: $('send'),
    language: $('language'),
    newChat: $('new-chat'),
    deleteData: $('delete-data'),
  };
  var params = new URLSearchParams(window.location.search);
  var state = {
    language: boot.language,
    strings: boot.strings,
    conversationId: null,
    token: null,
    watermark: '',
    socket: null,
    live: false,
    closing: false,
    outbox: [],
    sending: false,
    seen: {},
    pending: {},
    retry: 0,
    reconnectTimer: null,
    typingTimer: null,
    config: null,
  };
  // What the server rendered, to show again if a saved conversation cannot be resumed.
  var opening = { transcript: el.transcript.innerHTML, actions: el.actions.innerHTML };

  if (params.has('embed')) document.documentElement.classList.add('embedded');
  el.message.maxLength = MAX_MESSAGE_CHARS;

  chat.boot = boot;
  chat.$ = $;
  chat.el = el;
  chat.params = params;
  chat.state = state;
  chat.opening = opening;
  chat.MAX_MESSAGE_CHARS = MAX_MESSAGE_CHARS;
})((window.KausaChat = window.KausaChat || {}));
