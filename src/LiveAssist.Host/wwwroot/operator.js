// The operator page. Everything shown that came from a file, a buyer or a server goes through textContent: inert.
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const state = {
    path: null, drafts: {}, published: {}, conversation: null, role: 'viewer', validateTimer: 0, view: 'texts',
    texts: null, textEdits: {}, lang: 'zh',
  };

  // Chinese first; English for the switch. Keys not in `en` stay Chinese.
  const T = {
    zh: {
      title: 'LiveAssist 运营后台', signOut: '退出登录', signInTitle: '登录', name: '用户名', password: '密码', signIn: '登录',
      signInFailed: '用户名或密码错误。', signInThrottled: '尝试太多次，请一分钟后再试。',
      viewTexts: '文本（多语言对照）', viewFlows: '对话流程（JSON）', viewHistory: '历史与日志', viewEngines: '引擎设置',
      roleEditor: '编辑', roleViewer: '只读', key: '文本键', outOfDate: '待更新', outOfDateTitle: (langs, by) => `${langs} 改过之后，这种语言还没有更新（${by}）`,
      missing: '（缺失：机器人用英文/中文的文本）', save: '保存', undo: '撤销', saving: '正在保存…',
      saved: (key) => `已保存“${key}”：机器人下一句就用新文本。`, notSaved: '未保存：', noRows: '没有符合条件的文本。',
      rowCount: (n, stale) => stale ? `${n} 个文本，其中 ${stale} 个有语言待更新。` : `${n} 个文本，都已更新。`,
      valid: '校验通过', problemsCount: (n) => `${n} 个问题：不能发布`, published: (v) => `已发布（内容版本 ${v}）`,
      rolledBack: (id) => `已回滚到 #${id}`, rollbackRefused: '回滚被拒绝：', rollback: '回滚到这个版本', line: '第', lineSuffix: '行',
      inForce: '使用中', draftInvalid: '草稿有错误：', card: '卡片',
      actions: { publish: '发布', rollback: '回滚', baseline: '初始版本', reload: '磁盘修改', texts: '表格修改', startup: '启动' },
      logKinds: { accepted: '已生效', rejected: '被拒绝' },
      complete: '完整', missingCount: (n, keys) => `缺 ${n} 个（用英文，再用中文代替）：${keys}`,
      kinds: { translator: '翻译', speech: '语音识别', tts: '配音' },
      health: { ok: '正常', unavailable: '不可用', 'not-configured': '未设置' },
      keyHint: (hint) => `已保存 ${hint}，留空则不变`, noKey: '未设置', clearKey: '删除已保存的密钥',
      engineSaved: '已保存。', engineNotSaved: '未保存：请改正标红的项。', testing: '正在测试…',
      files: { bot: '机器人常用语', flows: '流程话术', qa: '商品问答', intents: '意图关键词', keywords: '关键词' },
      langs: { zh: '中文', en: '英语', es: '西班牙语', pt: '葡萄牙语', fr: '法语', ru: '俄语', ar: '阿拉伯语', de: '德语' },
      flowsGroup: '对话流程', textsGroup: '文本文件（JSON）', reviewGroup: '合规规则（审核）', networkError: '连不上服务器，请检查网络后重试。',
    },
    en: {
      title: 'LiveAssist operator', signOut: 'Sign out', signInTitle: 'Sign in', name: 'Name', password: 'Password', signIn: 'Sign in',
      signInFailed: 'The name or password is wrong.', signInThrottled: 'Too many attempts; try again in a minute.',
      bootstrapIntro: 'No operator account is configured, so one was created:', bootstrapUser: 'Name',
      bootstrapFile: 'Its password is in this file on the server:', bootstrapMissing: 'That file was deleted: delete operator-accounts.json beside it and restart for a new password.',
      bootstrapAdvice: 'For real use, configure accounts in Operator:Accounts.', oidc: 'Sign in with your organisation (OpenID Connect)',
      viewTexts: 'Texts (all languages)', viewFlows: 'Flows (JSON)', viewHistory: 'History and logs', viewEngines: 'Engine settings',
      textFile: 'Text file', textFilter: 'Search keys or texts', staleOnly: 'Only out of date',
      textHelp: 'One row per text, one column per language. Changing a language marks the others "out of date" until they are edited too. Several lines in a cell = variations picked at random; empty = that language falls back to English/Chinese.',
      roleEditor: 'editor', roleViewer: 'viewer', key: 'Key', outOfDate: 'out of date', outOfDateTitle: (langs, by) => `Changed in ${langs} (${by}) after this language`,
      missing: '(missing: the bot uses the English/Chinese text)', save: 'Save', undo: 'Undo', saving: 'Saving…',
      saved: (key) => `Saved "${key}": the bot uses it from the next message.`, notSaved: 'Not saved: ', noRows: 'No texts match.',
      rowCount: (n, stale) => stale ? `${n} texts, ${stale} with languages out of date.` : `${n} texts, all up to date.`,
      files: { bot: 'Bot phrases', flows: 'Flow texts', qa: 'Product Q&A', intents: 'Intent words', keywords: 'Keywords' },
      langs: { zh: 'Chinese', en: 'English', es: 'Spanish', pt: 'Portuguese', fr: 'French', ru: 'Russian', ar: 'Arabic', de: 'German' },
      chooseFile: 'Choose a file', messagePlaceholder: 'What changed (for the history)', publish: 'Publish', discard: 'Discard draft',
      valid: 'Valid', problemsCount: (n) => `${n} problem(s): not publishable`, published: (v) => `Published (content ${v})`,
      rolledBack: (id) => `Rolled back to #${id}`, rollbackRefused: 'Rollback refused: ', rollback: 'Roll back to this', line: 'line', lineSuffix: '',
      inForce: 'in force', draftInvalid: 'Draft not valid: ', card: 'card',
      actions: { publish: 'publish', rollback: 'rollback', baseline: 'baseline', reload: 'edited on disk', texts: 'texts form', startup: 'startup' },
      logKinds: { accepted: 'accepted', rejected: 'rejected' },
      tabHistory: 'History', tabLog: 'Log', tabAudit: 'Audit', tabMissing: 'Missing texts',
      complete: 'complete', missingCount: (n, keys) => `${n} missing (answered in en, then zh): ${keys}`,
      preview: 'Preview (draft)', language: 'Language', newConversation: 'New conversation', previewPlaceholder: 'Say something as a buyer', send: 'Send',
      restartNeeded: 'Saved. Restart LiveAssist for captions and the bot to use the new engines.', engineHealth: 'Engine health (running now)',
      hKind: 'Use', hName: 'Engine', hStatus: 'Status', hDetail: 'Detail', chain: 'Translation engines for captions and replies (tried in order)',
      useAzureTranslator: 'Azure Translator', useOpenAi: 'LLM (OpenAI-compatible server)', offlineLast: 'The offline dictionary is always the last resort.',
      azureTranslator: 'Azure Translator', key_: 'Key', region: 'Region', endpoint: 'Endpoint', endpointOptional: 'Endpoint (optional)',
      translatorEndpointHelp: 'Azure China resources use https://api.translator.azure.cn; custom domains https://name.cognitiveservices.azure.com or .azure.cn.',
      azureSpeech: 'Azure Speech', useAzureSpeech: 'Use for server-side recognition (streamed audio)',
      speechEndpointHelp: 'Usually the region is enough; China regions start with china (chinaeast2) and use *.azure.cn.',
      openAi: 'LLM server (Ollama, vLLM, DeepSeek, Qwen)', baseUrl: 'Base URL', model: 'Model', apiKey: 'API key (local servers usually need none)',
      test: 'Test', kinds: { translator: 'translation', speech: 'recognition', tts: 'voice' },
      health: { ok: 'ok', unavailable: 'unavailable', 'not-configured': 'not configured' },
      keyHint: (hint) => `saved ${hint}; leave empty to keep`, noKey: 'not set', clearKey: 'Delete the saved key',
      engineSaved: 'Saved.', engineNotSaved: 'Not saved: fix the fields in red.', testing: 'Testing…',
      flowsGroup: 'Flows', textsGroup: 'Text files (JSON)', reviewGroup: 'Compliance rules', networkError: 'Cannot reach the server; check the network and retry.',
    },
  };
  const t = (key, ...args) => {
    const value = (T[state.lang] && T[state.lang][key] !== undefined) ? T[state.lang][key] : T.zh[key];
    return typeof value === 'function' ? value(...args) : value;
  };
  // The validator speaks English; the commonest text problems are told in Chinese (the original stays in the tooltip).
  const problemsZh = [
    [/'\{' at (\d+) is never closed\./, (m) => `第 ${m[1]} 个字符的“{”没有闭合。`],
    [/'\}' at (\d+) has no matching '\{'\./, (m) => `第 ${m[1]} 个字符的“}”前面没有对应的“{”。`],
    [/only 'plural' choices are supported/, () => '只支持 plural（复数）格式。'],
    [/needs a comma before its options/, () => '复数格式在选项前需要一个逗号。'],
    [/needs an 'other \{…\}' option/, () => '复数格式必须有 other {…} 选项。'],
    [/has no '\{text\}'/, () => '复数选项后面缺少 {文本}。'],
    [/must be a string or a non-empty list of strings/, () => '必须是一段文本，或不为空的文本列表。'],
  ];
  function problemText(message) {
    if (state.lang !== 'zh' || !message) return message;
    const key = /^'([^']+)':/.exec(message);
    for (const [pattern, say] of problemsZh) {
      const m = pattern.exec(message);
      if (m) return (key ? `“${key[1]}”：` : '') + say(m);
    }
    return message;
  }
  const langName = (code) => `${(t('langs') || {})[code] || code} ${code}`;

  function applyLanguage() {
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    document.querySelectorAll('[data-i18n]').forEach((node) => {
      const key = node.dataset.i18n === 'key' ? 'key_' : node.dataset.i18n;
      if (!node.dataset.zh) node.dataset.zh = node.textContent;
      const value = state.lang === 'zh' ? node.dataset.zh : (T.en[key] ?? node.dataset.zh);
      if (typeof value === 'string') node.textContent = value;
    });
    document.querySelectorAll('[data-i18n-placeholder]').forEach((node) => {
      if (!node.dataset.zhPlaceholder) node.dataset.zhPlaceholder = node.placeholder;
      node.placeholder = state.lang === 'zh' ? node.dataset.zhPlaceholder : (T.en[node.dataset.i18nPlaceholder] ?? node.dataset.zhPlaceholder);
    });
    $('language').textContent = state.lang === 'zh' ? 'English' : '中文';
    $('language').lang = state.lang === 'zh' ? 'en' : 'zh-CN';
    document.title = t('title');
  }

  $('language').addEventListener('click', () => {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    try { localStorage.setItem('operator.lang', state.lang); } catch { /* private mode */ }
    applyLanguage();
    if (!$('app').hidden) { showWho(); renderTexts(); loadFiles(); if (state.view === 'engines') loadEngines(); if (state.view === 'history') loadTab(currentTab()); }
  });

  async function api(method, url, body) {
    let response;
    try {
      response = await fetch(url, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      return { status: 0, data: { detail: t('networkError') } };
    }
    if (response.status === 401 && !url.endsWith('/login')) { showSignIn(); throw new Error('signed out'); }
    const type = response.headers.get('content-type') || '';
    const data = type.includes('json') ? await response.json() : await response.text();
    return { status: response.status, data };
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  async function showSignIn() {
    $('sign-in').hidden = false; $('app').hidden = true; $('views').hidden = true; $('sign-out').hidden = true; $('who').textContent = '';
    const help = await fetch('/operator/sign-in-help', { credentials: 'same-origin' }).then((r) => r.json()).catch(() => null);
    $('oidc').hidden = !(help && help.openIdConnect);
    $('bootstrap-help').hidden = !(help && help.bootstrapPasswordFile);
    if (help && help.bootstrapPasswordFile) {
      $('bootstrap-file').textContent = help.bootstrapPasswordFile;
      $('bootstrap-missing').hidden = help.bootstrapPasswordFileExists;
      if (!$('name').value) $('name').value = 'admin';
    }
  }

  function showWho() {
    if (!state.who) return;
    $('who').textContent = `${state.who.name} · ${state.role === 'editor' ? t('roleEditor') : t('roleViewer')}`;
  }

  async function start() {
    const me = await fetch('/operator/api/me', { credentials: 'same-origin' }).catch(() => null);
    if (!me || me.status !== 200) { await showSignIn(); return; }
    state.who = await me.json();
    state.role = state.who.role;
    showWho();
    $('sign-in').hidden = true; $('app').hidden = false; $('views').hidden = false; $('sign-out').hidden = false;
    document.body.classList.toggle('viewer', state.role !== 'editor');
    $('publish').hidden = state.role !== 'editor';
    // The view first, so a click made while the texts load is not undone when they arrive.
    const wanted = location.hash.slice(1);
    showView(['texts', 'flows', 'history', 'engines'].includes(wanted) && (wanted !== 'engines' || state.role === 'editor') ? wanted : 'texts');
    await Promise.all([loadTexts(), loadFiles()]);
    await restartPreview();
  }

  $('sign-in').addEventListener('submit', async (e) => {
    e.preventDefault();
    const { status } = await api('POST', '/operator/login', { name: $('name').value, password: $('password').value });
    if (status === 200) { $('sign-in-error').textContent = ''; $('password').value = ''; start(); }
    else $('sign-in-error').textContent = status === 429 ? t('signInThrottled') : status === 0 ? t('networkError') : t('signInFailed');
  });

  $('sign-out').addEventListener('click', async () => { await api('POST', '/operator/logout'); state.drafts = {}; state.textEdits = {}; showSignIn(); });

  // Views.
  document.querySelectorAll('[data-view]').forEach((button) => button.addEventListener('click', () => showView(button.dataset.view)));
  function showView(name) {
    state.view = name;
    history.replaceState(null, '', '#' + name);
    document.querySelectorAll('[data-view]').forEach((b) => b.setAttribute('aria-selected', String(b.dataset.view === name)));
    document.querySelectorAll('.view').forEach((v) => { v.hidden = v.id !== 'view-' + name; });
    $('preview-panel').hidden = name === 'engines' || name === 'history';
    $('app').dataset.view = name;
    if (name === 'history') loadTab(currentTab());
    if (name === 'engines') loadEngines();
    if (name === 'texts') fitTextareas($('text-table'));
  }

  // ---- Texts: one row per key, one column per language. ----
  async function loadTexts(file) {
    const { status, data } = await api('GET', '/operator/api/texts' + (file ? '?file=' + encodeURIComponent(file) : ''));
    if (status !== 200) return;
    state.texts = data;
    state.textEdits = {};
    const select = $('text-file');
    select.replaceChildren(...data.files.map((f) => {
      const option = el('option', `${(t('files') || {})[f] || f} (${f})`);
      option.value = f;
      option.selected = f === data.file;
      return option;
    }));
    renderTexts();
  }

  $('text-file').addEventListener('change', () => loadTexts($('text-file').value));
  $('text-filter').addEventListener('input', () => renderTexts());
  $('text-stale-only').addEventListener('change', () => renderTexts());

  function orderedLanguages() {
    const langs = state.texts ? [...state.texts.languages] : [];
    const first = ['zh', 'en'].filter((l) => langs.includes(l));
    return [...first, ...langs.filter((l) => !first.includes(l)).sort()];
  }

  function renderTexts() {
    const data = state.texts;
    if (!data) return;
    const langs = orderedLanguages();
    const head = el('tr');
    head.append(el('th', t('key')));
    for (const lang of langs) { const th = el('th', langName(lang)); th.dataset.lang = lang; head.append(th); }
    $('text-table').tHead.replaceChildren(head);
    const filter = $('text-filter').value.trim().toLowerCase();
    const staleOnly = $('text-stale-only').checked;
    const body = $('text-table').tBodies[0];
    body.replaceChildren();
    let shown = 0;
    const staleRows = data.rows.filter((r) => r.outOfDate).length;
    for (const row of data.rows) {
      if (staleOnly && !row.outOfDate) continue;
      if (filter && !row.key.toLowerCase().includes(filter) && !Object.values(row.cells).some((c) => c.text.toLowerCase().includes(filter))) continue;
      body.append(textRow(row, langs));
      shown++;
    }
    if (!shown) { const tr = el('tr'); const td = el('td', t('noRows'), 'meta'); td.colSpan = langs.length + 1; tr.append(td); body.append(tr); }
    fitTextareas(body);
    if (!$('text-status').dataset.sticky) $('text-status').textContent = t('rowCount', data.rows.length, staleRows);
  }

  function textRow(row, langs) {
    const tr = el('tr');
    tr.dataset.key = row.key;
    // The key, the row's buttons and its problems share the first (sticky) column: in reach whichever language is being edited.
    const keyCell = el('th', null, 'text-key');
    keyCell.scope = 'row';
    keyCell.append(el('div', row.key, 'key-name'));
    tr.append(keyCell);
    const stale = new Set(row.outOfDate ? row.outOfDate.languages : []);
    const edits = state.textEdits[row.key] || {};
    for (const lang of langs) {
      const td = el('td');
      td.dataset.lang = lang;
      td.dataset.label = langName(lang);
      const cell = row.cells[lang];
      const area = el('textarea');
      area.value = edits[lang] ?? (cell ? cell.text : '');
      area.rows = 2;
      area.maxLength = 4000;
      area.readOnly = state.role !== 'editor';
      area.setAttribute('aria-label', `${row.key} · ${langName(lang)}`);
      if (lang === 'ar') area.dir = 'rtl';
      if (!cell) area.placeholder = t('missing');
      area.addEventListener('input', () => {
        const original = cell ? cell.text : '';
        const rowEdits = state.textEdits[row.key] || (state.textEdits[row.key] = {});
        if (area.value === original) delete rowEdits[lang]; else rowEdits[lang] = area.value;
        if (!Object.keys(rowEdits).length) delete state.textEdits[row.key];
        td.classList.toggle('edited', area.value !== original);
        fitTextarea(area);
        updateRowButtons(tr, row.key);
      });
      td.append(area);
      if (stale.has(lang)) {
        td.classList.add('stale');
        const badge = el('span', t('outOfDate'), 'stale-badge');
        badge.title = t('outOfDateTitle', row.outOfDate.changedIn.map(langName).join('、'), row.outOfDate.author);
        td.append(badge);
      }
      if (edits[lang] !== undefined) td.classList.add('edited');
      tr.append(td);
    }
    const actions = el('div', null, 'row-actions');
    if (state.role === 'editor') {
      const save = el('button', t('save'), 'save-row');
      save.type = 'button';
      save.addEventListener('click', () => saveRow(tr, row.key));
      const undo = el('button', t('undo'), 'undo-row');
      undo.type = 'button';
      undo.addEventListener('click', () => { delete state.textEdits[row.key]; const fresh = textRow(row, langs); tr.replaceWith(fresh); fitTextareas(fresh); });
      actions.append(save, undo);
    }
    keyCell.append(actions, el('div', null, 'row-problems'));
    updateRowButtons(tr, row.key);
    return tr;
  }

  // Each box as tall as its text (up to a limit), so a translator sees the whole sentence without scrolling inside it.
  function fitTextareas(root) {
    if (!root.offsetParent) return; // hidden: nothing to measure; fitted again when shown
    root.querySelectorAll('textarea').forEach(fitTextarea);
  }

  function fitTextarea(area) {
    area.style.height = 'auto';
    if (area.scrollHeight > 0) area.style.height = Math.min(area.scrollHeight + 4, 220) + 'px';
  }

  function updateRowButtons(tr, key) {
    const dirty = !!state.textEdits[key];
    tr.classList.toggle('dirty', dirty);
    tr.querySelectorAll('.save-row, .undo-row').forEach((b) => { b.disabled = !dirty; });
  }

  async function saveRow(tr, key) {
    const values = state.textEdits[key];
    if (!values) return;
    const problems = tr.querySelector('.row-problems');
    problems.replaceChildren(el('span', t('saving'), 'meta'));
    $('text-status').textContent = t('saving');
    $('text-status').className = '';
    $('text-status').dataset.sticky = '1';
    const { status, data } = await api('PUT', '/operator/api/texts', { file: state.texts.file, key, values });
    if (status === 200) {
      const statusLine = $('text-status');
      statusLine.textContent = t('saved', key);
      statusLine.className = 'ok';
      statusLine.dataset.sticky = '1';
      setTimeout(() => { delete statusLine.dataset.sticky; }, 8000);
      const keepFilter = $('text-filter').value;
      await loadTexts(state.texts.file);
      $('text-filter').value = keepFilter;
      renderTexts();
      loadFiles();
      return;
    }
    $('text-status').textContent = '';
    delete $('text-status').dataset.sticky;
    problems.replaceChildren(el('strong', t('notSaved'), 'error'));
    const list = data && data.problems ? data.problems : [{ message: (data && (data.detail || data.title)) || String(status) }];
    for (const p of list) {
      const where = p.path ? `${p.path} ${t('line')} ${p.line}${t('lineSuffix')}：` : '';
      const line = el('div', where + problemText(p.message), 'error');
      line.title = p.message;
      problems.append(line);
    }
  }

  // ---- Flows and raw JSON. ----
  async function loadFiles() {
    const { data } = await api('GET', '/operator/api/files');
    const list = $('files');
    list.replaceChildren();
    const groups = [['flow', t('flowsGroup')], ['texts', t('textsGroup')], ['review', t('reviewGroup')]];
    for (const [kind, title] of groups) {
      list.append(el('li', title, 'group'));
      for (const file of data.filter((f) => f.kind === kind)) {
        const item = el('li');
        if (file.problems.length) item.classList.add('rejected');
        if (state.drafts[file.path] !== undefined) item.classList.add('draft');
        const button = el('button', file.path);
        button.type = 'button';
        button.dataset.path = file.path;
        button.title = file.problems.length ? file.problems[0].message : (file.inForce ? t('inForce') : '');
        if (file.path === state.path) button.setAttribute('aria-current', 'true');
        button.addEventListener('click', () => openFile(file.path));
        item.append(button);
        list.append(item);
      }
    }
  }

  async function openFile(path) {
    const { status, data } = await api('GET', '/operator/api/file?path=' + encodeURIComponent(path));
    if (status !== 200) return;
    state.path = path;
    state.published[path] = data.text;
    $('file-title').textContent = path;
    $('editor').disabled = state.role !== 'editor';
    $('editor').value = state.drafts[path] ?? data.text;
    showProblems(data.problems || []);
    updateButtons();
    await loadFiles();
    if (state.drafts[path] !== undefined) validate();
  }

  $('editor').addEventListener('input', () => {
    if (!state.path) return;
    const text = $('editor').value;
    if (text === state.published[state.path]) delete state.drafts[state.path]; else state.drafts[state.path] = text;
    updateButtons();
    clearTimeout(state.validateTimer);
    state.validateTimer = setTimeout(validate, 300);
  });

  async function validate() {
    if (!state.path) return;
    const { data } = await api('POST', '/operator/api/validate', { path: state.path, text: $('editor').value });
    showProblems(data.problems, data.ok);
    $('publish').disabled = !data.ok || state.drafts[state.path] === undefined;
    loadFiles();
  }

  function showProblems(problems, ok) {
    const list = $('problems');
    list.replaceChildren();
    for (const p of problems) {
      const item = el('li', `${p.path} ${t('line')} ${p.line}${t('lineSuffix')}:${p.column} — ${problemText(p.message)}`, p.severity === 'warning' ? 'warning' : '');
      item.title = p.message;
      list.append(item);
    }
    const errors = problems.filter((p) => p.severity !== 'warning').length;
    $('status').textContent = ok === undefined ? '' : errors ? t('problemsCount', errors) : t('valid');
    $('status').className = ok && !errors ? 'ok' : 'error';
  }

  function updateButtons() {
    const dirty = state.path && state.drafts[state.path] !== undefined;
    $('publish').disabled = !dirty;
    $('discard').disabled = !dirty;
  }

  $('discard').addEventListener('click', () => {
    delete state.drafts[state.path];
    $('editor').value = state.published[state.path];
    showProblems([]);
    updateButtons();
    loadFiles();
  });

  $('publish').addEventListener('click', async () => {
    const path = state.path;
    const { status, data } = await api('PUT', '/operator/api/file?path=' + encodeURIComponent(path), { text: $('editor').value, message: $('message').value });
    if (status === 200) {
      delete state.drafts[path];
      state.published[path] = $('editor').value;
      $('status').textContent = t('published', data.version);
      $('status').className = 'ok';
      $('message').value = '';
      updateButtons();
      loadTexts(state.texts && state.texts.file);
    } else {
      showProblems(data.problems || [], false);
    }
    await loadFiles();
  });

  // ---- Preview: the real bot, on a conversation of its own, running the published files with the drafts laid over. ----
  async function preview(body) {
    const { status, data } = await api('POST', '/operator/api/preview', { drafts: state.drafts, conversation: state.conversation, locale: $('preview-locale').value, ...body });
    const log = $('preview-log');
    if (status === 422) {
      log.append(el('li', t('draftInvalid') + (data.problems.find((p) => p.severity !== 'warning')?.message ?? ''), 'note'));
    }
    for (const reply of data.replies || []) {
      const item = el('li', reply.text || '', 'bot');
      for (const attachment of reply.attachments || []) item.append(el('div', `[${t('card')}: ${attachment.contentType}]`, 'meta'));
      for (const choice of reply.suggestedActions || []) item.append(el('span', choice, 'choice'));
      log.append(item);
    }
    log.scrollTop = log.scrollHeight;
  }

  async function restartPreview() {
    state.conversation = Math.random().toString(36).slice(2, 10);
    $('preview-log').replaceChildren();
    await preview({ start: true });
  }

  $('preview-restart').addEventListener('click', restartPreview);
  $('preview-locale').addEventListener('change', restartPreview);
  $('preview-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = $('preview-input').value.trim();
    if (!text) return;
    $('preview-log').append(el('li', text, 'buyer'));
    $('preview-input').value = '';
    await preview({ text });
  });

  // ---- History, log, audit, missing texts. ----
  const currentTab = () => document.querySelector('[data-tab][aria-selected="true"]').dataset.tab;
  document.querySelectorAll('[data-tab]').forEach((button) => button.addEventListener('click', () => {
    document.querySelectorAll('[data-tab]').forEach((b) => b.setAttribute('aria-selected', String(b === button)));
    document.querySelectorAll('.tab').forEach((tab) => { tab.hidden = tab.id !== 'tab-' + button.dataset.tab; });
    loadTab(button.dataset.tab);
  }));

  const actionName = (action) => (t('actions') || {})[action] || action;
  const when = (at) => new Date(at).toLocaleString(state.lang === 'zh' ? 'zh-CN' : 'en-GB');

  async function loadTab(name) {
    if (name === 'history') {
      const { data } = await api('GET', '/operator/api/history');
      const list = $('history');
      list.replaceChildren();
      for (const v of data) {
        const item = el('li');
        item.dataset.id = v.id;
        item.dataset.action = v.action;
        const show = el('button', `#${v.id} ${actionName(v.action)} · ${v.path} · ${v.author} · ${when(v.at)}`);
        show.type = 'button';
        show.className = 'show-diff';
        show.addEventListener('click', () => showDiff(v.id));
        item.append(show);
        if (state.role === 'editor' && !v.removed) {
          const rollback = el('button', t('rollback'));
          rollback.type = 'button';
          rollback.className = 'rollback';
          rollback.addEventListener('click', async () => {
            const { status, data: result } = await api('POST', `/operator/api/history/${v.id}/rollback`);
            if (status === 200 && state.path === v.path) { delete state.drafts[v.path]; await openFile(v.path); }
            await Promise.all([loadTab('history'), loadFiles(), loadTexts(state.texts && state.texts.file)]);
            $('history-status')?.remove();
            const line = el('p', status === 200 ? t('rolledBack', v.id) : t('rollbackRefused') + (result.problems?.[0]?.message ?? ''), status === 200 ? 'ok' : 'error');
            line.id = 'history-status';
            line.setAttribute('role', 'status');
            $('tab-history').prepend(line);
          });
          item.append(rollback);
        }
        list.append(item);
      }
    } else if (name === 'log') {
      const { data } = await api('GET', '/operator/api/log');
      $('log').replaceChildren(...data.map((e) => {
        const item = el('li', `${new Date(e.at).toLocaleTimeString()} ${(t('logKinds') || {})[e.kind] || e.kind} ${e.path ?? ''} (${e.user ?? ''}): ${e.message}`, e.kind === 'rejected' ? 'rejected' : '');
        item.dataset.kind = e.kind;
        for (const p of e.problems || []) item.append(el('div', `${p.path}:${p.line}:${p.column} ${p.message}`, 'meta'));
        return item;
      }));
    } else if (name === 'audit') {
      const { data } = await api('GET', '/operator/api/audit');
      $('audit').replaceChildren(...data.map((e) => el('li', `${when(e.at)} ${e.user} ${actionName(e.action)} ${e.path ?? ''} ${e.detail ?? ''}`)));
    } else if (name === 'missing') {
      const { data } = await api('GET', '/operator/api/missing-texts');
      $('missing').replaceChildren(...Object.entries(data).map(([lang, keys]) => el('li', `${langName(lang)}: ${keys.length ? t('missingCount', keys.length, keys.join(', ')) : t('complete')}`)));
    }
  }

  async function showDiff(id) {
    const { data } = await api('GET', `/operator/api/history/${id}`);
    $('diff').replaceChildren(...data.diff.map((line) => el('span', `${line.op} ${line.text}\n`, line.op === '+' ? 'add' : line.op === '-' ? 'del' : '')));
  }

  // ---- Engine settings (editors). Secrets are never shown: the server only sends hints such as ••••1234. ----
  const engineFields = {
    azureTranslator: { key: 'at-key', region: 'at-region', endpoint: 'at-endpoint', hint: 'keyHint' },
    azureSpeech: { key: 'as-key', region: 'as-region', endpoint: 'as-endpoint', hint: 'keyHint' },
  };

  async function loadEngines() {
    const { status, data } = await api('GET', '/operator/api/engines');
    if (status !== 200) { $('engine-status').textContent = (data && (data.detail || data.title)) || String(status); return; }
    showEngines(data);
  }

  function showEngines(data) {
    $('engines-restart').hidden = !data.restartNeeded;
    $('use-azure-translator').checked = data.translatorEngines.includes('azure');
    $('use-openai').checked = data.translatorEngines.includes('openai');
    $('use-azure-speech').checked = data.speechEngines.includes('azure');
    for (const [section, ids] of Object.entries(engineFields)) {
      const values = data[section];
      $(ids.key).value = '';
      $(ids.key).placeholder = values.keyHint ? t('keyHint', values.keyHint) : t('noKey');
      $(ids.region).value = values.region || '';
      $(ids.endpoint).value = values.endpoint || '';
    }
    $('oa-base').value = data.openAi.baseUrl || '';
    $('oa-model').value = data.openAi.model || '';
    $('oa-key').value = '';
    $('oa-key').placeholder = data.openAi.apiKeyHint ? t('keyHint', data.openAi.apiKeyHint) : t('noKey');
    const body = $('engine-health').tBodies[0];
    body.replaceChildren(...data.health.map((h) => {
      const tr = el('tr', null, 'health-' + h.status);
      tr.append(el('td', (t('kinds') || {})[h.kind] || h.kind), el('td', h.name), el('td', (t('health') || {})[h.status] || h.status), el('td', h.detail));
      return tr;
    }));
  }

  function engineUpdate() {
    const azure = (ids) => ({ key: $(ids.key).value.trim() || null, clearKey: false, region: $(ids.region).value.trim() || null, endpoint: $(ids.endpoint).value.trim() || null });
    return {
      translatorEngines: [$('use-azure-translator').checked && 'azure', $('use-openai').checked && 'openai'].filter(Boolean),
      speechEngines: [$('use-azure-speech').checked && 'azure'].filter(Boolean),
      azureTranslator: azure(engineFields.azureTranslator),
      azureSpeech: azure(engineFields.azureSpeech),
      openAi: { baseUrl: $('oa-base').value.trim() || null, model: $('oa-model').value.trim() || null, apiKey: $('oa-key').value.trim() || null, clearApiKey: false },
    };
  }

  function showFieldProblems(problems) {
    document.querySelectorAll('#engine-form .field-error').forEach((p) => { p.textContent = ''; });
    for (const p of problems || []) {
      const target = document.querySelector(`#engine-form .field-error[data-field="${CSS.escape(p.field)}"]`);
      if (target) target.textContent = p.message; else $('engine-status').textContent += ' ' + p.message;
    }
  }

  $('engine-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('engine-status').textContent = '';
    const { status, data } = await api('PUT', '/operator/api/engines', engineUpdate());
    showFieldProblems(status === 400 ? data.problems : []);
    if (status === 200) {
      $('engine-status').textContent = t('engineSaved');
      $('engine-status').className = 'ok';
      showEngines(data);
    } else {
      $('engine-status').textContent = status === 400 && data.problems ? t('engineNotSaved') : ((data && (data.detail || data.title)) || String(status));
      $('engine-status').className = 'error';
      if (status === 400 && data.problems) showFieldProblems(data.problems);
    }
  });

  document.querySelectorAll('#engine-form button.test').forEach((button) => button.addEventListener('click', async () => {
    const engine = button.dataset.engine;
    const result = document.querySelector(`[data-result="${engine}"]`);
    result.textContent = t('testing');
    result.className = 'test-result';
    button.disabled = true;
    const update = engineUpdate();
    const { status, data } = await api('POST', '/operator/api/engines/test', { engine, azureTranslator: update.azureTranslator, azureSpeech: update.azureSpeech, openAi: update.openAi });
    button.disabled = false;
    if (status === 200) {
      result.textContent = `${data.ok ? '✔' : '✘'} ${data.message}${data.elapsedMs ? ` (${data.elapsedMs} ms)` : ''}`;
      result.className = 'test-result ' + (data.ok ? 'ok' : 'error');
    } else {
      result.textContent = '✘ ' + (data.problems ? data.problems.map((p) => p.message).join(' ') : (data.detail || data.title || status));
      result.className = 'test-result error';
    }
  }));

  // The log shows reloads from disk too: keep it fresh while the page shows it.
  setInterval(() => { if (!$('app').hidden && state.view === 'history' && !$('tab-log').hidden) loadTab('log'); }, 2000);

  const query = new URLSearchParams(location.search).get('lang');
  let saved = null;
  try { saved = localStorage.getItem('operator.lang'); } catch { /* private mode */ }
  state.lang = query === 'en' || query === 'zh' ? query : saved === 'en' ? 'en' : 'zh';
  applyLanguage();
  start();
})();
