/*
 * The counsellor console: log in, see waiting requests (offered by language),
 * accept one, read the conversation so far, reply (with quick replies in the
 * person's language), transfer to a colleague or a network partner, close;
 * callback requests; live updates over server-sent events read with fetch
 * (EventSource cannot send the Authorization header).
 * Everything a user or counsellor typed is put into the page as text
 * (textContent), never as HTML.
 */
(function () {
  'use strict';

  var TOKEN_KEY = 'kausa.console.token';
  var SOUND_KEY = 'kausa.console.sound';
  var RECONNECT_MS = 3000;
  var CLOCK_MS = 15000;

  var app = document.getElementById('app');
  var strings = null;
  var ui = 'de';
  var state = {
    token: sessionStorage.getItem(TOKEN_KEY),
    me: null,
    tab: 'waiting',
    lists: { waiting: [], active: [], closed: [], callbacks: [], referrals: [], appointments: [] },
    selected: null,
    counsellors: [],
    partners: [],
    offered: null,
    notes: {},
    unseen: 0,
    online: false,
    stream: null,
  };

  /* ---------- small helpers ---------- */

  function lookup(tree, key) {
    return key.split('.').reduce(function (node, part) {
      return node && typeof node === 'object' ? node[part] : undefined;
    }, tree);
  }

  function t(key, vars) {
    var text = lookup(strings.console[ui], key);
    if (typeof text !== 'string') text = lookup(strings.console.de, key);
    if (typeof text !== 'string') return key;
    return text.replace(/{{\s*(\w+)\s*}}/g, function (_, name) {
      return vars && vars[name] !== undefined ? String(vars[name]) : '';
    });
  }

  /** An element with attributes and children; strings become text nodes. */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === undefined || value === null || value === false) return;
      if (
        name === 'onclick' ||
        name === 'onsubmit' ||
        name === 'onchange' ||
        name === 'onkeydown'
      ) {
        node.addEventListener(name.slice(2), value);
      } else if (name === 'text') {
        node.textContent = value;
      } else {
        node.setAttribute(name, value === true ? '' : String(value));
      }
    });
    for (var i = 2; i < arguments.length; i += 1) {
      var child = arguments[i];
      if (child === undefined || child === null || child === false) continue;
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  function languageName(code) {
    var base = code === 'de-simple' ? 'de' : code;
    var name;
    try {
      name = new Intl.DisplayNames([ui], { type: 'language' }).of(base) || code;
    } catch {
      name = code;
    }
    return code === 'de-simple' ? name + ' (' + t('simpleLanguage') + ')' : name;
  }

  function minutesSince(iso) {
    return Math.max(0, Math.floor((Date.now() - Date.parse(iso)) / 60000));
  }

  /* ---------- API ---------- */

  function api(method, path, body) {
    return fetch('/api/counsellor' + path, {
      method: method,
      headers: Object.assign(
        { authorization: 'Bearer ' + state.token },
        body !== undefined ? { 'content-type': 'application/json' } : {},
      ),
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(function (response) {
      if (response.status === 401) {
        logout();
        throw new Error('unauthorized');
      }
      return response.json().then(function (json) {
        if (!response.ok) {
          var error = new Error(json && json.message ? json.message : 'HTTP ' + response.status);
          error.status = response.status;
          throw error;
        }
        return json;
      });
    });
  }

  function logout() {
    sessionStorage.removeItem(TOKEN_KEY);
    state.token = null;
    state.me = null;
    state.selected = null;
    if (state.stream) state.stream.abort();
    state.stream = null;
    renderLogin();
  }

  /* ---------- login ---------- */

  function renderLogin(message) {
    document.title = t('title');
    var error = el('p', { class: 'error', role: 'alert', text: message || '' });
    var username = el('input', {
      id: 'username',
      name: 'username',
      autocomplete: 'username',
      required: true,
    });
    var password = el('input', {
      id: 'password',
      name: 'password',
      type: 'password',
      autocomplete: 'current-password',
      required: true,
    });
    var form = el(
      'form',
      {
        class: 'login',
        onsubmit: function (event) {
          event.preventDefault();
          fetch('/api/counsellor/session', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username: username.value.trim(), password: password.value }),
          })
            .then(function (response) {
              return response.json().then(function (json) {
                if (response.status === 429) {
                  var seconds = Number(response.headers.get('retry-after')) || 60;
                  throw new Error(t('login.locked', { minutes: Math.ceil(seconds / 60) }));
                }
                if (!response.ok) throw new Error(t('login.failed'));
                return json;
              });
            })
            .then(function (session) {
              state.token = session.token;
              sessionStorage.setItem(TOKEN_KEY, session.token);
              start();
            })
            .catch(function (failure) {
              error.textContent = failure.message;
              password.value = '';
              password.focus();
            });
        },
      },
      el('h1', { text: t('login.heading') }),
      el('label', { for: 'username' }, t('login.username'), username),
      el('label', { for: 'password' }, t('login.password'), password),
      error,
      el('button', { type: 'submit', class: 'primary', text: t('login.submit') }),
    );
    app.replaceChildren(form);
    username.focus();
  }

  /* ---------- data ---------- */

  var refreshTimer = null;
  function refreshSoon() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refresh, 250);
  }

  function refresh() {
    return Promise.all([
      api('GET', '/tickets?status=waiting'),
      api('GET', '/tickets?status=active'),
      api('GET', '/tickets?status=closed'),
      api('GET', '/callbacks'),
      api('GET', '/referrals'),
      api('GET', '/appointments'),
    ])
      .then(function (results) {
        var before = state.offered;
        state.lists = {
          waiting: results[0],
          active: results[1],
          closed: results[2].slice(-50).reverse(),
          callbacks: results[3],
          referrals: results[4],
          appointments: results[5],
        };
        var now = {};
        results[0].forEach(function (ticket) {
          now[ticket.id] = true;
        });
        if (before) {
          var fresh = results[0].filter(function (ticket) {
            return !before[ticket.id];
          });
          if (fresh.length > 0) notify(fresh.length);
        }
        state.offered = now;
        renderLists();
        renderTabs();
      })
      .catch(function () {
        /* shown by the connection state */
      });
  }

  /* ---------- notification: title and a short tone ---------- */

  function notify(count) {
    if (document.hidden || !document.hasFocus()) {
      state.unseen += count;
      document.title = '(' + state.unseen + ') ' + t('notify.newTicket') + ' – ' + t('title');
    }
    if (localStorage.getItem(SOUND_KEY) === 'off') return;
    try {
      var Audio = window.AudioContext || window.webkitAudioContext;
      var context = new Audio();
      var tone = context.createOscillator();
      var gain = context.createGain();
      tone.frequency.value = 880;
      gain.gain.value = 0.08;
      tone.connect(gain).connect(context.destination);
      tone.start();
      tone.stop(context.currentTime + 0.2);
    } catch {
      /* no audio: the title still says it */
    }
  }

  function seen() {
    state.unseen = 0;
    document.title = t('title');
  }
  window.addEventListener('focus', seen);
  document.addEventListener('visibilitychange', function () {
    if (!document.hidden) seen();
  });

  /* ---------- live updates ---------- */

  function connect() {
    if (!state.token) return;
    var controller = new AbortController();
    state.stream = controller;
    fetch('/api/counsellor/events', {
      headers: { authorization: 'Bearer ' + state.token },
      signal: controller.signal,
    })
      .then(function (response) {
        if (response.status === 401) {
          logout();
          return;
        }
        if (!response.ok || !response.body) throw new Error('HTTP ' + response.status);
        setOnline(true);
        refreshSoon();
        var reader = response.body.getReader();
        var decoder = new TextDecoder();
        var buffer = '';
        function pump() {
          return reader.read().then(function (chunk) {
            if (chunk.done) throw new Error('stream ended');
            buffer += decoder.decode(chunk.value, { stream: true });
            var end;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              var block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              var type = /^event: (.+)$/m.exec(block);
              var data = /^data: (.+)$/m.exec(block);
              if (type && data) onEvent(type[1], JSON.parse(data[1]));
            }
            return pump();
          });
        }
        return pump();
      })
      .catch(function () {
        if (controller.signal.aborted || !state.token) return;
        setOnline(false);
        setTimeout(function () {
          if (state.stream === controller) connect();
        }, RECONNECT_MS);
      });
  }

  function setOnline(online) {
    state.online = online;
    var badge = document.getElementById('presence');
    if (!badge) return;
    badge.className = online ? 'presence' : 'presence off';
    badge.textContent = online ? t('online') : t('offline');
  }

  function onEvent(type, data) {
    if (type === 'ticket') {
      var selected = state.selected;
      if (selected && selected.id === data.id) {
        if (data.status === 'cancelled' && selected.status === 'active')
          addNote(data.id, t('status.userLeft'));
        if (
          data.status === 'active' &&
          selected.status === 'waiting' &&
          data.counsellor !== state.me.username
        ) {
          addNote(data.id, t('status.taken'));
        }
        if (data.status === 'closed') addNote(data.id, t('status.closed'));
        selected.status = data.status;
        if (data.counsellor) selected.counsellor = data.counsellor;
        renderDetail();
      }
      refreshSoon();
    } else if (type === 'message') {
      if (state.selected && state.selected.id === data.ticketId) {
        appendMessage(fromRelayed(data.message));
      }
    } else if (type === 'callback' || type === 'referral' || type === 'appointment') {
      refreshSoon();
    }
  }

  function addNote(ticketId, text) {
    (state.notes[ticketId] = state.notes[ticketId] || []).push(text);
  }

  /* ---------- screen ---------- */

  function start() {
    api('GET', '/me')
      .then(function (me) {
        state.me = me;
        return Promise.all([api('GET', '/counsellors'), api('GET', '/partners')]);
      })
      .then(function (lists) {
        state.counsellors = lists[0];
        state.partners = lists[1];
        renderShell();
        refresh();
        connect();
      })
      .catch(function () {
        if (!state.token) return;
        renderLogin(t('error.generic'));
      });
  }

  function renderShell() {
    document.title = t('title');
    var sound = el('input', {
      type: 'checkbox',
      id: 'sound',
      checked: localStorage.getItem(SOUND_KEY) !== 'off',
      onchange: function (event) {
        localStorage.setItem(SOUND_KEY, event.target.checked ? 'on' : 'off');
      },
    });
    app.replaceChildren(
      el(
        'header',
        { class: 'bar' },
        el('h1', { text: t('title') + ' – ' + state.me.name }),
        el('span', { id: 'presence', class: 'presence off', text: t('offline') }),
        el('label', { for: 'sound' }, sound, ' ' + t('sound')),
        el('button', { type: 'button', onclick: logout, text: t('logout') }),
      ),
      el(
        'div',
        { class: 'layout' },
        el(
          'nav',
          { class: 'side', 'aria-label': t('title') },
          el('div', { class: 'tabs', role: 'tablist', id: 'tabs' }),
          el('ul', { class: 'list', id: 'list' }),
        ),
        el('section', { class: 'detail', id: 'detail', 'aria-live': 'polite' }),
      ),
    );
    setOnline(state.online);
    renderTabs();
    renderLists();
    renderDetail();
  }

  function renderTabs() {
    var tabs = document.getElementById('tabs');
    if (!tabs) return;
    var counts = {
      waiting: state.lists.waiting.length,
      active: state.lists.active.length,
      callbacks: state.lists.callbacks.length,
      referrals: state.lists.referrals.length,
      appointments: state.lists.appointments.filter(function (entry) {
        return entry.status === 'requested';
      }).length,
    };
    tabs.replaceChildren.apply(
      tabs,
      ['waiting', 'active', 'callbacks', 'referrals', 'appointments', 'closed']
        .concat(state.me && state.me.role === 'lead' ? ['stats'] : [])
        .map(function (tab) {
          return el('button', {
            type: 'button',
            role: 'tab',
            'aria-selected': String(state.tab === tab),
            'data-tab': tab,
            text: t('tabs.' + tab, { count: counts[tab] }),
            onclick: function () {
              state.tab = tab;
              renderTabs();
              renderLists();
              if (tab === 'stats') showStats();
            },
          });
        }),
    );
  }

  function ticketMeta(ticket) {
    var minutes =
      ticket.status === 'waiting'
        ? minutesSince(ticket.createdAt)
        : Math.round(ticket.waitingSeconds / 60);
    return el(
      'span',
      { class: 'meta' },
      el('span', { class: 'badge', lang: ticket.language, text: languageName(ticket.language) }),
      ticket.audience
        ? el('span', { class: 'badge', text: t('audience.' + ticket.audience) })
        : null,
      el('span', {
        text: t(ticket.status === 'waiting' ? 'ticket.waitingFor' : 'ticket.waitedFor', {
          minutes: minutes,
        }),
      }),
      ticket.counsellor && ticket.status !== 'waiting'
        ? el('span', { text: t('ticket.with', { name: ticket.counsellor }) })
        : null,
      ticket.escalated ? el('span', { class: 'badge warn', text: t('ticket.escalated') }) : null,
    );
  }

  function renderLists() {
    var list = document.getElementById('list');
    if (!list) return;
    if (state.tab === 'stats') {
      // Kept while the lists refresh, so a period being typed is not lost.
      if (!document.getElementById('stats-from')) list.replaceChildren(el('li', {}, statsForm()));
      return;
    }
    var items = state.lists[state.tab] || [];
    if (items.length === 0) {
      list.replaceChildren(el('li', { class: 'empty', text: t('empty.' + state.tab) }));
      return;
    }
    if (REQUEST_TABS.indexOf(state.tab) >= 0) {
      list.replaceChildren.apply(
        list,
        items.map(function (request) {
          return renderRequest(state.tab, request);
        }),
      );
      return;
    }
    list.replaceChildren.apply(
      list,
      items.map(function (ticket) {
        return el(
          'li',
          {},
          el(
            'button',
            {
              type: 'button',
              'data-ticket': ticket.id,
              'aria-current': state.selected && state.selected.id === ticket.id ? 'true' : false,
              onclick: function () {
                select(ticket);
              },
            },
            ticketMeta(ticket),
            el('span', {
              class: 'summary',
              dir: 'auto',
              lang: ticket.language,
              text: ticket.summary || t('ticket.noSummary'),
            }),
          ),
        );
      }),
    );
  }

  function contactLink(request) {
    if (
      request.contactType === 'email' &&
      /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(request.contact)
    ) {
      return el('a', { href: 'mailto:' + request.contact, dir: 'ltr', text: request.contact });
    }
    var digits = request.contact.replace(/[^\d+]/g, '');
    return el('a', { href: 'tel:' + digits, dir: 'ltr', text: request.contact });
  }

  var REQUEST_TABS = ['callbacks', 'referrals', 'appointments'];

  /** What a user left for the counsellors: a callback, a referral to a partner, an appointment. */
  function renderRequest(kind, request) {
    var path = '/' + kind + '/' + encodeURIComponent(request.id);
    function action(label, suffix, question, primary) {
      return el('button', {
        type: 'button',
        class: primary ? 'primary' : null,
        'data-action': suffix,
        text: label,
        onclick: function () {
          if (question && !window.confirm(question)) return;
          api('POST', path + '/' + suffix).then(refresh, refresh);
        },
      });
    }
    var headline =
      kind === 'referrals'
        ? el('strong', { text: t('referral.to', { partner: request.partner }) })
        : kind === 'appointments'
          ? el(
              'strong',
              {},
              new Date(request.start).toLocaleString(ui, {
                weekday: 'long',
                day: 'numeric',
                month: 'long',
                hour: '2-digit',
                minute: '2-digit',
                timeZone: 'Europe/Berlin',
              }) +
                ' · ' +
                request.place +
                ' ',
              el('span', {
                class: request.status === 'requested' ? 'badge warn' : 'badge',
                text: t('appointment.' + request.status),
              }),
            )
          : null;
    var actions = el('div', { class: 'actions' });
    if (kind === 'appointments' && request.status === 'requested') {
      actions.appendChild(action(t('actions.confirm'), 'confirm', null, true));
      actions.appendChild(action(t('actions.decline'), 'decline', t('actions.confirmDecline')));
    } else if (kind !== 'appointments') {
      actions.appendChild(
        action(
          kind === 'referrals' ? t('actions.forwarded') : t('actions.done'),
          'done',
          t('actions.confirmDone'),
        ),
      );
    }
    return el(
      'li',
      { class: 'request', 'data-request': request.id },
      el(
        'div',
        { style: 'padding:0.6rem 0.8rem;display:grid;gap:0.3rem' },
        headline,
        el(
          'span',
          { class: 'meta' },
          el('span', { class: 'badge', text: languageName(request.language) }),
          request.audience
            ? el('span', { class: 'badge', text: t('audience.' + request.audience) })
            : null,
          el('span', {
            text: t('callback.requested', { date: new Date(request.createdAt).toLocaleString(ui) }),
          }),
        ),
        el(
          'span',
          {},
          t(request.contactType === 'email' ? 'callback.email' : 'callback.phone') + ': ',
          contactLink(request),
        ),
        kind === 'appointments'
          ? null
          : el('span', {
              class: 'summary',
              dir: 'auto',
              lang: request.language,
              text: request.summary || t('ticket.noSummary'),
            }),
        actions,
      ),
    );
  }

  /* ---------- one ticket ---------- */

  var transcript = [];

  function fromActivity(activity) {
    var counsellor = activity.channelData && activity.channelData.counsellor;
    var text = activity.text;
    if (
      !text &&
      activity.attachments &&
      activity.attachments[0] &&
      activity.attachments[0].content
    ) {
      text = '[' + (activity.attachments[0].content.title || '') + ']';
    }
    return {
      role:
        activity.from && activity.from.role === 'user' ? 'user' : counsellor ? 'counsellor' : 'bot',
      name: counsellor || '',
      text: text || '',
    };
  }

  function fromRelayed(message) {
    return {
      role: message.from === 'user' ? 'user' : 'counsellor',
      name: message.counsellor || '',
      text: message.text,
    };
  }

  function select(ticket) {
    state.selected = Object.assign({}, ticket);
    transcript = [];
    renderLists();
    renderDetail();
    api('GET', '/tickets/' + encodeURIComponent(ticket.id) + '/transcript')
      .then(function (body) {
        if (!state.selected || state.selected.id !== ticket.id) return;
        transcript = body.activities
          .filter(function (activity) {
            return activity.type === 'message';
          })
          .map(fromActivity)
          .filter(function (entry) {
            return entry.text !== '';
          });
        renderTranscript();
      })
      .catch(function () {
        addNote(ticket.id, t('error.generic'));
        renderTranscript();
      });
  }

  function bubble(entry) {
    var who =
      entry.role === 'user'
        ? t('transcript.user')
        : entry.role === 'counsellor'
          ? t('transcript.counsellor', { name: entry.name })
          : t('transcript.bot');
    // The label has its own direction, so the text's own first letter decides the text's.
    return el(
      'div',
      { class: 'msg ' + entry.role },
      el('span', { class: 'who', dir: 'ltr', text: who }),
      el('span', {
        class: 'body',
        dir: 'auto',
        lang: entry.role === 'user' ? state.selected.language : null,
        text: entry.text,
      }),
    );
  }

  function appendMessage(entry) {
    transcript.push(entry);
    var box = document.getElementById('transcript');
    if (!box) return;
    box.appendChild(bubble(entry));
    box.scrollTop = box.scrollHeight;
  }

  function renderTranscript() {
    var box = document.getElementById('transcript');
    if (!box || !state.selected) return;
    var notes = (state.notes[state.selected.id] || []).map(function (text) {
      return el('div', { class: 'note', role: 'status', text: text });
    });
    box.replaceChildren.apply(box, transcript.map(bubble).concat(notes));
    box.scrollTop = box.scrollHeight;
  }

  function act(promise) {
    return promise
      .then(function (ticket) {
        if (ticket && ticket.id) state.selected = Object.assign({}, state.selected, ticket);
        renderDetail();
        refreshSoon();
      })
      .catch(function (error) {
        if (state.selected)
          addNote(
            state.selected.id,
            error.status === 409 ? t('error.conflict') : t('error.generic'),
          );
        renderTranscript();
      });
  }

  function transferSelect() {
    var select = el(
      'select',
      { id: 'transfer-to', 'aria-label': t('actions.transferTo') },
      el('option', { value: '', text: t('actions.transferTo') }),
    );
    var colleagues = el('optgroup', { label: t('actions.counsellors') });
    state.counsellors
      .filter(function (counsellor) {
        return counsellor.username !== state.me.username;
      })
      .forEach(function (counsellor) {
        colleagues.appendChild(
          el('option', {
            value: counsellor.username,
            text:
              (counsellor.online ? '● ' : '○ ') +
              counsellor.name +
              ' (' +
              counsellor.languages.join(', ') +
              ')',
          }),
        );
      });
    var partners = el('optgroup', { label: t('actions.partners') });
    state.partners.forEach(function (partner) {
      partners.appendChild(el('option', { value: partner.id, text: partner.name }));
    });
    select.appendChild(colleagues);
    if (state.partners.length > 0) select.appendChild(partners);
    return select;
  }

  function renderDetail() {
    var detail = document.getElementById('detail');
    if (!detail) return;
    var ticket = state.selected;
    if (!ticket) {
      detail.replaceChildren(el('p', { class: 'empty', text: t('empty.selection') }));
      return;
    }
    var mine = ticket.status === 'active' && ticket.counsellor === state.me.username;
    var actions = el('div', { class: 'actions' });
    if (ticket.status === 'waiting') {
      actions.appendChild(
        el('button', {
          type: 'button',
          class: 'primary',
          id: 'accept',
          text: t('actions.accept'),
          onclick: function () {
            act(api('POST', '/tickets/' + encodeURIComponent(ticket.id) + '/accept')).then(
              function () {
                if (state.selected && state.selected.status === 'active') state.tab = 'active';
                renderTabs();
              },
            );
          },
        }),
      );
    }
    if (mine) {
      var target = transferSelect();
      actions.appendChild(target);
      actions.appendChild(
        el('button', {
          type: 'button',
          id: 'transfer',
          text: t('actions.transfer'),
          onclick: function () {
            if (!target.value) return target.focus();
            var label = target.options[target.selectedIndex].textContent;
            act(
              api('POST', '/tickets/' + encodeURIComponent(ticket.id) + '/transfer', {
                to: target.value,
              }).then(function (moved) {
                addNote(ticket.id, t('status.transferred', { name: label }));
                return moved;
              }),
            );
          },
        }),
      );
      actions.appendChild(
        el('button', {
          type: 'button',
          id: 'close',
          text: t('actions.close'),
          onclick: function () {
            if (!window.confirm(t('actions.confirmClose'))) return;
            act(api('POST', '/tickets/' + encodeURIComponent(ticket.id) + '/close'));
          },
        }),
      );
    }
    if (mine || (ticket.status !== 'waiting' && state.me.role === 'lead')) {
      // At the person's request (by phone, in person): everything of them and this chat is deleted.
      actions.appendChild(
        el('button', {
          type: 'button',
          id: 'forget',
          text: t('actions.forget'),
          onclick: function () {
            if (!window.confirm(t('actions.confirmForget'))) return;
            api('POST', '/tickets/' + encodeURIComponent(ticket.id) + '/forget').then(
              function () {
                state.selected = null;
                renderDetail();
                refreshSoon();
              },
              function () {
                addNote(ticket.id, t('error.generic'));
                renderTranscript();
              },
            );
          },
        }),
      );
    }
    var head = el(
      'div',
      { class: 'detail-head' },
      ticketMeta(ticket),
      el('p', {
        class: 'summary',
        dir: 'auto',
        lang: ticket.language,
        style: 'margin:0',
        text: ticket.summary || t('ticket.noSummary'),
      }),
      ticket.topics && ticket.topics.length > 0
        ? el('span', { class: 'meta', text: t('ticket.topics') + ': ' + ticket.topics.join(', ') })
        : null,
      actions,
    );
    var box = el('div', {
      class: 'transcript',
      id: 'transcript',
      role: 'log',
      'aria-label': t('transcript.heading'),
    });
    detail.replaceChildren(head, box, mine ? composer(ticket) : el('div'));
    renderTranscript();
  }

  function composer(ticket) {
    var input = el('textarea', {
      id: 'reply',
      dir: 'auto',
      lang: ticket.language,
      maxlength: '2000',
      placeholder: t('reply.placeholder'),
      'aria-label': t('reply.label'),
    });
    function send() {
      var text = input.value.trim();
      if (!text) return;
      input.disabled = true;
      api('POST', '/tickets/' + encodeURIComponent(ticket.id) + '/messages', { text: text })
        .then(function () {
          input.value = '';
        })
        .catch(function (error) {
          addNote(ticket.id, error.status === 409 ? t('error.conflict') : t('error.generic'));
          renderTranscript();
        })
        .then(function () {
          input.disabled = false;
          input.focus();
        });
    }
    input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        send();
      }
    });
    var quick = strings.quick[ticket.language] || {};
    var quickButtons = Object.keys(quick).map(function (key) {
      var text = quick[key].replace(/{{\s*name\s*}}/g, state.me.name);
      return el('button', {
        type: 'button',
        dir: 'auto',
        lang: ticket.language,
        text: text,
        onclick: function () {
          input.value = input.value ? input.value + ' ' + text : text;
          input.focus();
        },
      });
    });
    var quickBox = el('div', { class: 'quick', role: 'group', 'aria-label': t('reply.quick') });
    quickButtons.forEach(function (button) {
      quickBox.appendChild(button);
    });
    return el(
      'form',
      {
        class: 'composer',
        onsubmit: function (event) {
          event.preventDefault();
          send();
        },
      },
      quickBox,
      input,
      el(
        'div',
        {},
        el('button', { type: 'submit', class: 'primary', id: 'send', text: t('actions.send') }),
      ),
    );
  }

  /* ---------- statistics (leads) ---------- */

  var charts = [];
  var period = (function () {
    var to = new Date();
    var from = new Date(to.getTime() - 29 * 24 * 60 * 60 * 1000);
    return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
  })();

  function statsForm() {
    var from = el('input', { type: 'date', id: 'stats-from', value: period.from });
    var to = el('input', { type: 'date', id: 'stats-to', value: period.to });
    return el(
      'form',
      {
        style: 'padding:0.8rem;display:grid;gap:0.5rem',
        onsubmit: function (event) {
          event.preventDefault();
          period = { from: from.value, to: to.value };
          showStats();
        },
      },
      el('label', { for: 'stats-from' }, t('stats.from') + ' ', from),
      el('label', { for: 'stats-to' }, t('stats.to') + ' ', to),
      el('button', { type: 'submit', class: 'primary', id: 'stats-show', text: t('stats.show') }),
      el('button', {
        type: 'button',
        id: 'stats-csv',
        text: t('stats.csv'),
        onclick: downloadCsv,
      }),
    );
  }

  function query() {
    return '?from=' + encodeURIComponent(period.from) + '&to=' + encodeURIComponent(period.to);
  }

  function downloadCsv() {
    fetch('/api/counsellor/stats.csv' + query(), {
      headers: { authorization: 'Bearer ' + state.token },
    })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.blob();
      })
      .then(function (blob) {
        var link = el('a', {
          href: URL.createObjectURL(blob),
          download: 'kausa-statistik-' + period.from + '-' + period.to + '.csv',
        });
        document.body.appendChild(link);
        link.click();
        link.remove();
      })
      .catch(function () {
        window.alert(t('error.generic'));
      });
  }

  function sumBy(rows, metric, key) {
    var sums = {};
    rows.forEach(function (row) {
      if (row.metric !== metric) return;
      var name = key(row);
      sums[name] = (sums[name] || 0) + row.count;
    });
    return sums;
  }

  function chartCard(title, canvasId) {
    return el(
      'figure',
      {
        style:
          'margin:0;padding:0.5rem;border:1px solid var(--line);border-radius:6px;background:#fff',
      },
      el('figcaption', { style: 'font-weight:600', text: title }),
      el('canvas', { id: canvasId, height: '180', role: 'img', 'aria-label': title }),
    );
  }

  function drawChart(id, type, labels, datasets) {
    if (!window.Chart) return;
    var canvas = document.getElementById(id);
    if (!canvas) return;
    charts.push(
      new window.Chart(canvas, {
        type: type,
        data: { labels: labels, datasets: datasets },
        options: {
          animation: false,
          responsive: true,
          indexAxis: type === 'bar' && id === 'chart-topics' ? 'y' : 'x',
          plugins: { legend: { display: datasets.length > 1 } },
          scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        },
      }),
    );
  }

  function showStats() {
    var detail = document.getElementById('detail');
    if (!detail) return;
    charts.forEach(function (chart) {
      chart.destroy();
    });
    charts = [];
    api('GET', '/stats' + query())
      .then(function (report) {
        var rows = report.rows;
        var totals = {};
        rows.forEach(function (row) {
          totals[row.metric] = (totals[row.metric] || 0) + row.count;
        });
        var metrics = [
          'conversations',
          'answers',
          'unanswered',
          'handoverRequested',
          'handoverAccepted',
          'callbacks',
          'referrals',
          'appointments',
          'helpfulYes',
          'helpfulNo',
        ];
        var table = el(
          'table',
          { id: 'stats-totals', style: 'border-collapse:collapse;min-width:20rem' },
          el('tbody', {}),
        );
        metrics.forEach(function (metric) {
          table.firstChild.appendChild(
            el(
              'tr',
              { 'data-metric': metric },
              el('th', {
                scope: 'row',
                style: 'text-align:start;padding:0.2rem 1rem 0.2rem 0',
                text: t('stats.metric.' + metric),
              }),
              el('td', { style: 'text-align:end', text: String(totals[metric] || 0) }),
            ),
          );
        });
        var wait =
          totals.handoverAccepted > 0
            ? el('p', {
                text: t('stats.averageWait', {
                  minutes:
                    Math.round(totals.handoverAcceptSeconds / totals.handoverAccepted / 6) / 10,
                }),
              })
            : null;
        var grid = el('div', {
          style: 'display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:1rem',
        });
        grid.appendChild(chartCard(t('stats.perDay'), 'chart-days'));
        grid.appendChild(chartCard(t('stats.byLanguage'), 'chart-languages'));
        grid.appendChild(chartCard(t('stats.topTopics'), 'chart-topics'));
        grid.appendChild(chartCard(t('stats.handovers'), 'chart-handovers'));
        detail.replaceChildren(
          el(
            'div',
            { style: 'padding:1rem;overflow:auto;display:grid;gap:1rem' },
            el('h2', {
              style: 'margin:0',
              text: t('stats.heading', { from: report.from, to: report.to }),
            }),
            rows.length === 0 ? el('p', { class: 'empty', text: t('stats.empty') }) : null,
            table,
            wait,
            grid,
          ),
        );
        var days = sumBy(rows, 'conversations', function (row) {
          return row.day;
        });
        drawChart('chart-days', 'line', Object.keys(days).sort(), [
          {
            label: t('stats.metric.conversations'),
            data: Object.keys(days)
              .sort()
              .map(function (day) {
                return days[day];
              }),
            borderColor: '#1d4f91',
          },
        ]);
        var languages = sumBy(rows, 'answers', function (row) {
          return languageName(row.language);
        });
        drawChart('chart-languages', 'bar', Object.keys(languages), [
          { label: t('stats.count'), data: Object.values(languages), backgroundColor: '#1d4f91' },
        ]);
        var topics = sumBy(rows, 'answers', function (row) {
          return row.topic;
        });
        var top = Object.keys(topics)
          .sort(function (a, b) {
            return topics[b] - topics[a];
          })
          .slice(0, 10);
        drawChart('chart-topics', 'bar', top, [
          {
            label: t('stats.count'),
            data: top.map(function (topic) {
              return topics[topic];
            }),
            backgroundColor: '#2f7d4f',
          },
        ]);
        var requested = sumBy(rows, 'handoverRequested', function (row) {
          return languageName(row.language);
        });
        var accepted = sumBy(rows, 'handoverAccepted', function (row) {
          return languageName(row.language);
        });
        var names = Object.keys(Object.assign({}, requested, accepted));
        drawChart('chart-handovers', 'bar', names, [
          {
            label: t('stats.metric.handoverRequested'),
            data: names.map(function (n) {
              return requested[n] || 0;
            }),
            backgroundColor: '#8a4b00',
          },
          {
            label: t('stats.metric.handoverAccepted'),
            data: names.map(function (n) {
              return accepted[n] || 0;
            }),
            backgroundColor: '#1d4f91',
          },
        ]);
      })
      .catch(function () {
        detail.replaceChildren(
          el('p', { class: 'error', role: 'alert', text: t('error.generic') }),
        );
      });
  }

  /* ---------- clock: waiting times move on ---------- */

  setInterval(function () {
    if (state.me) renderLists();
  }, CLOCK_MS);

  /* ---------- start ---------- */

  var requested = new URLSearchParams(location.search).get('lang');
  ui = requested === 'en' || (!requested && /^en\b/.test(navigator.language || '')) ? 'en' : 'de';
  document.documentElement.lang = ui;
  fetch('/counsellor/strings.json')
    .then(function (response) {
      return response.json();
    })
    .then(function (loaded) {
      strings = loaded;
      document.title = t('title');
      if (state.token) start();
      else renderLogin();
    });
})();
