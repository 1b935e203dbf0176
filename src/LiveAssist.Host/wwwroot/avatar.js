// Digital presenter for OBS: listens to the session's final captions in one language, fetches each
// line's voice and viseme track, and plays lines one at a time with the mouth following the audio
// clock. When the host talks faster than the presenter can speak it plays the backlog faster, and
// skips lines that are too old or too many (logged in window.avatarLog and #skipped).
// The look is the live's choice in the studio (GET /api/sessions/{id}/presenter; ?look= and ?framing= override it):
// the built-in drawn presenter, the merchant's VRM / glTF model (avatar-vrm.js, three.js + three-vrm), or Azure's
// photoreal avatar (avatar-azure.js). window.__presenter is read-only state for tests and the studio's preview.
(() => {
  'use strict';
  const sessionId = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] || '');
  const query = new URLSearchParams(location.search);
  const lang = (query.get('lang') || 'en').toLowerCase();
  const maxWaiting = Math.max(0, parseInt(query.get('maxWaiting') || '2', 10));
  const staleMs = Math.max(1000, parseInt(query.get('staleMs') || '12000', 10));
  const fontSize = Math.min(120, Math.max(10, parseInt(query.get('fontSize') || '30', 10) || 30));
  const debug = query.get('debug') === '1';
  const mouth = document.getElementById('mouth');
  const caption = document.getElementById('caption');
  const engine = document.getElementById('engine');
  const skipped = document.getElementById('skipped');
  const soundButton = document.getElementById('sound');
  const log = window.avatarLog = [];
  const queue = [];
  const seen = new Set();
  let lastSeq = null;
  let playing = false;
  let soundAllowed = true;
  let clearTimer = null;
  let renderer = null; // the 3D or Azure presenter when one is running; null: the drawn one
  let clock = null; // the line being spoken: { seq, now() } on its audio clock
  const state = window.__presenter = {
    look: 'builtin', framing: 'bust', ready: false, viseme: 0, mood: null, error: null, frames: [],
    audioMs: () => (clock ? clock.now() : null), seq: () => (clock ? clock.seq : null),
    // The viseme due now on the line's audio clock: a renderer drawing at its own frame rate asks at draw time.
    visemeNow: () => {
      if (!clock || !clock.visemes) return 0;
      const t = clock.now();
      let id = 0;
      for (const v of clock.visemes) { if (v.offsetMs > t) break; id = v.id; }
      return id;
    },
  };
  const figure = document.getElementById('presenter');

  document.documentElement.lang = lang;
  document.body.style.fontSize = fontSize + 'px';

  // The presenter is machine-made and says so: aiLabel= replaces the words (aiLabel=0 hides it, for a scene that
  // already labels the source), aiLabelPosition= top-left | top-right | bottom-left | bottom-right.
  const aiLabel = document.getElementById('ai-label');
  if (query.get('aiLabel') === '0') {
    aiLabel.hidden = true;
  } else if (query.get('aiLabel')) {
    aiLabel.textContent = query.get('aiLabel').slice(0, 80);
  }
  if (['top-left', 'top-right', 'bottom-left', 'bottom-right'].includes(query.get('aiLabelPosition'))) {
    aiLabel.dataset.position = query.get('aiLabelPosition');
  }

  // Mouth per Azure viseme id: [how open, how wide, how rounded], each 0..1 (shapes: docs/visemes.md).
  const shapes = [
    [0, 0.5, 0], [0.45, 0.6, 0], [0.9, 0.55, 0], [0.7, 0.4, 0.5], [0.5, 0.6, 0.1], [0.4, 0.4, 0.5],
    [0.2, 0.9, 0], [0.25, 0.15, 1], [0.55, 0.3, 0.8], [0.75, 0.45, 0.5], [0.55, 0.5, 0.6], [0.75, 0.7, 0],
    [0.5, 0.55, 0], [0.3, 0.35, 0.5], [0.3, 0.55, 0], [0.12, 0.75, 0], [0.2, 0.35, 0.8], [0.18, 0.6, 0],
    [0.1, 0.6, 0], [0.22, 0.55, 0], [0.3, 0.5, 0], [0, 0.5, 0],
  ];

  function mouthPath(id) {
    const [open, wide, round] = shapes[id] || shapes[1];
    const half = 15 + 11 * wide - 5 * round;
    const top = 266 - (1 + 8 * open);
    const bottom = 266 + (1.5 + 24 * open) + (state.mood === 'happy' ? 3 : 0);
    const corner = 266 - (state.mood === 'happy' ? 5 : 0); // a greeting or thanks is said smiling
    return `M${200 - half} ${corner} Q200 ${top} ${200 + half} ${corner} Q200 ${bottom} ${200 - half} ${corner} Z`;
  }

  function setMouth(id, detail) {
    if (mouth.dataset.viseme === String(id)) return;
    mouth.setAttribute('d', mouthPath(id));
    mouth.dataset.viseme = String(id);
    state.viseme = id;
    if (renderer) renderer.viseme(id);
    log.push(Object.assign({ type: 'viseme', id, wall: performance.now() }, detail));
  }

  // Greetings and thanks get a smile (VRM "happy"); words per caption language, checked on the buyer's text.
  const moods = /\b(welcome|hello|hi|thank|thanks|bienvenid\w*|hola|gracias|bem-vind\w*|olá|obrigad\w*|bienvenue|bonjour|merci|willkommen|hallo|danke|benvenut\w*|grazie|selamat datang|terima kasih|xin chào|cảm ơn|hoş geldiniz|teşekkür\w*)\b|добро пожаловать|здравствуй|спасибо|أهلا|مرحبا|شكرا|欢迎|谢谢|感谢|你好|ようこそ|ありがとう|환영|감사|ยินดีต้อนรับ|ขอบคุณ/iu;
  function moodOf(text) { return moods.test(text || '') ? 'happy' : null; }

  function setMood(mood) {
    state.mood = mood;
    document.body.classList.toggle('happy', mood === 'happy');
    mouth.setAttribute('d', mouthPath(state.viseme));
    if (renderer) renderer.mood(mood);
  }

  // Framing of the drawn presenter: the part of the drawing shown (head, head and shoulders, to the waist).
  const framings = { head: '85 66 230 276', bust: '20 60 360 432', half: '-40 30 480 576' };
  function applyFraming(framing) {
    state.framing = framings[framing] ? framing : 'bust';
    figure.dataset.framing = state.framing;
    document.getElementById('builtin').setAttribute('viewBox', framings[state.framing]);
  }

  async function loadLook() {
    let settings = {};
    try {
      const response = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}/presenter`);
      if (response.ok) settings = await response.json();
    } catch { /* the drawn presenter needs nothing */ }
    const look = query.get('look') || settings.look || 'builtin';
    applyFraming(query.get('framing') || settings.framing);
    try {
      if (look === 'model' && settings.model) {
        const module = await import('/avatar-vrm.js');
        renderer = await module.create(document.getElementById('stage3d'), settings.model.url, state.framing, state);
      } else if (look === 'azure-avatar') {
        const module = await import('/avatar-azure.js');
        renderer = await module.create(document.getElementById('azure-avatar'), sessionId, lang, settings, state);
      }
    } catch (e) {
      // A model that does not load, or an avatar service that does not answer: the drawn presenter speaks instead.
      state.error = String(e && e.message || e);
      console.warn('presenter look failed, using the built-in presenter', e);
      renderer = null;
    }

    state.look = renderer ? look : 'builtin';
    figure.dataset.look = state.look;
    document.getElementById('builtin').toggleAttribute('hidden', !!renderer);
    state.ready = true;
  }

  // The Azure avatar gives up mid-live (session limit, network): the drawn presenter takes over for the next line.
  state.fallBack = reason => {
    if (!renderer) return;
    log.push({ type: 'fallback', reason, wall: performance.now() });
    state.error = reason;
    try { renderer.dispose && renderer.dispose(); } catch { /* already gone */ }
    renderer = null;
    state.look = 'builtin';
    figure.dataset.look = 'builtin';
    document.getElementById('builtin').removeAttribute('hidden');
  };

  function skip(item, reason) {
    log.push({ type: 'skipped', seq: item.seq, reason, wall: performance.now() });
    const entry = document.createElement('li');
    entry.textContent = `line ${item.seq} skipped: ${reason}`;
    skipped.appendChild(entry);
    console.info('presenter skipped line', item.seq, reason);
  }

  function enqueue(seq) {
    if (seen.has(seq)) return;
    seen.add(seq);
    queue.push({ seq, arrived: performance.now() });
    pump();
  }

  // Catch-up: never more than maxWaiting lines behind, never a line older than staleMs (the newest is always kept).
  function next() {
    const now = performance.now();
    while (queue.length > 1 && (queue.length - 1 > maxWaiting || now - queue[0].arrived > staleMs)) {
      const old = queue.shift();
      skip(old, queue.length > maxWaiting ? 'backlog' : 'stale');
    }
    return queue.shift();
  }

  async function fetchLine(seq) {
    for (let attempt = 0; attempt < 4; attempt++) {
      try {
        const response = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}/speech/${seq}?lang=${encodeURIComponent(lang)}`);
        if (response.ok) return await response.json();
      } catch { /* retried */ }
      await new Promise(r => setTimeout(r, 400 * (attempt + 1)));
    }
    return null;
  }

  async function pump() {
    if (playing) return;
    playing = true;
    try {
      let item;
      while ((item = next())) {
        const line = await fetchLine(item.seq);
        if (!line) { skip(item, 'unavailable'); continue; }
        // A backlog is spoken faster (pitch kept) so the presenter catches up instead of dropping lines.
        const rate = Math.min(1.5, 1 + 0.25 * queue.length);
        await play(line, rate);
      }
    } finally {
      playing = false;
      document.body.classList.add('idle');
      clearTimer = setTimeout(() => { caption.textContent = ''; }, 2500);
    }
  }

  async function startClock(line, rate) {
    if (line.audioUrl && soundAllowed) {
      const audio = new Audio(line.audioUrl);
      audio.preservesPitch = true;
      audio.playbackRate = rate;
      try {
        await audio.play();
        return { now: () => audio.currentTime * 1000, done: () => audio.ended || audio.error !== null, audio };
      } catch {
        soundAllowed = false; // autoplay refused: keep going silently until someone clicks
        soundButton.hidden = false;
      }
    }
    const started = performance.now();
    return { now: () => (performance.now() - started) * rate, done: t => t >= line.durationMs, audio: null };
  }

  async function play(line, rate) {
    clearTimeout(clearTimer);
    document.body.classList.remove('idle');
    const cues = line.cues && line.cues.length ? line.cues : [{ offsetMs: 0, text: line.text }];
    let cue = 0;
    caption.textContent = cues[0].text; // textContent: the host's words stay text
    caption.dir = line.dir || 'auto';
    caption.dataset.seq = String(line.seq);
    // Which engine and voice spoke is for the merchant checking a scene (debug=1), not for buyers.
    engine.hidden = !debug;
    engine.textContent = line.engine + (line.voice && line.voice !== 'none' ? ' · ' + line.voice : '') + (line.flags.includes('fallback') ? ' · fallback' : '');
    engine.dataset.engine = line.engine;
    setMood(moodOf(line.text));
    if (renderer && renderer.speak) {
      // The Azure avatar speaks the line's SSML with its own voice and lips; the caption still follows the line's timings.
      const spoken = await renderer.speak(line, rate).catch(e => { state.fallBack(String(e && e.message || e)); return false; });
      if (spoken) {
        log.push({ type: 'start', seq: line.seq, rate, audio: false, avatar: true, text: caption.textContent, wall: performance.now() });
        const began = performance.now();
        await new Promise(resolve => {
          const frame = () => {
            const t = (performance.now() - began) * rate;
            while (cue + 1 < cues.length && cues[cue + 1].offsetMs <= t) caption.textContent = cues[++cue].text;
            if (t >= line.durationMs) { resolve(); return; }
            requestAnimationFrame(frame);
          };
          requestAnimationFrame(frame);
        });
        await spoken.done;
        setMood(null);
        log.push({ type: 'end', seq: line.seq, wall: performance.now() });
        return;
      }
    }

    clock = await startClock(line, rate);
    clock.seq = line.seq;
    clock.visemes = line.visemes || [];
    log.push({ type: 'start', seq: line.seq, rate, audio: !!clock.audio, text: caption.textContent, wall: performance.now() });
    const visemes = line.visemes || [];
    let index = -1;
    await new Promise(resolve => {
      const frame = () => {
        const t = clock.now();
        let i = index;
        while (i + 1 < visemes.length && visemes[i + 1].offsetMs <= t) i++;
        if (i !== index && i >= 0) {
          index = i;
          setMouth(visemes[i].id, { seq: line.seq, offsetMs: visemes[i].offsetMs, audioMs: t });
        }
        // The caption moves screenful by screenful with the voice.
        while (cue + 1 < cues.length && cues[cue + 1].offsetMs <= t) caption.textContent = cues[++cue].text;
        if (clock.done(t)) { resolve(); return; }
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    setMouth(0, { seq: line.seq, offsetMs: line.durationMs, audioMs: clock.now() });
    clock = null;
    setMood(null);
    log.push({ type: 'end', seq: line.seq, wall: performance.now() });
  }

  soundButton.addEventListener('click', () => { soundAllowed = true; soundButton.hidden = true; });

  function connect() {
    // Only what is said from now on; after a reconnect, what came after the last line heard.
    const after = lastSeq === null ? 'latest' : String(lastSeq);
    const url = `/api/sessions/${encodeURIComponent(sessionId)}/captions/stream?lang=${encodeURIComponent(lang)}&after=${after}`;
    const source = new EventSource(url);
    source.addEventListener('caption', e => {
      const data = JSON.parse(e.data);
      if (data.kind !== 'final') return;
      lastSeq = Math.max(lastSeq || 0, data.seq);
      enqueue(data.seq);
    });
    source.addEventListener('open', () => {
      document.body.dataset.connected = 'true';
    });
    source.addEventListener('error', () => {
      document.body.dataset.connected = 'false';
      if (source.readyState === EventSource.CLOSED) setTimeout(connect, 1000);
    });
  }

  // The captions stream opens once the look is ready, so the first line is never spoken by a presenter about to be replaced.
  loadLook().finally(connect);
})();
