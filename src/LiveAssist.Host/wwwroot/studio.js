// The merchant studio: sign in, start a live, the live's links. Chinese first, ?lang=en for English.
// Everything from the server or the catalog is shown with textContent, never parsed as HTML.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const english = new URLSearchParams(location.search).get('lang') === 'en';

  const TEXT = {
    zh: {
      brand: 'LiveAssist 直播助手', signOut: '退出', signInTitle: '商家登录', name: '账号', password: '密码', signIn: '登录',
      signInOidc: '用公司账号登录（OpenID Connect）', myLives: '我的直播', startLive: '开播', noLives: '还没有直播。点“开播”开始第一场。',
      startLiveTitle: '开播', basics: '基本信息', title: '直播标题', shop: '店铺编号',
      shopHint: '买家问商品时，先找这场直播的商品，再找这个店铺，最后找整个商品库。',
      languages: '字幕语言', languagesHint: '每种语言旁边写着现在配置的翻译引擎能做到的质量。',
      glossary: '词汇表（品牌、型号、专有名词）', addRow: '加一行', fillMissing: '用翻译引擎补全缺少的语言', confirmAll: '全部确认',
      pasteTitle: '批量粘贴（从表格复制）', import: '导入', script: '台词（事先写好的话，播出时用审核过的译文）', addLine: '加一句',
      pretranslate: '预翻译', products: '商品（买家看到的顺序）', searchPlaceholder: '搜商品：名称、型号', search: '搜索', goLive: '开播',
      cancel: '取消', refusedTitle: '打不开这场直播', backToLives: '回到我的直播', console: '主播控制台', openConsole: '打开主播控制台',
      revealKey: '显示主播密钥', hideKey: '隐藏主播密钥', endLive: '结束直播', keyHint: '主播密钥只在登录后显示；控制台链接里带着它，不要发给别人。',
      preview: '预览', previewLang: '语言', overlay: '字幕（OBS 浏览器源）', avatar: '数字人（OBS 浏览器源）', links: '链接（每种语言）',
      localWarning: '买家链接现在是本机地址（127.0.0.1），国外买家打不开；请配置 BuyerQa:PublicBaseUrl 为公网地址。',
      downloads: '下载', leads: '询盘客户（CSV）',
      chinese: '中文', remove: '删除', up: '上移', down: '下移', add: '添加', added: '已添加', vetted: '已审核', toReview: '待审核',
      live: '直播中', ended: '已结束', open: '打开', copy: '复制', copied: '已复制', captionsOverlay: 'OBS 字幕', avatarLink: 'OBS 数字人',
      buyerChat: '买家问答', qr: '二维码', exports: '字幕导出', noResults: '没有找到商品，换个词试试。', searching: '正在搜索…',
      signInFailed: '账号或密码不对，请再试一次。', fillBoth: '请填写账号和密码。', expired: '登录已过期，请重新登录。', tooManyTries: '试得太多次了，请一分钟后再试。',
      network: '连不上服务器，请检查网络后再试。', needTitle: '请填写直播标题。', needLanguage: '请至少选一种字幕语言。',
      creating: '正在开播…（检查商品、补全译文）', filling: '正在用翻译引擎补全…', filledN: (n) => `补全了 ${n} 个空格，标着“待审核”，请检查。`,
      filledNone: '没有能补全的空格（现在的翻译引擎不认识这些词，请手动填写）。',
      scriptFilledN: (n) => `预翻译了 ${n} 处，没有打勾的不算审核过，播出时会标为“未审核”。`,
      scriptFilledNone: '没有预翻译出来（只配置了离线翻译，它只认识短语库里的句子）。请手动填写，或配置 Azure / OpenAI 翻译引擎。',
      pasteHint: (cols) => `每行一个词：${cols}，用 Tab 或逗号分开。`, tooManyRows: (n, max) => `词汇表最多 ${max} 条，这样一共有 ${n} 条。什么都没有导入，请删掉不常说的词再试。`,
      importedN: (n) => `导入了 ${n} 条。`, glossaryRows: (n, max) => `${n} / ${max} 条`,
      endConfirm: '确定结束这场直播吗？结束后字幕还能下载，但不能再说话了。', endedOk: '直播已结束。',
      refused403: '这场直播是另一个商家账号开的，您不能查看或操作它。', refused404: '没有这场直播（编号不对，或已被删除）。',
      levelMachine: '机器翻译', levelPhrasebook: '短语库', levelDraft: '仅草稿', levelScript: (n, m) => `已审核台词 ${n}/${m}`,
      chatAnswered: '问答：本语言回答', chatDeclined: '问答：用英文回答',
      engineOffline: '现在只配置了离线翻译：常用带货句子用审核过的短语库，其余的只给买家看词汇和数字。配置 Azure 或 OpenAI 翻译后，所有句子都能流畅翻译。',
      engineMachine: (names) => `翻译引擎：${names}（机器翻译，未经人工审核）。`,
      created: (t) => `${t} 已开播。`, products0: '还没有选商品。', moq: '起批', stock: '库存',
      viewerOnly: '这个账号只能查看，不能开播。', ownShop: '我的店铺', allShops: '全部店铺',
    },
    en: {
      brand: 'LiveAssist', signOut: 'Sign out', signInTitle: 'Merchant sign-in', name: 'Name', password: 'Password', signIn: 'Sign in',
      signInOidc: 'Sign in with your organisation (OpenID Connect)', myLives: 'My lives', startLive: 'Go live', noLives: 'No lives yet. Press "Go live" to start the first.',
      startLiveTitle: 'Go live', basics: 'Basics', title: 'Title', shop: 'Shop id',
      shopHint: 'Buyer questions look in this live\'s products first, then this shop, then the whole catalog.',
      languages: 'Caption languages', languagesHint: 'Each language shows the quality the configured engines give it.',
      glossary: 'Glossary (brands, models, names)', addRow: 'Add row', fillMissing: 'Fill missing languages with the engines', confirmAll: 'Confirm all',
      pasteTitle: 'Paste many rows (from a spreadsheet)', import: 'Import', script: 'Script (lines written beforehand; vetted translations go on air)', addLine: 'Add line',
      pretranslate: 'Pre-translate', products: 'Products (in the order buyers see them)', searchPlaceholder: 'Search products: name, model', search: 'Search', goLive: 'Go live',
      cancel: 'Cancel', refusedTitle: 'This live cannot be opened', backToLives: 'Back to my lives', console: 'Host console', openConsole: 'Open the host console',
      revealKey: 'Show host key', hideKey: 'Hide host key', endLive: 'End live', keyHint: 'The host key is shown only when signed in; the console link carries it: do not share it.',
      preview: 'Preview', previewLang: 'Language', overlay: 'Captions (OBS browser source)', avatar: 'Presenter (OBS browser source)', links: 'Links (per language)',
      localWarning: 'Buyer links point at this machine (127.0.0.1): buyers abroad cannot open them. Set BuyerQa:PublicBaseUrl to the public address.',
      downloads: 'Downloads', leads: 'Leads (CSV)',
      chinese: 'Chinese', remove: 'Remove', up: 'Up', down: 'Down', add: 'Add', added: 'Added', vetted: 'vetted', toReview: 'to review',
      live: 'live', ended: 'ended', open: 'Open', copy: 'Copy', copied: 'Copied', captionsOverlay: 'OBS captions', avatarLink: 'OBS presenter',
      buyerChat: 'Buyer chat', qr: 'QR code', exports: 'Caption exports', noResults: 'No products found; try another word.', searching: 'Searching…',
      signInFailed: 'The name or password is wrong.', fillBoth: 'Enter a name and a password.', expired: 'Your sign-in expired; sign in again.', tooManyTries: 'Too many tries; wait a minute.',
      network: 'The server cannot be reached.', needTitle: 'Give the live a title.', needLanguage: 'Choose at least one caption language.',
      creating: 'Starting… (checking products, filling translations)', filling: 'Filling with the engines…', filledN: (n) => `Filled ${n} cells, marked "to review".`,
      filledNone: 'Nothing could be filled (the configured engines do not know these words; type them).',
      scriptFilledN: (n) => `Pre-translated ${n} cells; unticked ones go on air marked not vetted.`,
      scriptFilledNone: 'Nothing pre-translated (only the offline translator is configured). Type them, or configure Azure / OpenAI.',
      pasteHint: (cols) => `One term per line: ${cols}, separated by Tab or comma.`, tooManyRows: (n, max) => `A glossary has at most ${max} terms; this would make ${n}. Nothing was imported.`,
      importedN: (n) => `Imported ${n}.`, glossaryRows: (n, max) => `${n} / ${max} terms`,
      endConfirm: 'End this live? Captions stay downloadable.', endedOk: 'The live has ended.',
      refused403: 'This live belongs to another merchant account.', refused404: 'There is no such live.',
      levelMachine: 'machine translation', levelPhrasebook: 'phrasebook', levelDraft: 'draft only', levelScript: (n, m) => `vetted script ${n}/${m}`,
      chatAnswered: 'chat: answered', chatDeclined: 'chat: in English',
      engineOffline: 'Only the offline translator is configured: vetted phrasebook for common selling lines, terms and figures only for the rest. Configure Azure or OpenAI for fluent captions.',
      engineMachine: (names) => `Engines: ${names} (machine translation, not vetted).`,
      created: (t) => `${t} is live.`, products0: 'No products chosen yet.', moq: 'MOQ', stock: 'stock',
      viewerOnly: 'This account can look but not start lives.', ownShop: 'My shop', allShops: 'All shops',
    },
  };
  const L = english ? TEXT.en : TEXT.zh;
  const LANG_NAMES = {
    zh: { en: '英语', es: '西班牙语', pt: '葡萄牙语', fr: '法语', ru: '俄语', ar: '阿拉伯语', id: '印尼语', vi: '越南语', th: '泰语', ja: '日语', ko: '韩语', de: '德语', it: '意大利语', tr: '土耳其语' },
    en: { en: 'English', es: 'Spanish', pt: 'Portuguese', fr: 'French', ru: 'Russian', ar: 'Arabic', id: 'Indonesian', vi: 'Vietnamese', th: 'Thai', ja: 'Japanese', ko: 'Korean', de: 'German', it: 'Italian', tr: 'Turkish' },
  };
  const langName = (code) => (english ? LANG_NAMES.en : LANG_NAMES.zh)[code] || code;

  let me = null;
  let settings = null;
  let quality = {};
  let chat = {};
  const form = { glossary: [], script: [], products: [] };

  // ---------- small helpers ----------
  function el(tag, props, children) {
    const node = document.createElement(tag);
    Object.entries(props || {}).forEach(([k, v]) => {
      if (k === 'text') node.textContent = v;
      else if (k === 'class') node.className = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? '' : v);
    });
    (children || []).forEach((c) => c && node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c));
    return node;
  }

  function flash(text, kind) {
    const f = $('flash');
    f.textContent = text || '';
    f.className = kind || '';
    f.hidden = !text;
  }

  async function api(path, options) {
    options = options || {};
    const headers = Object.assign({}, options.headers || {});
    if (options.json !== undefined) { headers['Content-Type'] = 'application/json'; options.body = JSON.stringify(options.json); }
    let response;
    try {
      response = await fetch(path, { method: options.method || 'GET', headers, body: options.body, credentials: 'same-origin' });
    } catch (e) {
      return { ok: false, status: 0, message: L.network };
    }
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    if (response.status === 401 && me && !options.quiet401) { signedOut(L.expired); }
    return { ok: response.ok, status: response.status, data, message: problemText(response.status, data) };
  }

  // A server problem in the merchant's language: the Chinese part of our bilingual details, or a known status.
  function problemText(status, data) {
    if (status === 413) return english ? 'Too much data in one go; remove some rows.' : '一次提交的内容太多了，请删掉一些行再试。';
    if (status === 429) return L.tooManyTries;
    const detail = data && (data.detail || data.title);
    if (!detail) return status >= 500 ? L.network : '';
    return pick(detail);
  }

  // Our bilingual texts ("中文。English.") in the merchant's language: the sentences with Chinese in them, or the others.
  function pick(text) {
    const sentences = String(text).split(/(?<=。)|(?<=[.!?])\s+/).map((t) => t.trim()).filter(Boolean);
    const chinese = sentences.filter((t) => /[\u3400-\u9fff]/.test(t));
    const chosen = english ? sentences.filter((t) => !/[\u3400-\u9fff]/.test(t)) : chinese;
    return chosen.length ? chosen.join(english ? ' ' : '') : String(text);
  }

  async function copy(text, button) {
    try { await navigator.clipboard.writeText(text); } catch (e) {
      const area = el('textarea', {}); area.value = text; document.body.appendChild(area); area.select();
      try { document.execCommand('copy'); } catch (ignored) { /* shown below anyway */ } area.remove();
    }
    const before = button.textContent; button.textContent = L.copied; setTimeout(() => { button.textContent = before; }, 1500);
  }

  function applyTexts() {
    document.documentElement.lang = english ? 'en' : 'zh-CN';
    document.title = english ? 'LiveAssist · merchant studio' : 'LiveAssist 直播助手 · 商家工作台';
    document.querySelectorAll('[data-t]').forEach((n) => { const v = L[n.dataset.t]; if (typeof v === 'string') n.textContent = v; });
    document.querySelectorAll('[data-tp]').forEach((n) => { n.placeholder = L[n.dataset.tp]; });
    const sw = $('lang-switch');
    sw.textContent = english ? '中文' : 'English';
    sw.href = (english ? location.pathname : '?lang=en') + location.hash;
  }

  // ---------- sign-in ----------
  function show(view) {
    document.querySelectorAll('main > .view').forEach((v) => { v.hidden = v.id !== 'view-' + view; });
    window.scrollTo(0, 0);
  }

  function signedOut(message) {
    me = null;
    $('account').hidden = true;
    show('signin');
    $('signin-error').textContent = message || '';
  }

  async function loadMe() {
    const result = await api('/api/account/me', { quiet401: true });
    if (!result.ok) { signedOut(result.message); return false; }
    if (!result.data.signedIn) {
      $('signin-oidc').hidden = !result.data.openIdConnect;
      const file = result.data.bootstrapPasswordFile;
      $('signin-bootstrap').hidden = !file;
      $('signin-bootstrap').textContent = file
        ? (english ? `First start: the account is "admin", its password is in the file ${file} on the server.` : `第一次启动：账号是 admin，密码在服务器的文件 ${file} 里。`)
        : '';
      signedOut('');
      return false;
    }
    me = result.data;
    $('who').textContent = me.name + (me.shopId ? ' · ' + me.shopId : '');
    $('account').hidden = false;
    return true;
  }

  $('signin-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = $('signin-name').value.trim();
    const password = $('signin-password').value;
    if (!name || !password) { $('signin-error').textContent = L.fillBoth; return; }
    const result = await api('/api/account/signin', { method: 'POST', json: { name, password }, quiet401: true });
    if (!result.ok) { $('signin-error').textContent = result.status === 401 ? L.signInFailed : result.message; return; }
    $('signin-password').value = '';
    $('signin-error').textContent = '';
    await loadMe();
    route();
  });

  $('sign-out').addEventListener('click', async () => {
    await api('/api/account/signout', { method: 'POST', quiet401: true });
    signedOut('');
  });

  // ---------- home: my lives ----------
  async function showHome() {
    show('home');
    $('new-live').hidden = !me.canStartLives;
    $('manage-products').hidden = !(me.canStartLives && me.shopId);
    const list = $('lives');
    list.textContent = '';
    const result = await api('/api/sessions');
    if (!result.ok) { flash(me.canStartLives ? result.message : L.viewerOnly, 'error'); $('home-empty').hidden = true; return; }
    $('home-empty').hidden = result.data.length > 0;
    result.data.forEach((s) => {
      list.appendChild(el('li', { class: s.state }, [
        el('a', { href: '#/live/' + encodeURIComponent(s.id), text: s.title }),
        el('span', { class: 'state ' + s.state, text: s.state === 'live' ? L.live : L.ended }),
        el('span', { class: 'hint', text: new Date(s.createdAt).toLocaleString(english ? 'en' : 'zh-CN') + ' · ' + s.targetLanguages.map(langName).join('、') }),
      ]));
    });
  }

  // ---------- start a live ----------
  function chosenLanguages() {
    return Array.from(document.querySelectorAll('#languages input:checked')).map((i) => i.value);
  }

  async function showNew() {
    show('new');
    $('new-error').textContent = '';
    if (!$('live-shop').value && me.shopId) $('live-shop').value = me.shopId;
    if (!settings) {
      const s = await api('/api/studio/settings');
      if (!s.ok) { $('new-error').textContent = s.message; return; }
      settings = s.data;
      renderLanguages();
      if (form.glossary.length === 0) form.glossary.push({ source: '', cells: {} });
      if (form.script.length === 0) form.script.push({ source: '', cells: {} });
      // What each language gets, before anything is created.
      const q = await api('/api/sessions/prepare', { method: 'POST', json: { targetLanguages: settings.supportedLanguages } });
      if (q.ok) { quality = q.data.languageQuality || {}; chat = q.data.chat || {}; }
    }
    renderLanguages();
    renderGlossary();
    renderScript();
    renderChosen();
  }

  function qualityBadges(code) {
    const q = quality[code];
    const badges = [];
    const vettedLines = form.script.filter((l) => l.source.trim() && l.cells[code] && l.cells[code].vetted && l.cells[code].text.trim()).length;
    const lines = form.script.filter((l) => l.source.trim()).length;
    if (lines > 0 && vettedLines > 0) badges.push(el('span', { class: 'badge vetted', text: L.levelScript(vettedLines, lines) }));
    if (q) {
      const level = q.level === 'machine' ? ['machine', L.levelMachine] : q.level === 'draft' ? ['draft', L.levelDraft] : ['phrasebook', L.levelPhrasebook];
      badges.push(el('span', { class: 'badge ' + level[0], text: level[1] }));
    }
    if (chat[code]) badges.push(el('span', { class: 'badge chat', text: chat[code] === 'answered' ? L.chatAnswered : L.chatDeclined }));
    return badges;
  }

  function renderLanguages() {
    const box = $('languages');
    const checked = new Set(box.childElementCount ? chosenLanguages() : ['en']);
    box.textContent = '';
    (settings ? settings.supportedLanguages : []).forEach((code) => {
      const input = el('input', { type: 'checkbox', value: code, name: 'lang' });
      input.checked = checked.has(code);
      input.addEventListener('change', () => { renderGlossary(); renderScript(); });
      box.appendChild(el('label', { class: 'language', 'data-lang': code }, [input, el('span', { class: 'lang-name', text: langName(code) + ' ' + code }), el('span', { class: 'badges' }, qualityBadges(code))]));
    });
    const any = Object.values(quality)[0];
    $('engine-note').textContent = !any ? '' : any.level === 'machine' ? L.engineMachine(any.engines.join(' → ')) : L.engineOffline;
  }

  function refreshBadges() {
    document.querySelectorAll('#languages .language').forEach((label) => {
      const badges = label.querySelector('.badges');
      badges.textContent = '';
      qualityBadges(label.dataset.lang).forEach((b) => badges.appendChild(b));
    });
  }

  function cellInput(cell, onInput) {
    const input = el('input', { maxlength: 300, class: cell && cell.filled && !cell.vetted ? 'filled' : '' });
    input.value = cell ? cell.text : '';
    input.addEventListener('input', () => onInput(input));
    return input;
  }

  function renderGlossary() {
    const langs = chosenLanguages();
    const head = $('glossary').tHead;
    head.textContent = '';
    head.appendChild(el('tr', {}, [el('th', { text: L.chinese }), ...langs.map((c) => el('th', { text: langName(c) })), el('th', {})]));
    const body = $('glossary').tBodies[0];
    body.textContent = '';
    form.glossary.forEach((row, index) => {
      const source = el('input', { maxlength: 100, 'aria-label': L.chinese });
      source.value = row.source;
      source.addEventListener('input', () => { row.source = source.value; glossaryStatus(); });
      const cells = langs.map((code) => {
        const input = cellInput(row.cells[code], (i) => {
          row.cells[code] = { text: i.value, filled: false, vetted: true };
          i.classList.remove('filled');
          const tag = i.parentElement.querySelector('.tag'); if (tag) tag.remove();
        });
        input.setAttribute('aria-label', langName(code));
        const tag = row.cells[code] && row.cells[code].filled && !row.cells[code].vetted ? el('span', { class: 'tag', text: L.toReview }) : null;
        return el('td', {}, [input, tag]);
      });
      const remove = el('button', { type: 'button', class: 'link', text: '×', title: L.remove, 'aria-label': L.remove, onclick: () => { form.glossary.splice(index, 1); renderGlossary(); } });
      body.appendChild(el('tr', {}, [el('td', {}, [source]), ...cells, el('td', {}, [remove])]));
    });
    $('paste-hint').textContent = L.pasteHint([L.chinese, ...langs.map(langName)].join(' → '));
    glossaryStatus();
  }

  function glossaryStatus(message) {
    const max = settings ? settings.maxGlossaryEntries : 1000;
    const count = form.glossary.filter((r) => r.source.trim()).length;
    $('glossary-status').textContent = (message ? message + ' ' : '') + L.glossaryRows(count, max);
  }

  $('glossary-add').addEventListener('click', () => { form.glossary.push({ source: '', cells: {} }); renderGlossary(); });
  $('glossary-confirm').addEventListener('click', () => {
    form.glossary.forEach((r) => Object.values(r.cells).forEach((c) => { c.vetted = true; }));
    renderGlossary();
  });

  $('glossary-import').addEventListener('click', () => {
    const langs = chosenLanguages();
    const lines = $('glossary-paste').value.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
    const max = settings ? settings.maxGlossaryEntries : 1000;
    const existing = form.glossary.filter((r) => r.source.trim()).length;
    if (existing + lines.length > max) { glossaryStatus(L.tooManyRows(existing + lines.length, max)); $('glossary-status').classList.add('error'); return; }
    $('glossary-status').classList.remove('error');
    form.glossary = form.glossary.filter((r) => r.source.trim());
    lines.forEach((line) => {
      const parts = line.split(line.includes('\t') ? '\t' : ',').map((p) => p.trim());
      const row = { source: parts[0].slice(0, 100), cells: {} };
      langs.forEach((code, i) => { if (parts[i + 1]) row.cells[code] = { text: parts[i + 1].slice(0, 300), filled: false, vetted: true }; });
      form.glossary.push(row);
    });
    $('glossary-paste').value = '';
    renderGlossary();
    glossaryStatus(L.importedN(lines.length));
  });

  // Sends what the merchant wrote (vetted cells only) and lets the configured engines fill the rest, marked for review.
  function vettedTranslations(row) {
    const out = {};
    Object.entries(row.cells).forEach(([code, c]) => { if (c.vetted && c.text.trim()) out[code] = c.text.trim(); });
    return out;
  }

  function glossaryPayload() {
    return form.glossary.filter((r) => r.source.trim()).map((r) => ({ source: r.source.trim(), translations: vettedTranslations(r) }));
  }

  function scriptPayload() {
    return form.script.filter((l) => l.source.trim()).map((l) => ({ source: l.source.trim(), translations: vettedTranslations(l) }));
  }

  async function fillFromEngines(kind) {
    const langs = chosenLanguages();
    if (langs.length === 0) { $('new-error').textContent = L.needLanguage; return; }
    const status = $(kind + '-status');
    status.textContent = L.filling;
    const body = { targetLanguages: langs, glossary: kind === 'glossary' ? glossaryPayload() : [], script: kind === 'script' ? scriptPayload() : [] };
    const result = await api('/api/sessions/prepare', { method: 'POST', json: body });
    if (!result.ok) { status.textContent = result.message; status.classList.add('error'); return; }
    status.classList.remove('error');
    const rows = (kind === 'glossary' ? form.glossary : form.script).filter((r) => r.source.trim());
    const answered = kind === 'glossary' ? result.data.glossary : result.data.script;
    let filled = 0;
    rows.forEach((row, i) => {
      const a = answered[i];
      if (!a) return;
      (a.filled || []).forEach((code) => {
        const cell = row.cells[code];
        if (!cell || !cell.text.trim()) { row.cells[code] = { text: a.translations[code], filled: true, vetted: false }; filled++; }
      });
    });
    if (kind === 'glossary') { renderGlossary(); glossaryStatus(filled ? L.filledN(filled) : L.filledNone); }
    else { renderScript(); status.textContent = filled ? L.scriptFilledN(filled) : L.scriptFilledNone; }
  }

  $('glossary-fill').addEventListener('click', () => fillFromEngines('glossary'));
  $('script-fill').addEventListener('click', () => fillFromEngines('script'));

  function renderScript() {
    const langs = chosenLanguages();
    const list = $('script');
    list.textContent = '';
    form.script.forEach((line, index) => {
      const source = el('textarea', { rows: 2, maxlength: 500, 'aria-label': L.chinese });
      source.value = line.source;
      source.addEventListener('input', () => { line.source = source.value; refreshBadges(); });
      const rows = langs.map((code) => {
        const cell = line.cells[code];
        const tick = el('input', { type: 'checkbox', 'aria-label': L.vetted + ' ' + langName(code) });
        tick.checked = !!(cell && cell.vetted);
        const input = cellInput(cell, (i) => {
          line.cells[code] = { text: i.value, filled: false, vetted: true };
          tick.checked = true; i.classList.remove('filled'); refreshBadges();
        });
        input.setAttribute('aria-label', langName(code));
        tick.addEventListener('change', () => {
          line.cells[code] = line.cells[code] || { text: input.value, filled: false };
          line.cells[code].vetted = tick.checked; input.classList.toggle('filled', !tick.checked && !!line.cells[code].filled); refreshBadges();
        });
        return el('div', { class: 'script-lang' }, [el('span', { class: 'lang-code', text: langName(code) }), input, el('label', { class: 'tick' }, [tick, L.vetted])]);
      });
      const remove = el('button', { type: 'button', class: 'link', text: L.remove, onclick: () => { form.script.splice(index, 1); renderScript(); } });
      list.appendChild(el('li', {}, [el('div', { class: 'row-between' }, [source, remove]), ...rows]));
    });
    refreshBadges();
  }

  $('script-add').addEventListener('click', () => { form.script.push({ source: '', cells: {} }); renderScript(); });

  // ---------- products ----------
  function localized(value) {
    if (!value) return '';
    return (english ? value.en || value.zh : value.zh || value.en) || Object.values(value)[0] || '';
  }

  function picture(product) {
    const src = product.images && product.images[0];
    return src && (src.startsWith('/') || src.startsWith('https://')) ? el('img', { src, alt: '', loading: 'lazy', width: 64, height: 64 }) : el('span', { class: 'no-picture' });
  }

  async function search() {
    const q = $('product-search').value.trim().slice(0, 100);
    const results = $('results');
    results.textContent = '';
    results.appendChild(el('li', { class: 'hint', text: L.searching }));
    const shop = $('live-shop').value.trim();
    const params = new URLSearchParams({ q, lang: english ? 'en' : 'zh', pageSize: '12' });
    if (shop && !q) params.set('shopId', shop);
    const result = await api('/catalog/v1/products?' + params.toString());
    results.textContent = '';
    if (!result.ok) { results.appendChild(el('li', { class: 'error', text: result.message || L.network })); return; }
    if (result.data.items.length === 0) { results.appendChild(el('li', { class: 'hint', text: L.noResults })); return; }
    result.data.items.forEach((p) => {
      const chosen = form.products.some((c) => c.id === p.id);
      const add = el('button', { type: 'button', text: chosen ? L.added : L.add, disabled: chosen, 'data-id': p.id });
      add.addEventListener('click', () => { form.products.push(p); add.textContent = L.added; add.disabled = true; renderChosen(); });
      results.appendChild(el('li', { class: 'product' }, [picture(p), el('div', { class: 'product-text' }, [
        el('strong', { text: localized(p.title) }),
        el('span', { class: 'hint', text: `${p.id} · ${L.moq} ${p.moq} ${localized(p.unit)} · ${localized(p.shop && p.shop.name)}` }),
      ]), add]));
    });
  }

  $('product-search-go').addEventListener('click', search);
  $('product-search').addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); search(); } });

  function renderChosen() {
    const list = $('chosen');
    list.textContent = '';
    if (form.products.length === 0) list.appendChild(el('li', { class: 'hint empty', text: L.products0 }));
    form.products.forEach((p, i) => {
      const move = (delta) => { const j = i + delta; if (j < 0 || j >= form.products.length) return; [form.products[i], form.products[j]] = [form.products[j], form.products[i]]; renderChosen(); };
      list.appendChild(el('li', { class: 'product' }, [
        el('span', { class: 'number', text: '#' + (i + 1) }), picture(p),
        el('div', { class: 'product-text' }, [el('strong', { text: localized(p.title) }), el('span', { class: 'hint', text: p.id })]),
        el('span', { class: 'order' }, [
          el('button', { type: 'button', text: '↑', title: L.up, 'aria-label': L.up, disabled: i === 0, onclick: () => move(-1) }),
          el('button', { type: 'button', text: '↓', title: L.down, 'aria-label': L.down, disabled: i === form.products.length - 1, onclick: () => move(1) }),
          el('button', { type: 'button', text: '×', title: L.remove, 'aria-label': L.remove, onclick: () => { form.products.splice(i, 1); renderChosen(); search(); } }),
        ]),
      ]));
    });
  }

  $('new-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = $('new-error');
    const title = $('live-title').value.trim();
    const langs = chosenLanguages();
    if (!title) { error.textContent = L.needTitle; $('live-title').focus(); return; }
    if (langs.length === 0) { error.textContent = L.needLanguage; return; }
    const glossary = glossaryPayload();
    const max = settings ? settings.maxGlossaryEntries : 1000;
    if (glossary.length > max) { error.textContent = L.tooManyRows(glossary.length, max); return; }
    error.textContent = L.creating;
    $('create').disabled = true;
    const result = await api('/api/sessions', { method: 'POST', json: {
      title, shopId: $('live-shop').value.trim() || null, sourceLanguage: 'zh-CN', targetLanguages: langs,
      glossary, script: scriptPayload(), productIds: form.products.map((p) => p.id),
    } });
    $('create').disabled = false;
    if (!result.ok) { error.textContent = result.message; return; }
    error.textContent = '';
    // The key stays in this tab for the console link; after that only a signed-in owner can reveal it again.
    sessionStorage.setItem('hostKey:' + result.data.id, result.data.hostKey);
    resetForm();
    flash(L.created(result.data.title), 'ok');
    location.hash = '#/live/' + encodeURIComponent(result.data.id);
  });

  function resetForm() {
    $('new-form').reset();
    form.glossary = [{ source: '', cells: {} }];
    form.script = [{ source: '', cells: {} }];
    form.products = [];
    $('results').textContent = '';
    $('languages').textContent = '';
  }

  // ---------- the live's page ----------
  let liveId = null;

  function absolute(path) { return location.origin + path; }

  async function showLive(id) {
    show('live');
    liveId = id;
    $('live-refused').hidden = true;
    $('live-body').hidden = true;
    $('host-key').hidden = true;
    $('reveal-key').textContent = L.revealKey;
    const result = await api('/api/sessions/' + encodeURIComponent(id) + '/details');
    if (!result.ok) {
      if (result.status === 401) return;
      $('live-refused').hidden = false;
      $('live-refused-text').textContent = result.status === 403 ? L.refused403 : result.status === 404 ? L.refused404 : result.message;
      return;
    }
    if (!settings) { const s = await api('/api/studio/settings'); if (s.ok) settings = s.data; }
    const s = result.data.session;
    $('live-body').hidden = false;
    $('live-title-h').textContent = s.title;
    renderState(s);
    $('live-meta').textContent = [new Date(s.createdAt).toLocaleString(english ? 'en' : 'zh-CN'), s.shopId, `${L.glossary.split('（')[0].split(' (')[0]} ${s.glossaryCount}`,
      `${L.script.split('（')[0].split(' (')[0]} ${s.scriptCount}`, `${L.products.split('（')[0].split(' (')[0]} ${s.productList.length}`].filter(Boolean).join(' · ');
    const base = settings && settings.buyerBaseUrl ? settings.buyerBaseUrl : location.origin;
    $('local-warning').hidden = !(settings && settings.buyerLinksAreLocal);
    const e = encodeURIComponent(s.id);
    $('leads-csv').href = `/api/sessions/${e}/leads.csv`;
    $('leads-csv').setAttribute('download', `leads-${s.id}.csv`);
    const langs = s.targetLanguages.map((t) => t.split('-')[0].toLowerCase());
    const select = $('preview-lang');
    select.textContent = '';
    langs.forEach((code) => select.appendChild(el('option', { value: code, text: langName(code) + ' ' + code })));
    select.onchange = () => preview(e, select.value);
    preview(e, langs[0]);
    // The presenter's look and voices; a save reloads the presenter preview so the merchant sees the change.
    window.PresenterSettings.show($('presenter-settings'), s.id, langs, langName, () => preview(e, select.value));
    const list = $('lang-links');
    list.textContent = '';
    langs.forEach((code) => {
      const overlay = absolute(`/overlay/${e}?lang=${code}&fontSize=36&lines=2&position=bottom`);
      const avatar = absolute(`/avatar/${e}?lang=${code}`);
      const buyer = `${base}/chat?session=${e}&lang=${code}`;
      const link = (label, url, cls) => el('div', { class: 'link-row ' + cls }, [
        el('span', { class: 'link-label', text: label }),
        el('input', { readonly: true, value: url, 'aria-label': label, onfocus: (ev) => ev.target.select() }),
        el('button', { type: 'button', class: 'copy', text: L.copy, onclick: (ev) => copy(url, ev.target) }),
        el('a', { href: url, target: '_blank', rel: 'noopener', text: L.open }),
      ]);
      const exports = el('div', { class: 'link-row exports' }, [el('span', { class: 'link-label', text: L.exports }),
        ...['vtt', 'srt', 'json'].map((f) => el('a', { class: 'button small', href: `/api/sessions/${e}/captions.${f}?lang=${code}`, download: `${s.id}-${code}.${f}`, text: f.toUpperCase() }))]);
      list.appendChild(el('li', { 'data-lang': code }, [
        el('h3', { text: langName(code) + ' · ' + code }),
        el('div', { class: 'lang-grid' }, [
          el('div', {}, [link(L.captionsOverlay, overlay, 'overlay'), link(L.avatarLink, avatar, 'avatar'), link(L.buyerChat, buyer, 'chat'), exports]),
          el('figure', { class: 'qr' }, [el('img', { src: `/api/sessions/${e}/chat-qr.png?lang=${code}`, alt: L.qr + ' ' + langName(code), width: 132, height: 132, loading: 'lazy' }),
            el('figcaption', { text: L.buyerChat + ' ' + L.qr })]),
        ]),
      ]));
    });
  }

  function preview(e, code) {
    // One language at a time: every preview holds a caption stream, and browsers allow six connections per server.
    $('preview-overlay').src = `/overlay/${e}?lang=${code}&preview=1&engine=1&fontSize=22&lines=2&position=bottom`;
    $('preview-avatar').src = `/avatar/${e}?lang=${code}&preview=1`;
  }

  function renderState(s) {
    const state = $('live-state');
    state.textContent = s.state === 'live' ? L.live : L.ended;
    state.className = 'state ' + s.state;
    $('end-live').hidden = s.state !== 'live';
    $('open-console').hidden = s.state !== 'live';
  }

  async function hostKey() {
    const kept = sessionStorage.getItem('hostKey:' + liveId);
    if (kept) return kept;
    const result = await api('/api/sessions/' + encodeURIComponent(liveId) + '/host-key', { method: 'POST' });
    if (!result.ok) { flash(result.message, 'error'); return null; }
    sessionStorage.setItem('hostKey:' + liveId, result.data.hostKey);
    return result.data.hostKey;
  }

  // The console takes its key from the URL fragment (never sent to the server, removed from the address bar on load).
  $('open-console').addEventListener('click', async (event) => {
    event.preventDefault();
    const tab = window.open('about:blank', '_blank');
    const key = await hostKey();
    const url = `/host/${encodeURIComponent(liveId)}#key=${encodeURIComponent(key || '')}`;
    if (!key) { if (tab) tab.close(); return; }
    if (tab) { tab.opener = null; tab.location.href = url; } else { location.href = url; }
  });

  $('reveal-key').addEventListener('click', async () => {
    const box = $('host-key');
    if (!box.hidden) { box.hidden = true; box.textContent = ''; $('reveal-key').textContent = L.revealKey; return; }
    const key = await hostKey();
    if (!key) return;
    box.textContent = key;
    box.hidden = false;
    $('reveal-key').textContent = L.hideKey;
  });

  $('end-live').addEventListener('click', async () => {
    if (!window.confirm(L.endConfirm)) return;
    const result = await api('/api/sessions/' + encodeURIComponent(liveId) + '/end', { method: 'POST' });
    if (!result.ok) { flash(result.message, 'error'); return; }
    renderState(result.data);
    flash(L.endedOk, 'ok');
  });

  // ---------- routing ----------
  // Pages kept in their own files (products.js) register here: the first whose prefix matches the hash shows.
  const routes = [];
  window.Studio = {
    api, el, flash, show, pick, english, langName, localized: (t) => localized(t), picture: (p) => picture(p),
    me: () => me, settings: async () => settings || ((await api('/api/studio/settings')).data),
    route: (prefix, handler) => routes.push({ prefix, handler }),
  };

  async function route() {
    if (!me) return;
    const hash = location.hash || '#/';
    if (!hash.startsWith('#/live/')) flash('');
    const page = routes.find((r) => hash === r.prefix || hash.startsWith(r.prefix + '/'));
    if (page) return page.handler(hash);
    if (hash.startsWith('#/live/')) return showLive(decodeURIComponent(hash.slice('#/live/'.length)).slice(0, 64));
    if (hash === '#/new' && me.canStartLives) return showNew();
    return showHome();
  }

  window.addEventListener('hashchange', route);
  applyTexts();
  // After the other page scripts have registered their routes.
  window.addEventListener('DOMContentLoaded', () => loadMe().then((ok) => { if (ok) route(); }));
})();
