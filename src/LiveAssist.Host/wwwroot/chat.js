// The buyer's chat: the stock Web Chat bundle talking to the embedded Direct Line.
// Query: lang (buyer's language, else the browser's), session (live session id), transport=polling.
(async function () {
  'use strict';
  const params = new URLSearchParams(window.location.search);
  const lang = params.get('lang') || navigator.language || 'en';
  const session = params.get('session');
  const rtl = /^(ar|he|fa|ur)(-|$)/i.test(lang);
  document.documentElement.lang = lang;
  document.documentElement.dir = rtl ? 'rtl' : 'ltr';

  const status = document.getElementById('chat-status');
  function showStatus(text) {
    status.textContent = text; // textContent: never parsed as HTML
    status.hidden = false;
  }

  let credentials;
  try {
    const response = await fetch('/chat/token?lang=' + encodeURIComponent(lang), { method: 'POST' });
    if (!response.ok) {
      showStatus(response.status === 429 ? 'Too many chats from this address; please wait a minute.' : 'The chat is unavailable right now.');
      return;
    }
    credentials = await response.json();
  } catch (e) {
    showStatus('The chat service cannot be reached.');
    return;
  }

  const directLine = window.WebChat.createDirectLine({
    token: credentials.token,
    domain: window.location.origin + '/v3/directline',
    webSocket: params.get('transport') !== 'polling'
  });

  // Every activity the buyer sends names the live session it is about.
  const store = window.WebChat.createStore({}, function () {
    return function (next) {
      return function (action) {
        if (session && action.type === 'DIRECT_LINE/POST_ACTIVITY') {
          const activity = action.payload.activity;
          action = Object.assign({}, action, {
            payload: Object.assign({}, action.payload, {
              activity: Object.assign({}, activity, {
                channelData: Object.assign({}, activity.channelData, { sessionId: session })
              })
            })
          });
        }
        return next(action);
      };
    };
  });

  window.WebChat.renderWebChat(
    {
      directLine: directLine,
      store: store,
      userID: credentials.userId,
      locale: lang,
      dir: rtl ? 'rtl' : 'ltr',
      styleOptions: { hideUploadButton: true }
    },
    document.getElementById('webchat')
  );
})();
