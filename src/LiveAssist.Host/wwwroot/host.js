// The merchant's console. Everything a buyer wrote is shown with textContent, never parsed as HTML.
(function () {
  'use strict';
  const T = window.ConsoleText;
  const sessionId = decodeURIComponent(location.pathname.split('/').pop());
  const fromFragment = new URLSearchParams(location.hash.slice(1)).get('key');
  if (fromFragment) {
    sessionStorage.setItem('hostKey:' + sessionId, fromFragment);
    history.replaceState(null, '', location.pathname); // keep the key out of the address bar and history
  }
  let hostKey = sessionStorage.getItem('hostKey:' + sessionId);
  const $ = (id) => document.getElementById(id);
  const base = '/api/sessions/' + encodeURIComponent(sessionId);
  const baseTitle = '主播台';
  let info = null;
  let translators = [];
  let captions = null;
  let started = false;
  const seenQuestions = new Set();
  let firstRender = true;

  function api(path, options) {
    options = options || {};
    options.headers = Object.assign({ 'X-Host-Key': hostKey || '' }, options.headers || {});
    return fetch(base + path, options);
  }

  function setStatus(text) { $('status').textContent = text; }

  // The console only appears when its buttons work: an unknown live or a wrong key gets a page that says what to do.
  function gate(title, text, askKey) {
    $('console').hidden = true;
    $('gate').hidden = false;
    $('gate-title').textContent = title;
    $('gate-text').textContent = text;
    $('key-form').hidden = !askKey;
    $('connection').hidden = true;
    document.title = baseTitle;
    if (askKey) $('host-key').focus();
  }

  // The key stopped working mid-live: back to the gate, which says so.
  function unauthorized() {
    sessionStorage.removeItem('hostKey:' + sessionId);
    sessionStorage.setItem('keyRejected:' + sessionId, '1');
    location.reload();
  }

  function wrongKey() {
    gate('主播密钥不对或已失效', '这个密钥打不开这场直播的主播台。请从工作室的直播页重新打开主播台，或在下面输入正确的密钥。', true);
  }

  async function start() {
    let session;
    try {
      session = await fetch(base);
    } catch (e) {
      gate('连不上服务器', '请检查网络，然后刷新页面。', false);
      return;
    }
    if (session.status === 404) {
      gate('找不到这场直播', '链接里的直播编号不对，或者这场直播已被删除。请回到工作室，从直播列表重新打开主播台。', false);
      return;
    }
    if (!session.ok) { gate('服务器暂时出错', '请稍后刷新页面再试。', false); return; }
    info = await session.json();
    $('session-title').textContent = info.title;
    document.title = info.title + ' · ' + baseTitle;
    if (!hostKey && sessionStorage.getItem('keyRejected:' + sessionId)) { wrongKey(); return; }
    if (!hostKey) {
      gate('请输入主播密钥', '主播台需要这场直播的主播密钥。请从工作室的直播页点“打开主播台”，或把密钥粘贴到下面。', true);
      return;
    }
    const probe = await api('/questions');
    if (probe.status === 401) {
      sessionStorage.removeItem('hostKey:' + sessionId);
      wrongKey();
      return;
    }
    if (!probe.ok) { gate('服务器暂时出错', '请稍后刷新页面再试。', false); return; }
    sessionStorage.removeItem('keyRejected:' + sessionId);
    $('gate').hidden = true;
    $('connection').hidden = false;
    started = true;
    const status = await (await fetch(base + '/captions/status')).json();
    translators = status.translators || [];
    info.engines = translators;
    captions = window.LiveCaptions(sessionId, info, api, status.delayAlarmMs, {
      unauthorized,
      product: onProductCard,
      connection: (up) => {
        $('connection').dataset.state = up ? 'up' : 'down';
        $('connection').textContent = up ? '● 已连接' : '● 连接中断，正在重连…';
      },
      warn: setStatus,
    });
    if (info.state === 'ended') { $('ended').hidden = false; captions.disable(); }
    $('console').hidden = false;
    $('leads-link').addEventListener('click', downloadLeads);
    $('review-link').addEventListener('click', downloadReview);
    renderQuestions(await probe.json());
    renderProducts();
    refreshLeads();
    refreshReplyReview();
    setInterval(refreshQuestions, 3000);
    setInterval(refreshLeads, 10000);
    setInterval(refreshReplyReview, 10000);
  }

  // Replies to buyers the compliance review changed or flagged: the bot's (catalog texts) and the merchant's own.
  async function refreshReplyReview() {
    let review;
    try {
      const response = await api('/review');
      if (!response.ok) return;
      review = await response.json();
    } catch { return; }
    const replies = review.replies || [];
    const box = $('reply-review');
    box.hidden = replies.length === 0;
    if (box.hidden) return;
    const bot = replies.filter((r) => r.source === 'bot').length;
    const counts = [bot ? '机器人 ' + bot + ' 条' : '', replies.length - bot ? '您的回复 ' + (replies.length - bot) + ' 条' : ''].filter(Boolean).join('、');
    const last = replies[replies.length - 1];
    const finding = (last.findings || [])[0] || {};
    box.dataset.count = replies.length;
    box.querySelector('strong').textContent = '回复买家的合规检查：' + counts + '有问题';
    box.querySelector('span').textContent = '最近一条（' + (last.source === 'bot' ? '机器人' : '您') + '，'
      + (finding.severity === 'block' ? '已删去“' + ((finding.span && finding.span.text) || '') + '”' : '提醒') + '）：'
      + (finding.message || '') + (finding.suggestion ? ' 建议：' + finding.suggestion : '');
  }

  // ---- buyer questions -------------------------------------------------------------------------------------------

  async function refreshQuestions() {
    try {
      const response = await api('/questions');
      if (response.status === 401) { unauthorized(); return; }
      if (response.ok) renderQuestions(await response.json());
    } catch (e) { /* the connection pill says it */ }
  }

  // Why a question has no Chinese: said plainly, with what would fix it.
  function noChinese(q) {
    const language = T.language(q.buyerLanguage.split('-')[0]);
    const external = translators.filter((t) => t !== 'offline');
    return external.length
      ? '⚠ 翻译引擎（' + external.map(T.engine).join('、') + '）没能把这句' + language + '译成中文（可能暂时连不上）。请看下面的系统理解和原文。'
      : '⚠ 没法把这句' + language + '译成中文：没有配置在线翻译引擎（Azure 翻译或大模型），内置短语库里也没有这句。请看下面的系统理解和原文；在工作室的“翻译引擎”里配置后，新问题会自动译成中文。';
  }

  function renderQuestions(items) {
    const list = $('questions');
    const open = items.filter((q) => q.status === 'open');
    $('open-count').textContent = open.length ? '（' + open.length + ' 个待回复）' : '';
    $('questions-empty').hidden = items.length > 0;
    const focused = document.activeElement && document.activeElement.closest('.question');
    let fresh = 0;
    for (const q of items) {
      let li = list.querySelector('[data-id="' + CSS.escape(q.id) + '"]');
      if (!li) {
        li = $('question-template').content.firstElementChild.cloneNode(true);
        li.dataset.id = q.id;
        wireReply(q, li);
        list.prepend(li);
      }
      if (!seenQuestions.has(q.id)) {
        seenQuestions.add(q.id);
        if (!firstRender && q.status === 'open') { fresh++; li.classList.add('new'); }
      }
      if (li === focused) continue;
      li.classList.toggle('answered', q.status === 'answered');
      li.dataset.status = q.status;
      const language = T.language(q.buyerLanguage.split('-')[0]);
      li.querySelector('.who').textContent = '买家（' + language + '） · ' + new Date(q.createdAt).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' })
        + ' · ' + T.channel(q.channel) + (T.reason(q.reason) ? ' · ' + T.reason(q.reason) : '');
      li.querySelector('.zh').textContent = q.questionZh || '';
      li.querySelector('.zh').hidden = !q.questionZh;
      li.querySelector('.no-zh').hidden = !!q.questionZh;
      li.querySelector('.no-zh').textContent = q.questionZh ? '' : noChinese(q);
      // The gist helps when there is no translation, or when it adds what the bot understood (product, quantity, country).
      const gist = (q.gistZh || '').replace(/[：:]\s*$/, '').replace(/：，/g, '：');
      const adds = /[：:]\s*\S/.test(q.gistZh || '');
      li.querySelector('.gist').textContent = '系统理解：' + gist;
      li.querySelector('.gist').hidden = !!q.questionZh && !adds;
      li.querySelector('.original .text').textContent = q.question;
      li.querySelector('.product').textContent = productLine(q);
      li.querySelector('.product').hidden = !q.productId;
      if (q.replySent) showSent(li, { sent: q.replySent, backZh: q.replyBackZh, translated: (q.replyFlags || []).indexOf('untranslated') < 0, draft: (q.replyFlags || []).indexOf('word-by-word') >= 0 });
    }
    firstRender = false;
    if (fresh) announce(fresh);
    const unanswered = open.length;
    document.title = (unanswered ? '(' + unanswered + ') ' : '') + (info ? info.title + ' · ' : '') + baseTitle;
    $('questions-jump').hidden = !unanswered;
    if (!unanswered && /新的买家问题/.test($('status').textContent)) setStatus('');
    $('questions-badge').textContent = String(unanswered);
  }

  function productLine(q) {
    if (!q.productId) return '';
    const title = productTitles[q.productId] ? productTitles[q.productId] + '（' + q.productId + '）' : q.productId;
    return q.productAssumed ? '买家没说是哪款，当时在讲：' + title : '问的商品：' + title;
  }

  // A short chime (no file to load) and the count in the tab title: the merchant is looking at the camera, not the page.
  let audio = null;
  // Browsers only let a page play sound after the user touched it: make the chime ready at the first tap or key.
  function unlockSound() {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      if (audio.state === 'suspended') audio.resume();
    } catch (e) { /* no sound device */ }
  }
  ['pointerdown', 'keydown'].forEach((type) => document.addEventListener(type, unlockSound, { once: true, capture: true }));

  function announce(count) {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      const now = audio.currentTime;
      [880, 1320].forEach((hz, i) => {
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        osc.frequency.value = hz;
        gain.gain.setValueAtTime(0.0001, now + i * 0.18);
        gain.gain.exponentialRampToValueAtTime(0.3, now + i * 0.18 + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.18 + 0.25);
        osc.connect(gain).connect(audio.destination);
        osc.start(now + i * 0.18);
        osc.stop(now + i * 0.18 + 0.3);
      });
      document.body.dataset.chimes = String(Number(document.body.dataset.chimes || 0) + 1);
    } catch (e) { /* no sound device: the badge still shows */ }
    setStatus('有 ' + count + ' 个新的买家问题');
  }

  function wireReply(q, li) {
    const box = li.querySelector('textarea');
    let timer = null;
    box.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => preview(q.id, li), 700); });
    li.querySelector('.preview-button').addEventListener('click', () => preview(q.id, li));
    li.querySelector('.reply').addEventListener('submit', (e) => { e.preventDefault(); reply(q.id, li); });
  }

  function showTranslation(panel, result) {
    panel.querySelector('.to-buyer').textContent = result.sent;
    // The compliance review of the reply: what is not sent as written, and why, in Chinese.
    let note = panel.querySelector('.review-note');
    if (!note) {
      note = document.createElement('p');
      note.className = 'review-note';
      const row = panel.querySelector('.to-buyer').closest('p'); // the "买家将收到" row, inside the panel's markup
      row.parentNode.insertBefore(note, row);
    }
    note.hidden = !(result.review && result.review.findings.length);
    note.textContent = note.hidden ? '' : result.review.findings.map((f) =>
      (f.severity === 'block' ? '🚫 不会发送：' : '⚠ 提醒：') + T.rule(f.rule) + '“' + f.span.text + '”。' + (f.suggestion ? '建议：' + f.suggestion : '')).join(' ');
    const back = panel.querySelector('.back');
    back.classList.toggle('warn', !result.backZh);
    back.textContent = result.backZh
      ? result.backZh
      : !result.translated ? '没能翻译，买家会收到您的中文原文'
      : result.draft ? '无法回译：这是离线词典的逐词草译，可能不准，买家会同时看到您的中文原文。配置翻译引擎或用常用短语可得到准确译文。'
      : '无法回译（没有能译回中文的翻译引擎）';
  }

  function showSent(li, result) {
    const panel = li.querySelector('.sent');
    panel.hidden = false;
    showTranslation(panel, result);
    li.querySelector('.preview').hidden = true;
  }

  async function preview(id, li) {
    const text = li.querySelector('textarea').value.trim();
    const panel = li.querySelector('.preview');
    if (!text) { panel.hidden = true; return; }
    try {
      const response = await api('/questions/' + encodeURIComponent(id) + '/reply/preview', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: text })
      });
      if (!response.ok) { showError(li, '看不了译文：' + T.failure(response.status)); return; }
      const result = await response.json();
      if (li.querySelector('textarea').value.trim() !== text) return; // typed on meanwhile: the next preview follows
      showTranslation(panel, result);
      panel.hidden = false;
      showError(li, '');
    } catch (e) { showError(li, '看不了译文：' + T.failure(0)); }
  }

  function showError(li, text) {
    const error = li.querySelector('.error');
    error.textContent = text;
    error.hidden = !text;
  }

  async function reply(id, li) {
    const box = li.querySelector('textarea');
    const text = box.value.trim();
    if (!text) return;
    const button = li.querySelector('.send-button');
    button.disabled = true;
    try {
      const response = await api('/questions/' + encodeURIComponent(id) + '/reply', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: text })
      });
      if (response.status === 422) { showError(li, '没有发送：回复里的说法都被合规检查拦截了，请按建议改写。'); return; }
      if (!response.ok) { showError(li, '发送失败：' + T.failure(response.status)); return; }
      box.value = '';
      showSent(li, await response.json());
      showError(li, '');
      li.classList.add('answered');
      li.classList.remove('new');
      box.blur();
      refreshQuestions();
    } catch (e) {
      showError(li, '发送失败：' + T.failure(0));
    } finally {
      button.disabled = false;
    }
  }

  // ---- products --------------------------------------------------------------------------------------------------

  const productTitles = {};
  let currentProduct = null;

  function titleOf(product) {
    const t = product.title;
    if (!t) return product.id;
    return typeof t === 'string' ? t : (t.zh || t.en || Object.values(t)[0] || product.id);
  }

  function tile(id, title, actionText, action) {
    const li = document.createElement('li');
    li.dataset.product = id;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'tile';
    button.title = actionText + '：' + title;
    const img = document.createElement('img');
    img.src = '/catalog/v1/images/' + encodeURIComponent(id) + '.png';
    img.alt = '';
    img.loading = 'lazy';
    img.addEventListener('error', () => img.replaceWith(Object.assign(document.createElement('span'), { className: 'no-picture', textContent: '无图' })));
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = title;
    const code = document.createElement('span');
    code.className = 'code';
    code.textContent = id;
    button.append(img, name, code);
    button.addEventListener('click', action);
    li.appendChild(button);
    li.classList.toggle('current', id === currentProduct);
    return li;
  }

  async function loadProduct(id) {
    if (productTitles[id]) return productTitles[id];
    try {
      const response = await fetch('/catalog/v1/products/' + encodeURIComponent(id) + '?lang=zh');
      if (response.ok) productTitles[id] = titleOf(await response.json());
    } catch (e) { /* shown by its code */ }
    return productTitles[id] || id;
  }

  async function renderProducts() {
    currentProduct = currentProduct || info.currentProductId;
    const list = $('product-list');
    list.textContent = '';
    const ids = info.productList || [];
    if (!ids.length) {
      const li = document.createElement('li');
      li.className = 'meta';
      li.textContent = '本场还没有商品：用下面的搜索把商品加进来。';
      list.appendChild(li);
    }
    for (const id of ids) list.appendChild(tile(id, await loadProduct(id), '设为当前商品', () => setCurrent(id)));
    if (currentProduct) showCurrent(currentProduct, await loadProduct(currentProduct));
  }

  function showCurrent(id, title) {
    currentProduct = id;
    const box = $('current-product');
    box.textContent = '';
    box.dataset.product = id;
    const img = document.createElement('img');
    img.src = '/catalog/v1/images/' + encodeURIComponent(id) + '.png';
    img.alt = '';
    const text = document.createElement('span');
    text.className = 'name';
    text.textContent = title + '（' + id + '）';
    box.append(img, text);
    for (const li of document.querySelectorAll('.tiles li[data-product]')) li.classList.toggle('current', li.dataset.product === id);
  }

  // The product card the overlays show arrives on the stream (also when the host names a product while speaking).
  function onProductCard(card) {
    if (card.lang !== (info.sourceLanguage || 'zh').split('-')[0]) return;
    if (card.title) productTitles[card.productId] = card.title;
    showCurrent(card.productId, card.title || card.productId);
  }

  async function setCurrent(id) {
    $('product-status').textContent = '正在切换…';
    try {
      const response = await api('/product', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ productId: id }) });
      if (response.status === 404 || response.status === 400) { $('product-status').textContent = '商品库里没有这个商品（' + id + '）'; return; }
      if (response.status >= 500) { $('product-status').textContent = '商品库暂时连不上，没能切换，请稍后再试'; return; }
      if (!response.ok) { $('product-status').textContent = '没能切换：' + T.failure(response.status); return; }
      showCurrent(id, await loadProduct(id));
      $('product-status').textContent = '已切换，观众屏幕上的商品卡片也换了';
    } catch (e) { $('product-status').textContent = '没能切换：' + T.failure(0); }
  }

  // A product found by search joins the live's list (buyers' "#3" is the third) and goes on screen.
  async function addAndShow(id) {
    const ids = (info.productList || []).slice();
    if (ids.indexOf(id) < 0) {
      ids.push(id);
      const response = await api('/products', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ productIds: ids }) });
      if (response.ok) info.productList = ids;
    }
    await setCurrent(id);
    renderProducts();
  }

  $('product-search').addEventListener('submit', async (e) => {
    e.preventDefault();
    const q = $('product-query').value.trim();
    const results = $('product-results');
    results.textContent = '';
    if (!q) return;
    $('product-status').textContent = '正在找…';
    try {
      const response = await fetch('/catalog/v1/products?pageSize=12&lang=zh&q=' + encodeURIComponent(q) + (info.shopId ? '&shopId=' + encodeURIComponent(info.shopId) : ''));
      if (!response.ok) { $('product-status').textContent = response.status >= 500 ? '商品库暂时连不上，请稍后再试' : '搜索失败：' + T.failure(response.status); return; }
      const page = await response.json();
      $('product-status').textContent = page.items.length ? '找到 ' + page.total + ' 个，点图片设为当前商品' : '没有找到“' + q + '”，换个词试试';
      for (const product of page.items) {
        productTitles[product.id] = titleOf(product);
        results.appendChild(tile(product.id, titleOf(product), '加入本场并设为当前商品', () => addAndShow(product.id)));
      }
    } catch (err) { $('product-status').textContent = '商品库暂时连不上，请稍后再试'; }
  });

  // ---- leads -----------------------------------------------------------------------------------------------------

  async function refreshLeads() {
    try {
      const response = await api('/leads');
      if (!response.ok) return;
      const leads = await response.json();
      for (const lead of leads) await loadProduct(lead.productId); // the Chinese title, not the English one the quote used
      const body = $('leads').tBodies[0];
      body.textContent = '';
      for (const lead of leads) {
        const tr = document.createElement('tr');
        const cells = [
          new Date(lead.createdAt).toLocaleString('zh-CN', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }),
          (productTitles[lead.productId] || lead.productTitle) + '（' + lead.productId + '）',
          lead.quantity.toLocaleString('zh-CN'),
          lead.unitPrice + ' ' + lead.currency,
          lead.total.toLocaleString('zh-CN', { minimumFractionDigits: 2 }) + ' ' + lead.currency,
          lead.country ? countryName(lead.country) : '—',
          lead.contact || '—',
          lead.question,
        ];
        const labels = ['时间', '商品', '数量', '单价', '总价', '国家', '联系方式', '买家问题'];
        for (const [i, value] of cells.entries()) {
          const td = document.createElement('td');
          td.dataset.label = labels[i];
          td.textContent = value;
          tr.appendChild(td);
        }
        tr.lastChild.dir = 'auto';
        body.appendChild(tr);
      }
      $('leads-count').textContent = leads.length ? '（' + leads.length + '）' : '';
      $('leads-empty').hidden = leads.length > 0;
      $('leads').hidden = leads.length === 0;
    } catch (e) { /* next time */ }
  }

  const regions = window.Intl && Intl.DisplayNames ? new Intl.DisplayNames(['zh-CN'], { type: 'region' }) : null;
  function countryName(code) {
    try { return regions ? regions.of(code) : code; } catch (e) { return code; }
  }

  async function downloadLeads(e) {
    e.preventDefault();
    const response = await api('/leads.csv');
    if (!response.ok) { setStatus('下载失败：' + T.failure(response.status)); return; }
    const url = URL.createObjectURL(await response.blob());
    const a = document.createElement('a');
    a.href = url; a.download = '询价线索-' + sessionId + '.csv'; a.click();
    URL.revokeObjectURL(url);
  }

  async function downloadReview(e) {
    e.preventDefault();
    const response = await api('/review?format=csv');
    if (!response.ok) { setStatus('下载失败：' + T.failure(response.status)); return; }
    const url = URL.createObjectURL(await response.blob());
    const a = document.createElement('a');
    a.href = url; a.download = '合规记录-' + sessionId + '.csv'; a.click();
    URL.revokeObjectURL(url);
  }

  $('key-form').addEventListener('submit', (e) => {
    e.preventDefault();
    hostKey = $('host-key').value.trim();
    if (!hostKey || started) { if (started) location.reload(); return; }
    sessionStorage.setItem('hostKey:' + sessionId, hostKey);
    start();
  });
  start();
})();
