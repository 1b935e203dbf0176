// Host console, live captions: the browser's speech recognition (or typing) posts what the host says;
// every caption language streams back beside it, all on ONE connection (a browser opens at most six per
// server: one stream per language starved the console's other requests with 6+ languages).
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const T = window.ConsoleText;
  const MaxTranscript = 300; // lines kept on the page; older ones are in the exports

  window.LiveCaptions = function (sessionId, info, api, alarmMs, hooks) {
    const source = info.sourceLanguage.split('-')[0].toLowerCase();
    const languages = [source].concat(info.targetLanguages.map((l) => l.split('-')[0].toLowerCase()))
      .filter((l, i, all) => all.indexOf(l) === i);
    const targets = languages.slice(1);
    const sentAt = {};      // seq → when the host's final line was posted
    const earlyFinals = {}; // seq → {lang: arrival time}, for captions that arrived before the post's answer named their seq
    const rows = {};        // seq → transcript <li>
    const delayRows = {};
    const findings = {};    // seq → {key: finding}: a line's findings from its Chinese and from every caption language, once each

    for (const lang of targets) {
      const tr = document.createElement('tr');
      tr.dataset.lang = lang;
      tr.innerHTML = '<td></td><td class="delay">–</td><td class="engine">–</td>';
      tr.firstChild.textContent = T.language(lang);
      $('delays').tBodies[0].appendChild(tr);
      delayRows[lang] = tr;
    }

    $('show-translations').addEventListener('change', (e) => $('transcript').classList.toggle('source-only', !e.target.checked));
    if (window.matchMedia('(max-width: 600px)').matches) { // on a phone the merchant's own words come first
      $('show-translations').checked = false;
      $('transcript').classList.add('source-only');
    }

    function row(seq) {
      if (!rows[seq]) {
        const li = document.createElement('li');
        li.dataset.seq = seq;
        li.value = seq;
        const text = document.createElement('p');
        text.className = 'source';
        li.appendChild(text);
        const lines = document.createElement('div');
        lines.className = 'lines';
        for (const lang of targets) {
          const p = document.createElement('p');
          p.className = 'line';
          p.dataset.lang = lang;
          lines.appendChild(p);
        }
        li.appendChild(lines);
        // Lines arrive in the order spoken, but a resumed stream may replay one: keep the list ordered by seq.
        const list = $('transcript');
        const newer = Array.from(list.children).find((other) => Number(other.dataset.seq) < seq);
        list.insertBefore(li, newer || null);
        rows[seq] = li;
        while (list.children.length > MaxTranscript) {
          const oldest = list.lastElementChild;
          delete rows[oldest.dataset.seq];
          oldest.remove();
        }
      }
      return rows[seq];
    }

    // Compliance findings under the host's line, in Chinese: blocked or a warning, the rule, the words, why, what to say instead.
    function showReview(li, c) {
      if (!c.review || !c.review.findings || !c.review.findings.length) return;
      // A final's findings replace its partials' warnings; a late partial never overwrites a final.
      let entry = findings[c.seq];
      if (entry && !entry.partial && c.kind === 'partial') return;
      if (!entry || (entry.partial && c.kind === 'final')) entry = findings[c.seq] = { partial: c.kind === 'partial', items: {} };
      for (const f of c.review.findings) entry.items[f.rule + '|' + f.lang + '|' + f.span.start] = f;
      let box = li.querySelector('.review');
      if (!box) {
        box = document.createElement('div');
        box.className = 'review';
        li.insertBefore(box, li.querySelector('.lines'));
      }
      box.textContent = '';
      if (c.review.said) {
        const said = document.createElement('p');
        said.className = 'said';
        said.textContent = '您说的是：' + c.review.said + (c.text ? '' : '（整句未播出）');
        box.appendChild(said);
      }
      for (const f of Object.values(entry.items)) {
        const item = document.createElement('p');
        item.className = 'finding';
        item.dataset.severity = f.severity;
        const head = document.createElement('strong');
        head.textContent = (f.severity === 'block' ? '已拦截 · ' : '⚠ 提醒 · ') + T.rule(f.rule) + '：“' + f.span.text + '”' + (f.lang !== source ? '（' + T.language(f.lang) + '字幕）' : '');
        item.appendChild(head);
        const why = document.createElement('span');
        why.textContent = ' ' + f.message;
        item.appendChild(why);
        if (f.suggestion) {
          const tip = document.createElement('span');
          tip.className = 'suggestion';
          tip.textContent = ' 建议：' + f.suggestion;
          item.appendChild(tip);
        }
        if (f.source) item.title = f.source;
        box.appendChild(item);
      }
      const total = Object.values(findings).reduce((n, e) => n + (e.partial ? 0 : Object.keys(e.items).length), 0);
      const summary = $('review-summary');
      if (summary && total > 0) {
        summary.dataset.count = total;
        summary.firstChild.textContent = '合规检查：本场 ' + total + ' 条问题 ';
      }
    }

    function onCaption(c) {
      const li = row(c.seq);
      showReview(li, c);
      if (c.lang === source) {
        li.querySelector('.source').textContent = c.text || (c.review ? '（这句未播出）' : '');
        li.classList.toggle('partial', c.kind === 'partial');
        return;
      }
      const p = li.querySelector('.line[data-lang="' + c.lang + '"]');
      if (!p) return;
      p.textContent = '';
      const name = document.createElement('span');
      name.className = 'lang';
      name.textContent = T.language(c.lang);
      p.appendChild(name);
      const text = document.createElement('span');
      text.className = 'text';
      text.dir = c.dir;
      // The console shows the draft buyers do not see, and why a line looks the way it does on air.
      text.textContent = c.text || '（观众看不到这句）';
      p.appendChild(text);
      if (c.flags.indexOf('draft-hidden') >= 0 && c.consoleText) {
        const draft = document.createElement('span');
        draft.className = 'console-draft';
        draft.dir = c.dir;
        draft.textContent = '草译（只给您看）：' + c.consoleText;
        p.appendChild(draft);
      }
      if (c.note) {
        const note = document.createElement('span');
        note.className = 'note';
        note.textContent = '⚠ ' + (c.flags.indexOf('figures-only') >= 0 ? '已拦截，观众只看到数字：' : '') + c.note;
        p.appendChild(note);
      }
      const engine = document.createElement('span');
      engine.className = 'engine';
      engine.dataset.engine = c.engine;
      engine.title = c.engine + (c.flags.length ? ' · ' + c.flags.join(', ') : ''); // the exact ids, for support
      engine.textContent = [T.engine(c.engine)].concat(c.draft ? ['草译'] : [], T.flags(c.flags)).join(' · ');
      p.appendChild(engine);
      p.classList.toggle('partial', c.kind === 'partial');
      if (c.kind === 'final') {
        p.dataset.final = 'true';
        const tr = delayRows[c.lang];
        if (sentAt[c.seq]) {
          showDelay(c.lang, Date.now() - sentAt[c.seq]);
        } else {
          (earlyFinals[c.seq] = earlyFinals[c.seq] || {})[c.lang] = Date.now();
          const waiting = Object.keys(earlyFinals); // lines from history or another tab never get an answer here: keep a few
          if (waiting.length > 50) delete earlyFinals[waiting[0]];
        }
        tr.querySelector('.engine').textContent = T.engine(c.engine);
      }
    }

    // One stream for every language. The console's view (drafts, notes) needs the host key, which EventSource cannot
    // send: read the SSE body with fetch. A resumed stream repeats its last line (keyed by seq and lang: harmless).
    let last = null;
    let retryMs = 1000;
    async function listen() {
      try {
        const response = await api('/captions/stream?view=host&lang=' + languages.join(',') + (last ? '&after=' + last : ''), { headers: { Accept: 'text/event-stream' } });
        if (response.status === 401) { hooks.unauthorized(); return; }
        if (!response.ok || !response.body) throw new Error('HTTP ' + response.status);
        hooks.connection(true);
        retryMs = 1000;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          if (buffer.length > 1 << 20) throw new Error('event too large'); // bounded: a broken stream never grows the page
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const name = (block.match(/^event: (.*)$/m) || [])[1];
            const data = (block.match(/^data: (.*)$/m) || [])[1];
            const id = (block.match(/^id: (.*)$/m) || [])[1];
            if (id) last = id;
            if (!data) continue;
            if (name === 'caption') onCaption(JSON.parse(data));
            else if (name === 'product') hooks.product(JSON.parse(data));
          }
        }
      } catch (e) { /* reconnect below */ }
      hooks.connection(false);
      setTimeout(listen, retryMs);
      retryMs = Math.min(retryMs * 2, 10000);
    }
    listen();

    // Lines go out one at a time, in the order heard: a partial overtaken on the way by its final would open a
    // phantom line on the server. A partial still waiting when a newer one comes is replaced by it.
    let sending = Promise.resolve();
    let waitingPartial = null;
    function say(text, final, engine, voicedMs) {
      if (!final && waitingPartial) { waitingPartial.text = text; return Promise.resolve(true); }
      const item = { text: text };
      if (!final) waitingPartial = item;
      const done = sending.then(() => {
        if (waitingPartial === item) waitingPartial = null;
        return post(item.text, final, engine, voicedMs);
      });
      sending = done.catch(() => false);
      return done;
    }

    function showDelay(lang, delay) {
      const tr = delayRows[lang];
      if (!tr) return;
      tr.querySelector('.delay').textContent = delay + ' 毫秒';
      tr.classList.toggle('late', delay > alarmMs);
    }

    async function post(text, final, engine, voicedMs) {
      const postedAt = Date.now();
      let response;
      try {
        const body = { text: text, final: final, engine: engine };
        if (typeof voicedMs === 'number') body.voicedMs = voicedMs;
        response = await api('/utterances', {
          method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
        });
      } catch (e) { $('mic-status').textContent = '发送失败：' + T.failure(0); return false; }
      if (!response.ok) {
        if (response.status === 401) hooks.unauthorized();
        $('mic-status').textContent = '发送失败：' + T.failure(response.status);
        return false;
      }
      const result = await response.json();
      if (result.dropped) { refreshHallucinations(); return true; }
      if (final) {
        // Timed from the moment the line was sent; a caption may already be here (it can beat the post's answer).
        sentAt[result.seq] = postedAt;
        for (const [lang, at] of Object.entries(earlyFinals[result.seq] || {})) showDelay(lang, at - postedAt);
        delete earlyFinals[result.seq];
        $('mic-status').textContent = '';
      }
      return true;
    }

    $('type-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const box = $('type-text');
      const text = box.value.trim();
      if (!text) return;
      box.value = '';
      if (!await say(text, true, 'typed')) box.value = text; // keep what did not go out
    });

    // Microphone: Azure Speech through its JS SDK when the server can issue a token (the key stays on
    // the server), otherwise the browser's own recognition, otherwise typing.
    const Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;
    let azure = null; // { token, region, language, expiresInSeconds } when the server offers Azure Speech
    let recognizer = null;
    let listening = false;
    let lastPartial = 0;
    const micIdle = '● 开始语音识别';

    function partialOrFinal(text, final, engine) {
      text = (text || '').trim();
      if (!text) return;
      if (final) say(text, true, engine, engine === 'browser' ? meter.take() : null);
      else if (Date.now() - lastPartial > 300) { lastPartial = Date.now(); say(text, false, engine); }
    }

    // The browser's recognizer gives no audio times, so text it "hears" in silence (a known failure of speech models)
    // cannot be told from speech. A level meter on the same microphone counts how long there was sound since the
    // last final line; the server drops a line that came out of silence and counts it on this console.
    const meter = {
      analyser: null, samples: null, voicedMs: 0, timer: 0, stream: null,
      async start() {
        if (this.analyser || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
        try {
          this.stream = await navigator.mediaDevices.getUserMedia({ audio: true });
          const context = new AudioContext();
          this.analyser = context.createAnalyser();
          this.analyser.fftSize = 1024;
          context.createMediaStreamSource(this.stream).connect(this.analyser);
          this.samples = new Float32Array(this.analyser.fftSize);
          this.voicedMs = 0;
          this.timer = setInterval(() => {
            this.analyser.getFloatTimeDomainData(this.samples);
            let sum = 0;
            for (const v of this.samples) sum += v * v;
            if (Math.sqrt(sum / this.samples.length) > 0.01) this.voicedMs += 50; // above about -40 dBFS
          }, 50);
        } catch (e) { this.analyser = null; } // no meter: lines are judged without it, as before
      },
      stop() {
        clearInterval(this.timer);
        if (this.stream) this.stream.getTracks().forEach((t) => t.stop());
        this.analyser = null; this.stream = null;
      },
      take() { if (!this.analyser) return null; const heard = this.voicedMs; this.voicedMs = 0; return heard; },
    };

    async function fetchToken() {
      const response = await api('/speech-token', { method: 'POST' });
      return response.ok ? response.json() : null;
    }

    function loadSpeechSdk() {
      return new Promise((resolve, reject) => {
        if (window.SpeechSDK) { resolve(window.SpeechSDK); return; }
        const script = document.createElement('script');
        script.src = '/lib/speech-sdk/microsoft.cognitiveservices.speech.sdk.bundle-min.js';
        script.onload = () => resolve(window.SpeechSDK);
        script.onerror = () => reject(new Error('语音识别组件加载失败'));
        document.head.appendChild(script);
      });
    }

    // Which engines are live, in fallback order, with their health from /readyz.
    function chain(engines, kind) {
      return engines.filter(e => e.kind === kind).map(e => T.engine(e.name) + (e.status === 'ok' ? '' : '（连不上）')).join(' → ');
    }

    function showEngines(engines) {
      const mic = azure ? 'Azure 语音识别' : (Recognition ? '浏览器自带识别' : '打字');
      const server = engines ? chain(engines, 'speech') : '';
      const translation = engines ? chain(engines, 'translator') : (info.engines || []).map(T.engine).join(' → ');
      const voice = engines ? chain(engines, 'tts') : '';
      $('engines').textContent = '识别：' + mic + (server ? ' · 服务器识别：' + server : '') + ' · 翻译：' + translation
        + (voice ? ' · 数字人语音：' + voice : '');
      $('engines').dataset.translators = (info.engines || []).join(',');
      const down = (engines || []).filter(e => e.status !== 'ok');
      if (down.length) {
        hooks.warn('⚠ ' + down.map(e => T.engine(e.name)).join('、') + ' 现在连不上：字幕继续用备用翻译（质量可能较低）。');
      }
      $('recognizer-note').textContent = recognizerNote(engines);
    }

    // Which recognizer is active and whether it reaches its service: the browser's one in Chrome is an online
    // Google service that is often unreachable from mainland China, and the page cannot check it beforehand.
    function recognizerNote(engines) {
      const server = (engines || []).filter(e => e.kind === 'speech');
      if (azure) {
        return '当前使用 Azure 语音识别（服务器签发令牌，密钥不会到浏览器；可配置 Azure 中国区）。';
      }
      if (server.length && server.some(e => e.status === 'ok')) {
        return '服务器识别可用：' + server.map(e => T.engine(e.name) + (e.status === 'ok' ? ' 可连接' : ' 连不上')).join('，') + '。';
      }
      if (Recognition) {
        return '当前使用浏览器自带的语音识别：在 Chrome 里这是谷歌（Google）的在线服务，中国大陆常常连不上，本页无法预先检测。'
          + '可以在服务器配置 Azure 语音（中国区）或兼容 OpenAI 的本地识别服务（whisper.cpp、FunASR、SenseVoice），或者直接打字。';
      }
      return '这个浏览器没有语音识别，请打字。';
    }

    // Lines a recognizer "heard" in silence (subtitle credits, loops) are dropped on the server; the console counts them.
    async function refreshHallucinations() {
      try {
        const status = await (await fetch('/api/sessions/' + encodeURIComponent(sessionId) + '/captions/status')).json();
        $('hallucinations').dataset.count = String(status.hallucinations || 0);
        $('hallucinations').textContent = status.hallucinations
          ? '已过滤识别错误 ' + status.hallucinations + ' 句（如“字幕由Amara.org社群提供”、重复的句子、没有声音时识别出的文字）' : '';
      } catch (e) { /* next time */ }
    }
    setInterval(refreshHallucinations, 5000);

    async function startAzure() {
      const sdk = await loadSpeechSdk();
      const config = sdk.SpeechConfig.fromAuthorizationToken(azure.token, azure.region);
      config.speechRecognitionLanguage = azure.language;
      recognizer = new sdk.SpeechRecognizer(config, sdk.AudioConfig.fromDefaultMicrophoneInput());
      recognizer.recognizing = (_, e) => partialOrFinal(e.result.text, false, 'azure-sdk');
      recognizer.recognized = (_, e) => { if (e.result.reason === sdk.ResultReason.RecognizedSpeech) partialOrFinal(e.result.text, true, 'azure-sdk'); };
      recognizer.canceled = (_, e) => { $('mic-status').textContent = 'Azure 语音识别中断（' + (e.errorDetails || e.reason) + '）'; };
      // Tokens live 10 minutes: hand the recognizer a fresh one before that.
      const refresh = setInterval(async () => {
        const fresh = await fetchToken();
        if (fresh && recognizer) recognizer.authorizationToken = fresh.token;
      }, Math.max(60, (azure.expiresInSeconds || 480) - 60) * 1000);
      recognizer.__refresh = refresh;
      recognizer.startContinuousRecognitionAsync();
    }

    function stopAzure() {
      clearInterval(recognizer.__refresh);
      recognizer.stopContinuousRecognitionAsync(() => recognizer.close());
    }

    const recognitionErrors = { 'not-allowed': '浏览器没有允许使用麦克风，请在地址栏左边允许麦克风', 'no-speech': '没有听到声音', network: '连不上识别服务（网络）', 'audio-capture': '找不到麦克风' };

    function startBrowser() {
      meter.start();
      recognizer = new Recognition();
      recognizer.lang = info.sourceLanguage;
      recognizer.continuous = true;
      recognizer.interimResults = true;
      recognizer.onresult = (event) => {
        for (let i = event.resultIndex; i < event.results.length; i++) {
          partialOrFinal(event.results[i][0].transcript, event.results[i].isFinal, 'browser');
        }
      };
      recognizer.onerror = (e) => { $('mic-status').textContent = '语音识别出错：' + (recognitionErrors[e.error] || e.error); };
      recognizer.onend = () => { if (listening) recognizer.start(); else { meter.stop(); $('mic').textContent = micIdle; $('mic').classList.remove('on'); $('mic-status').textContent = ''; } };
      recognizer.start();
    }

    showEngines(null);
    const ready = Promise.all([
      fetchToken().then(t => { azure = t; }).catch(() => { azure = null; }),
      fetch('/readyz').then(r => r.json()).then(r => r.engines).catch(() => null),
    ]).then(([, engines]) => showEngines(engines));

    $('mic').addEventListener('click', async () => {
      await ready;
      if (!azure && !Recognition) {
        $('mic-status').textContent = '这个浏览器不支持语音识别，请打字';
        return;
      }
      if (listening) {
        listening = false;
        if (azure) { stopAzure(); $('mic').textContent = micIdle; $('mic').classList.remove('on'); $('mic-status').textContent = ''; }
        else recognizer.stop();
        return;
      }
      listening = true;
      try {
        if (azure) await startAzure(); else startBrowser();
      } catch (e) {
        listening = false;
        $('mic-status').textContent = '语音识别无法启动：' + e.message;
        return;
      }
      $('mic').textContent = '■ 停止识别';
      $('mic').classList.add('on');
      $('mic-status').textContent = '正在听…' + (azure ? '（Azure 语音）' : '');
    });

    return { disable() { $('type-text').disabled = true; $('mic').disabled = true; } };
  };
})();
