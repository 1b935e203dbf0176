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
  const showEngine = query.get('engine') !== '0';
  const caption = document.getElementById('caption');
  const engine = document.getElementById('engine');
  let lastSeq = 0;
  let source = null;
  let cueTimers = [];
  let clearTimer = null;

  document.documentElement.lang = lang;
  document.body.classList.add(position);
  document.body.style.fontSize = fontSize + 'px';
  caption.style.maxHeight = (lines * 1.3 + 0.3) + 'em';
  caption.style.overflow = 'hidden';

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

  function number(value) {
    try { return new Intl.NumberFormat(lang).format(value); } catch { return String(value); }
  }

  // Only the tail that fits the allowed lines: a long partial scrolls, it does not grow.
  function tail(text) {
    const max = (['zh', 'ja'].includes(lang) ? 16 : 42) * lines;
    return text.length > max ? '…' + text.slice(text.length - max + 1) : text;
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
    const cues = data.cues && data.cues.length ? data.cues : [{ startMs: data.startMs, endMs: data.endMs, lines: [data.text] }];
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

  function connect() {
    if (source) source.close();
    const url = '/api/sessions/' + encodeURIComponent(sessionId) + '/captions/stream?lang=' + encodeURIComponent(lang)
      + (lastSeq > 0 ? '&after=' + lastSeq : '');
    source = new EventSource(url);
    source.addEventListener('caption', e => onCaption(JSON.parse(e.data)));
    source.addEventListener('product', e => onProduct(JSON.parse(e.data)));
    source.addEventListener('open', () => { document.body.dataset.connected = 'true'; });
    source.addEventListener('error', () => {
      document.body.dataset.connected = 'false';
      // EventSource retries by itself while the server is merely unreachable; after an HTTP error it gives up, so start over.
      if (source.readyState === EventSource.CLOSED) setTimeout(connect, 1000);
    });
  }

  connect();
})();
