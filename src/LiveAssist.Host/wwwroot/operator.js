// The operator page. Everything shown that came from a file or a buyer goes through textContent: inert.
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const state = { path: null, drafts: {}, published: {}, conversation: null, role: 'viewer', validateTimer: 0 };

  async function api(method, url, body) {
    const response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
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

  function showSignIn() { $('sign-in').hidden = false; $('app').hidden = true; $('sign-out').hidden = true; $('who').textContent = ''; }

  async function start() {
    const me = await fetch('/operator/api/me', { credentials: 'same-origin' });
    if (me.status !== 200) { showSignIn(); return; }
    const who = await me.json();
    state.role = who.role;
    $('who').textContent = `${who.name} · ${who.role}`;
    $('sign-in').hidden = true; $('app').hidden = false; $('sign-out').hidden = false;
    $('publish').hidden = who.role !== 'editor';
    await Promise.all([loadFiles(), loadTab('history'), loadTab('log')]);
    await restartPreview();
  }

  $('sign-in').addEventListener('submit', async (e) => {
    e.preventDefault();
    const { status, data } = await api('POST', '/operator/login', { name: $('name').value, password: $('password').value });
    if (status === 200) { $('sign-in-error').textContent = ''; $('password').value = ''; start(); }
    else $('sign-in-error').textContent = (data && data.detail) || 'Sign-in failed.';
  });

  $('sign-out').addEventListener('click', async () => { await api('POST', '/operator/logout'); showSignIn(); });

  async function loadFiles() {
    const { data } = await api('GET', '/operator/api/files');
    const list = $('files');
    list.replaceChildren();
    for (const file of data) {
      const item = el('li');
      if (file.problems.length) item.classList.add('rejected');
      if (state.drafts[file.path] !== undefined) item.classList.add('draft');
      const button = el('button', file.path);
      button.type = 'button';
      button.dataset.path = file.path;
      button.title = file.problems.length ? file.problems[0].message : (file.inForce ? 'in force' : '');
      if (file.path === state.path) button.setAttribute('aria-current', 'true');
      button.addEventListener('click', () => openFile(file.path));
      item.append(button);
      list.append(item);
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
    await loadTab('history');
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
      const item = el('li', `${p.path} line ${p.line}:${p.column} — ${p.message}`, p.severity === 'warning' ? 'warning' : '');
      list.append(item);
    }
    const errors = problems.filter((p) => p.severity !== 'warning').length;
    $('status').textContent = ok === undefined ? '' : errors ? `${errors} problem(s): not publishable` : 'Valid';
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
      $('status').textContent = `Published (content ${data.version})`;
      $('status').className = 'ok';
      $('message').value = '';
      updateButtons();
    } else {
      showProblems(data.problems || [], false);
    }
    await Promise.all([loadFiles(), loadTab('history'), loadTab('log')]);
  });

  // Preview: the real bot, on a conversation of its own, running the published files with the drafts laid over.
  async function preview(body) {
    const { status, data } = await api('POST', '/operator/api/preview', { drafts: state.drafts, conversation: state.conversation, locale: $('preview-locale').value, ...body });
    const log = $('preview-log');
    if (status === 422) {
      log.append(el('li', `Draft not valid: ${data.problems.find((p) => p.severity !== 'warning')?.message ?? ''}`, 'note'));
    }
    for (const reply of data.replies || []) {
      const item = el('li', reply.text || '', 'bot');
      for (const attachment of reply.attachments || []) item.append(el('div', `[card: ${attachment.contentType}]`, 'meta'));
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

  // History, log, audit, missing texts.
  document.querySelectorAll('[data-tab]').forEach((button) => button.addEventListener('click', () => {
    document.querySelectorAll('[data-tab]').forEach((b) => b.setAttribute('aria-selected', String(b === button)));
    document.querySelectorAll('.tab').forEach((t) => { t.hidden = t.id !== 'tab-' + button.dataset.tab; });
    loadTab(button.dataset.tab);
  }));

  async function loadTab(name) {
    if (name === 'history') {
      const { data } = await api('GET', '/operator/api/history' + (state.path ? '?path=' + encodeURIComponent(state.path) : ''));
      const list = $('history');
      list.replaceChildren();
      for (const v of data) {
        const item = el('li');
        item.dataset.id = v.id;
        const show = el('button', `#${v.id} ${v.action} · ${v.path} · ${v.author} · ${new Date(v.at).toLocaleString()}`);
        show.type = 'button';
        show.className = 'show-diff';
        show.addEventListener('click', () => showDiff(v.id));
        item.append(show);
        if (state.role === 'editor' && !v.removed) {
          const rollback = el('button', 'Roll back to this');
          rollback.type = 'button';
          rollback.className = 'rollback';
          rollback.addEventListener('click', async () => {
            const { status, data: result } = await api('POST', `/operator/api/history/${v.id}/rollback`);
            if (status === 200 && state.path === v.path) { delete state.drafts[v.path]; await openFile(v.path); }
            await Promise.all([loadTab('history'), loadTab('log'), loadFiles()]);
            $('status').textContent = status === 200 ? `Rolled back to #${v.id}` : `Rollback refused: ${result.problems?.[0]?.message ?? ''}`;
            $('status').className = status === 200 ? 'ok' : 'error';
          });
          item.append(rollback);
        }
        list.append(item);
      }
    } else if (name === 'log') {
      const { data } = await api('GET', '/operator/api/log');
      $('log').replaceChildren(...data.map((e) => el('li', `${new Date(e.at).toLocaleTimeString()} ${e.kind} ${e.path ?? ''} (${e.user ?? ''}): ${e.message}`, e.kind === 'rejected' ? 'rejected' : '')));
    } else if (name === 'audit') {
      const { data } = await api('GET', '/operator/api/audit');
      $('audit').replaceChildren(...data.map((e) => el('li', `${new Date(e.at).toLocaleString()} ${e.user} ${e.action} ${e.path ?? ''} ${e.detail ?? ''}`)));
    } else if (name === 'missing') {
      const { data } = await api('GET', '/operator/api/missing-texts');
      $('missing').replaceChildren(...Object.entries(data).map(([lang, keys]) => el('li', `${lang}: ${keys.length ? keys.length + ' missing (answered in en, then zh): ' + keys.join(', ') : 'complete'}`)));
    }
  }

  async function showDiff(id) {
    const { data } = await api('GET', `/operator/api/history/${id}`);
    const pre = $('diff');
    pre.replaceChildren(...data.diff.map((line) => el('span', `${line.op} ${line.text}\n`, line.op === '+' ? 'add' : line.op === '-' ? 'del' : '')));
  }

  // The log shows reloads from disk too: keep it fresh while the page is open.
  setInterval(() => { if (!$('app').hidden && !document.getElementById('tab-log').hidden) loadTab('log'); }, 2000);
  start();
})();
