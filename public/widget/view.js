// The widget's chat, part 2 of 4: what the user sees. Nothing is ever
// inserted as HTML: every text is a text node, and only https links in the
// bot's and counsellors' messages become links. Each message keeps its own
// direction; a counsellor's carries their name; the bot's notices about a
// handover are shown apart.
(function (chat) {
  'use strict';

  /** How long the "…" of an awaited answer is shown at most. */
  var TYPING_MS = 20000;
  /** The schemes a card's button may open. */
  var SAFE_LINK = /^(https:|mailto:|tel:)/i;
  /** https links in a message (trailing punctuation is not part of them). */
  var LINK = /https:\/\/[^\s<>"'«»“”„]+/g;
  var TRAILING = /[.,;:!?)\]}»”’'"]+$/;

  var el = chat.el;
  var state = chat.state;
  var $ = chat.$;

  // --- status line -----------------------------------------------------------

  function showStatus(text, withRetry) {
    el.status.textContent = text || '';
    if (withRetry) {
      var retry = document.createElement('button');
      retry.type = 'button';
      retry.textContent = state.strings.retry;
      retry.addEventListener('click', function () {
        window.location.reload();
      });
      el.status.appendChild(retry);
    }
  }

  // --- rendering -------------------------------------------------------------

  function htmlLang(code) {
    return code === 'de-simple' ? 'de' : code;
  }

  /** A message's text as text nodes, https links as links that open outside the chat. */
  function appendText(parent, text, links) {
    if (!links) {
      parent.appendChild(document.createTextNode(text));
      return;
    }
    var last = 0;
    text.replace(LINK, function (match, offset) {
      var url = match.replace(TRAILING, '');
      parent.appendChild(document.createTextNode(text.slice(last, offset)));
      parent.appendChild(link(url, url));
      last = offset + url.length;
      return match;
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function link(href, label) {
    var a = document.createElement('a');
    a.href = href;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    a.textContent = label;
    return a;
  }

  function scrollToEnd() {
    el.chat.scrollTop = el.chat.scrollHeight;
  }

  /** A bubble: the user's (plain text, direction from its own letters) or the bot's side. */
  function bubble(kind, text, options) {
    var item = document.createElement('div');
    item.className = 'msg ' + kind;
    if (options.dir) item.dir = options.dir;
    if (options.lang) item.lang = htmlLang(options.lang);
    if (options.name) {
      var who = document.createElement('p');
      who.className = 'who';
      who.dir = 'auto';
      var name = document.createElement('strong');
      name.textContent = options.name;
      who.appendChild(name);
      who.appendChild(document.createTextNode(' · ' + state.strings.counsellor));
      item.appendChild(who);
    }
    if (text) {
      var body = document.createElement('p');
      body.className = 'text';
      body.dir = options.dir || 'auto';
      appendText(body, text, kind !== 'user');
      item.appendChild(body);
    }
    // The real opening messages take the place of the ones the server rendered.
    var opening = kind !== 'user' && el.transcript.querySelector('[data-prerendered]');
    el.transcript.insertBefore(item, opening || null);
    return item;
  }

  /** A hero card (a partner's contacts, a calendar file): its title, text and buttons. */
  function card(item, content) {
    var box = document.createElement('div');
    box.className = 'card';
    if (content.title) {
      var title = document.createElement('p');
      title.className = 'card-title';
      title.textContent = String(content.title);
      box.appendChild(title);
    }
    if (content.text) {
      var text = document.createElement('p');
      text.className = 'text';
      appendText(text, String(content.text), true);
      box.appendChild(text);
    }
    (content.buttons || []).forEach(function (action) {
      var value = String(action.value || '');
      if ((action.type === 'openUrl' || action.type === 'call') && SAFE_LINK.test(value)) {
        var a = link(value, String(action.title || value));
        a.className = 'action';
        box.appendChild(a);
      } else if (action.type === 'messageBack' || action.type === 'postBack') {
        box.appendChild(actionButton(action));
      }
    });
    item.appendChild(box);
  }

  function actionButton(action) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'action';
    button.textContent = String(action.title || '');
    button.addEventListener('click', function () {
      chat.tap(button.textContent, action.value);
    });
    return button;
  }

  /** The buttons under the last message: they wrap, each fully visible. */
  function showActions(actions) {
    el.actions.textContent = '';
    (actions || []).forEach(function (action) {
      el.actions.appendChild(actionButton(action));
    });
  }

  function clearOpening() {
    el.transcript.querySelectorAll('[data-prerendered]').forEach(function (node) {
      node.remove();
    });
  }

  function waitingForEcho() {
    return Object.keys(state.pending).length > 0;
  }

  function isFromUser(activity) {
    return activity.from && activity.from.role === 'user';
  }

  /** Shows activities from the stream (each once), in order. */
  function render(activities) {
    var shownBot = false;
    activities.forEach(function (activity) {
      if (!activity || activity.type !== 'message' || state.seen[activity.id]) return;
      state.seen[activity.id] = true;
      var data = activity.channelData || {};
      if (isFromUser(activity)) {
        var own = data.clientActivityID && state.pending[data.clientActivityID];
        if (own) {
          own.classList.remove('pending');
          delete state.pending[data.clientActivityID];
        } else if (activity.text && !(activity.value && data.hidden)) {
          bubble('user', activity.text, { dir: 'auto' });
        }
        showActions([]);
        return;
      }
      shownBot = true;
      var kind = data.counsellor ? 'bot counsellor' : data.status ? 'bot status' : 'bot';
      var item = bubble(kind, activity.text || '', {
        dir: data.direction || 'auto',
        lang: data.language || activity.locale,
        name: data.counsellor,
      });
      (activity.attachments || []).forEach(function (attachment) {
        if (attachment && attachment.contentType === 'application/vnd.microsoft.card.hero') {
          card(item, attachment.content || {});
        }
      });
      // Buttons answered already (tapped before the conversation was live) are not shown again.
      if (!waitingForEcho()) {
        showActions(activity.suggestedActions ? activity.suggestedActions.actions : []);
      }
    });
    if (shownBot) {
      clearOpening();
      typing(false);
      // The bot answered: the connection works again (a later failure shows the notice again).
      if (el.status.textContent === state.strings.connectionProblem) showStatus('');
    }
    scrollToEnd();
  }

  /** The "…" while an answer is on its way. */
  function typing(on) {
    var dots = $('typing');
    window.clearTimeout(state.typingTimer);
    if (!on) {
      if (dots) dots.remove();
      return;
    }
    if (!dots) {
      dots = document.createElement('div');
      dots.id = 'typing';
      dots.className = 'msg bot typing';
      dots.setAttribute('aria-hidden', 'true');
      dots.textContent = '•••';
    }
    el.transcript.appendChild(dots);
    state.typingTimer = window.setTimeout(function () {
      typing(false);
    }, TYPING_MS);
  }

  chat.actionButton = actionButton;
  chat.appendText = appendText;
  chat.bubble = bubble;
  chat.card = card;
  chat.clearOpening = clearOpening;
  chat.htmlLang = htmlLang;
  chat.isFromUser = isFromUser;
  chat.link = link;
  chat.render = render;
  chat.scrollToEnd = scrollToEnd;
  chat.showActions = showActions;
  chat.showStatus = showStatus;
  chat.typing = typing;
  chat.waitingForEcho = waitingForEcho;
})((window.KausaChat = window.KausaChat || {}));
