// Captions overlay for OBS: listens to the session's caption stream for one language, shows partials
// updating in place and finals cue by cue, reconnects by itself and resumes after the last final seen.
(() => {
  'use strict';
  const sessionId = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] || '');
  const query = new URLSearchParams(location.search);
  const lang = (query.get('lang') || 'en').toLowerCase();
  const lines = Math.min(3, Math.max(1, parseInt(query.get('lines') || '2', 10) || 2));
  const fontSize = Math.min(120, Math.max(10, parseInt(query.get('fontSize') || '36', 10) || 36));
  const position = ['top', 'middle', 'bottom'].includes(query.get('position')) ? query.get('position') : 'bottom';
  // Broadcast-clean by default: the engine label only with engine=1 (a preview aid, never on air by accident).
  const showEngine = query.get('engine') === '1';
  const preview = query.get('preview') === '1';
  // mtLabel=1: a small "machine-translated" note under the captions (AI-content labelling), in the caption language.
  const mtLabel = query.get('mtLabel') === '1';
  const caption = document.getElementById('caption');
  const engine = document.getElementById('engine');
  const notice = document.getElementById('notice');
  const maxChars = { zh: 16, ja: 16, ko: 20, th: 35 }[lang] || 42;
  const splitsCharacters = ['zh', 'ja'].includes(lang);
  let lastSeq = 0;
  let source = null;
  let cueTimers = [];
  let clearTimer = null;

  document.documentElement.lang = lang;
  document.body.classList.add(position);
  document.body.style.fontSize = fontSize + 'px';
  document.body.dataset.lines = String(lines);

  const labels = {
    en: { price: 'Price', moq: 'MOQ', stock: 'Stock', lead: 'Lead time', days: 'days' },
    es: { price: 'Precio', moq: 'Pedido mín.', stock: 'Stock', lead: 'Plazo', days: 'días' },
    pt: { price: 'Preço', moq: 'Pedido mín.', stock: 'Estoque', lead: 'Prazo', days: 'dias' },
    fr: { price: 'Prix', moq: 'Qté min.', stock: 'Stock', lead: 'Délai', days: 'jours' },
    ru: { price: 'Цена', moq: 'Мин. заказ', stock: 'Наличие', lead: 'Срок', days: 'дн.' },
    ar: { price: 'السعر', moq: 'الحد الأدنى', stock: 'المخزون', lead: 'مدة التسليم', days: 'أيام' },
    zh: { price: '价格', moq: '起订量', stock: '库存', lead: '交期', days: '天' },
  }[lang] || { price: 'Price', moq: 'MOQ', stock: 'Stock', lead: 'Lead time', days: 'days' };
  document.querySelectorAll('[data-label]').forEach(el => { el.textContent = labels[el.dataset.label]; });
  if (mtLabel) {
    const mt = document.getElementById('mt-label');
    mt.textContent = {
      en: 'Machine-translated (AI)', es: 'Traducción automática (IA)', pt: 'Tradução automática (IA)', fr: 'Traduction automatique (IA)',
      ru: 'Машинный перевод (ИИ)', ar: 'ترجمة آلية (ذكاء اصطناعي)', de: 'Maschinell übersetzt (KI)', it: 'Traduzione automatica (IA)',
      zh: '机器翻译（AI 生成）', ja: '機械翻訳（AI）', ko: '기계 번역 (AI)', tr: 'Makine çevirisi (YZ)',
    }[lang] || 'Machine-translated (AI)';
    mt.hidden = false;
  }

  function number(value) {
    try { return new Intl.NumberFormat(lang).format(value); } catch { return String(value); }
  }

  // Lines as the server lays out finals: filled up to the language's length, broken between words (or characters for Chinese and Japanese).
  function wrap(text) {
    const tokens = splitsCharacters ? Array.from(text.replace(/\s+/g, '')) : text.split(/\s+/).filter(Boolean);
    const joiner = splitsCharacters ? '' : ' ';
    const out = [];
    let line = '';
    for (const token of tokens) {
      const next = line ? line + joiner + token : token;
      if (line && next.length > maxChars) { out.push(line); line = token; } else line = next;
    }
    if (line) out.push(line);
    return out;
  }

  // A partial shows its last lines laid out like a final, so it never starts mid-word.
  function tail(text) {
    const all = wrap(text);
    return all.slice(Math.max(0, all.length - lines)).join('\n');
  }

  // The final's cues re-laid for the overlay's own number of lines: each cue's time shared by its lines.
  function screens(data) {
    const cues = data.cues && data.cues.length ? data.cues : [{ startMs: data.startMs, endMs: data.endMs, lines: wrap(data.text) }];
    const timed = [];
    for (const cue of cues) {
      const each = (cue.endMs - cue.startMs) / Math.max(1, cue.lines.length);
      cue.lines.forEach((l, i) => timed.push({ startMs: cue.startMs + i * each, endMs: cue.startMs + (i + 1) * each, line: l }));
    }
    const out = [];
    for (let i = 0; i < timed.length; i += lines) {
      const group = timed.slice(i, i + lines);
      out.push({ startMs: group[0].startMs, endMs: group[group.length - 1].endMs, lines: group.map(g => g.line) });
    }
    return out;
  }

  function showNotice(text) {
    if (!preview) return; // on air the page stays transparent, whatever is wrong
    notice.textContent = text;
    notice.hidden = false;
  }

  function show(text, kind, data) {
    caption.textContent = text; // textContent: whatever the host said stays text
    caption.dataset.kind = kind;
    caption.dataset.seq = String(data.seq);
    caption.dir = data.dir || 'auto';
    engine.hidden = !showEngine;
    engine.textContent = data.engine + (data.draft ? ' · draft' : '');
    engine.dataset.engine = data.engine;
    clearTimeout(clearTimer);
  }

  function onCaption(data) {
    if (data.kind === 'partial') {
      if (data.seq <= lastSeq) return;
      cueTimers.forEach(clearTimeout);
      cueTimers = [];
      show(tail(data.text), 'partial', data);
      return;
    }
    if (data.seq < lastSeq) return;
    lastSeq = data.seq;
    cueTimers.forEach(clearTimeout);
    cueTimers = [];
    if (!data.text) { caption.textContent = ''; return; } // withheld from buyers
    const cues = screens(data);
    const first = cues[0].startMs;
    cues.forEach((cue, i) => {
      const at = cue.startMs - first;
      const render = () => show(cue.lines.join('\n'), 'final', data);
      if (i === 0) render(); else cueTimers.push(setTimeout(render, at));
    });
    const total = cues[cues.length - 1].endMs - first;
    clearTimer = setTimeout(() => { caption.textContent = ''; }, total + 4000);
  }

  function onProduct(card) {
    document.getElementById('card').hidden = false;
    document.getElementById('card').dataset.product = card.productId;
    document.getElementById('card-title').textContent = card.title || card.productId;
    document.getElementById('card-price').textContent = (card.priceTiers || [])
      .map(t => '≥' + number(t.minQty) + ': ' + number(t.unitPrice) + ' ' + t.currency).join(' · ');
    document.getElementById('card-moq').textContent = card.moq != null ? number(card.moq) + (card.unit ? ' ' + card.unit : '') : '—';
    document.getElementById('card-stock').textContent = number(card.stockTotal);
    document.getElementById('card-lead').textContent = card.leadTimeDays != null ? card.leadTimeDays + ' ' + labels.days : '—';
  }

  // A wrong session id or language: a small notice in preview (?preview=1), nothing on air; checked again now and then.
  async function check() {
    try {
      const response = await fetch('/api/sessions/' + encodeURIComponent(sessionId));
      if (response.status === 404) { showNotice('LiveAssist: no live session "' + sessionId + '" — check the overlay address.'); return false; }
      if (!response.ok) return true;
      const info = await response.json();
      const languages = [info.sourceLanguage].concat(info.targetLanguages).map(l => l.split('-')[0].toLowerCase());
      if (!languages.includes(lang)) {
        showNotice('LiveAssist: this live has no "' + lang + '" captions (it has: ' + languages.filter((l, i) => languages.indexOf(l) === i).join(', ') + ').');
        return false;
      }
      notice.hidden = true;
      return true;
    } catch (e) { return true; }
  }

  function connect() {
    if (source) source.close();
    // First load: only a line still on screen (after=recent), never an old one; reconnects resume after the last final seen.
    const url = '/api/sessions/' + encodeURIComponent(sessionId) + '/captions/stream?lang=' + encodeURIComponent(lang)
      + (lastSeq > 0 ? '&after=' + lastSeq : '&after=recent');
    source = new EventSource(url);
    source.addEventListener('caption', e => onCaption(JSON.parse(e.data)));
    source.addEventListener('product', e => onProduct(JSON.parse(e.data)));
    source.addEventListener('open', () => { document.body.dataset.connected = 'true'; });
    source.addEventListener('error', () => {
      document.body.dataset.connected = 'false';
      // EventSource retries by itself while the server is merely unreachable; after an HTTP error it gives up, so start over.
      if (source.readyState === EventSource.CLOSED) setTimeout(start, 1000);
    });
  }

  async function start() {
    if (await check()) connect(); else setTimeout(start, 10000);
  }

  start();
})();
