// The merchant's console. Everything a buyer wrote is shown with textContent, never parsed as HTML.
(function () {
  'use strict';
  const sessionId = decodeURIComponent(location.pathname.split('/').pop());
  const fromFragment = new URLSearchParams(location.hash.slice(1)).get('key');
  if (fromFragment) {
    sessionStorage.setItem('hostKey:' + sessionId, fromFragment);
    history.replaceState(null, '', location.pathname); // keep the key out of the address bar and history
  }
  let hostKey = sessionStorage.getItem('hostKey:' + sessionId);
  const $ = (id) => document.getElementById(id);

  function api(path, options) {
    options = options || {};
    options.headers = Object.assign({ 'X-Host-Key': hostKey }, options.headers || {});
    return fetch('/api/sessions/' + encodeURIComponent(sessionId) + path, options);
  }

  function setStatus(text) { $('status').textContent = text; }

  async function start() {
    const session = await fetch('/api/sessions/' + encodeURIComponent(sessionId));
    if (!session.ok) { setStatus('找不到这场直播 (session not found)'); return; }
    const info = await session.json();
    $('session-title').textContent = info.title;
    if (!hostKey) { $('key-form').hidden = false; return; }
    const probe = await api('/questions');
    if (probe.status === 401) { $('key-form').hidden = false; setStatus('主播密钥不对 (wrong host key)'); return; }
    $('key-form').hidden = true;
    $('leads-link').addEventListener('click', downloadLeads);
    const status = await (await fetch('/api/sessions/' + encodeURIComponent(sessionId) + '/captions/status')).json();
    info.engines = status.translators;
    window.LiveCaptions(sessionId, info, api, status.delayAlarmMs);
    $('console').hidden = false; // only once its buttons work
    render(await probe.json());
    setInterval(refresh, 3000);
  }

  async function refresh() {
    const response = await api('/questions');
    if (response.ok) { render(await response.json()); setStatus(''); } else { setStatus('连接中断，重试中… (reconnecting)'); }
  }

  function render(items) {
    const list = $('questions');
    const open = items.filter((q) => q.status === 'open').length;
    $('open-count').textContent = '(' + open + ')';
    const focused = document.activeElement && document.activeElement.closest('.question');
    for (const q of items) {
      let li = list.querySelector('[data-id="' + CSS.escape(q.id) + '"]');
      if (!li) {
        li = $('question-template').content.firstElementChild.cloneNode(true);
        li.dataset.id = q.id;
        li.querySelector('.reply').addEventListener('submit', (e) => { e.preventDefault(); reply(q.id, li); });
        list.prepend(li);
      }
      if (li === focused) continue;
      li.classList.toggle('answered', q.status === 'answered');
      li.querySelector('.gist').textContent = q.gistZh;
      li.querySelector('.original').textContent = (q.questionZh ? q.questionZh + '\n' : '') + '原文：' + q.question;
      li.querySelector('.meta').textContent = new Date(q.createdAt).toLocaleTimeString() + ' · ' + q.buyerLanguage + ' · ' + q.channel + ' · ' + q.reason;
      li.querySelector('.sent').textContent = q.replySent ? '已发送：' + q.replySent : '';
    }
  }

  async function reply(id, li) {
    const box = li.querySelector('textarea');
    const text = box.value.trim();
    if (!text) return;
    const response = await api('/questions/' + encodeURIComponent(id) + '/reply', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: text })
    });
    if (response.ok) {
      const result = await response.json();
      box.value = '';
      const how = !result.translated ? '（未翻译：没有可用的翻译）'
        : result.flags.indexOf('word-by-word') >= 0 ? '（机器逐词草译 · ' + result.engine + '）'
        : '（' + result.engine + '）';
      li.querySelector('.sent').textContent = '已发送：' + result.sent + how;
      refresh();
    } else {
      li.querySelector('.sent').textContent = '发送失败 (' + response.status + ')';
    }
  }

  async function downloadLeads(e) {
    e.preventDefault();
    const response = await api('/leads.csv');
    if (!response.ok) return;
    const url = URL.createObjectURL(await response.blob());
    const a = document.createElement('a');
    a.href = url; a.download = 'leads-' + sessionId + '.csv'; a.click();
    URL.revokeObjectURL(url);
  }

  $('save-key').addEventListener('click', () => {
    hostKey = $('host-key').value.trim();
    sessionStorage.setItem('hostKey:' + sessionId, hostKey);
    start();
  });
  $('product-form') && $('product-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const response = await api('/product', {
      method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ productId: $('product-id').value.trim() })
    });
    $('product-status').textContent = response.ok ? '已设为当前商品' : '设置失败 (' + response.status + ')';
  });
  start();
})();
