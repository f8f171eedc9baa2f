// Embed snippet for partner sites: one tag,
//   <script src="https://<bot host>/embed.js" async></script>
// adds a floating "chat" button that opens the widget in a panel.
// Optional attributes: data-lang="ar" (else the page's language), data-position="left".
// The bot's FRAME_ANCESTORS must name the partner site, or browsers refuse the frame.
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script || window.__kausaChatEmbedded) return;
  window.__kausaChatEmbedded = true;
  var origin = new URL(script.src).origin;
  var wanted = (
    script.getAttribute('data-lang') ||
    document.documentElement.lang ||
    navigator.language ||
    ''
  ).toLowerCase();
  var left = script.getAttribute('data-position') === 'left';

  var FALLBACK = {
    code: 'de',
    dir: 'ltr',
    strings: {
      openChat: 'Fragen zur Ausbildung? Chatte mit uns',
      closeChat: 'Chat schließen',
      chatLabel: 'Chat',
    },
  };

  function pick(config) {
    if (!config) return FALLBACK;
    var primary = wanted.split('-')[0];
    var exact = null;
    var partial = null;
    config.languages.forEach(function (language) {
      if (language.code === wanted) exact = language;
      if (language.code === primary) partial = partial || language;
    });
    return exact || partial || config.languages[0] || FALLBACK;
  }

  function build(config) {
    var language = pick(config);
    var strings = language.strings;
    var colours = (config && config.colours) || { primary: '#1d4f91', onPrimary: '#ffffff' };
    var side = left ? 'left' : 'right';

    // A shadow root keeps the partner site's styles and ours apart.
    var host = document.createElement('div');
    host.setAttribute('data-kausa-chat', '');
    var root = host.attachShadow({ mode: 'open' });
    var style = document.createElement('style');
    style.textContent =
      ':host{all:initial}' +
      '.open{position:fixed;bottom:16px;' +
      side +
      ':16px;z-index:2147483000;min-height:48px;' +
      'padding:0 18px;border:0;border-radius:24px;font:600 15px system-ui,sans-serif;cursor:pointer;' +
      'box-shadow:0 2px 8px rgba(0,0,0,.3);background:' +
      colours.primary +
      ';color:' +
      colours.onPrimary +
      '}' +
      '.panel{position:fixed;bottom:76px;' +
      side +
      ':16px;z-index:2147483001;width:min(400px,calc(100vw - 32px));' +
      'height:min(640px,calc(100vh - 100px));display:flex;flex-direction:column;background:#fff;' +
      'border-radius:12px;overflow:hidden;box-shadow:0 4px 24px rgba(0,0,0,.35)}' +
      '.panel[hidden]{display:none}' +
      '.head{display:flex;justify-content:flex-end;background:' +
      colours.primary +
      '}' +
      '.close{min-height:44px;min-width:44px;border:0;background:transparent;color:' +
      colours.onPrimary +
      ';' +
      'font:600 15px system-ui,sans-serif;cursor:pointer}' +
      'button:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}' +
      'iframe{flex:1;border:0;width:100%}' +
      '@media (max-width:480px){.panel{inset:0;width:100vw;height:100%;border-radius:0}}';
    root.appendChild(style);

    var panel = document.createElement('div');
    panel.className = 'panel';
    panel.id = 'kausa-chat-panel';
    panel.hidden = true;
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', strings.chatLabel);
    panel.dir = language.dir;
    var head = document.createElement('div');
    head.className = 'head';
    var close = document.createElement('button');
    close.type = 'button';
    close.className = 'close';
    close.textContent = '✕';
    close.setAttribute('aria-label', strings.closeChat);
    close.title = strings.closeChat;
    head.appendChild(close);
    panel.appendChild(head);

    var open = document.createElement('button');
    open.type = 'button';
    open.className = 'open';
    open.textContent = strings.openChat;
    open.dir = language.dir;
    open.setAttribute('aria-expanded', 'false');
    open.setAttribute('aria-controls', panel.id);

    var frame = null;
    function show() {
      if (!frame) {
        frame = document.createElement('iframe');
        frame.title = strings.chatLabel;
        frame.src = origin + '/?embed=1&lang=' + encodeURIComponent(language.code);
        panel.appendChild(frame);
      }
      panel.hidden = false;
      open.setAttribute('aria-expanded', 'true');
      close.focus();
    }
    function hide() {
      panel.hidden = true;
      open.setAttribute('aria-expanded', 'false');
      open.focus();
    }
    open.addEventListener('click', function () {
      if (panel.hidden) show();
      else hide();
    });
    close.addEventListener('click', hide);
    panel.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') hide();
    });

    root.appendChild(panel);
    root.appendChild(open);
    document.body.appendChild(host);
  }

  fetch(origin + '/widget/config.json')
    .then(function (response) {
      return response.ok ? response.json() : null;
    })
    .catch(function () {
      return null;
    })
    .then(build);
})();
