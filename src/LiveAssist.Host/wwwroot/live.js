// Host console, live captions: the browser's speech recognition (or typing) posts what the host says;
// every caption language streams back beside it with its engine and its delay.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);

  window.LiveCaptions = function (sessionId, info, api, alarmMs) {
    const languages = [info.sourceLanguage.split('-')[0].toLowerCase()].concat(info.targetLanguages.map((l) => l.split('-')[0].toLowerCase()))
      .filter((l, i, all) => all.indexOf(l) === i);
    const sentAt = {};      // seq → when the host's final line was posted
    const rows = {};        // seq → transcript <li>
    const delayRows = {};

    for (const lang of languages.slice(1)) {
      const tr = document.createElement('tr');
      tr.dataset.lang = lang;
      tr.innerHTML = '<td></td><td class="delay">–</td><td class="engine">–</td>';
      tr.firstChild.textContent = lang;
      $('delays').tBodies[0].appendChild(tr);
      delayRows[lang] = tr;
    }

    function row(seq) {
      if (!rows[seq]) {
        const li = document.createElement('li');
        li.dataset.seq = seq;
        li.value = seq;
        const source = document.createElement('p');
        source.className = 'source';
        li.appendChild(source);
        for (const lang of languages.slice(1)) {
          const p = document.createElement('p');
          p.className = 'line';
          p.dataset.lang = lang;
          li.appendChild(p);
        }
        $('transcript').prepend(li);
        rows[seq] = li;
      }
      return rows[seq];
    }

    function onCaption(c) {
      const li = row(c.seq);
      if (c.lang === languages[0]) {
        li.querySelector('.source').textContent = c.text;
        li.classList.toggle('partial', c.kind === 'partial');
        return;
      }
      const p = li.querySelector('.line[data-lang="' + c.lang + '"]');
      // The console shows the draft buyers do not see, and why a line looks the way it does on air.
      const hidden = c.flags.indexOf('draft-hidden') >= 0;
      p.textContent = c.lang + ': ' + (c.text || '（观众看不到这句 not shown to buyers）');
      p.dir = c.dir;
      if (hidden && c.consoleText) {
        const draft = document.createElement('span');
        draft.className = 'console-draft';
        draft.textContent = ' ｜ 草译（仅主播可见 console only）: ' + c.consoleText;
        p.appendChild(draft);
      }
      if (c.note) {
        const note = document.createElement('span');
        note.className = 'note';
        note.textContent = ' ⚠ ' + (c.flags.indexOf('figures-only') >= 0 ? '已拦截，观众只看到数字 held back, buyers see the figures only: ' : '') + c.note;
        p.appendChild(note);
      }
      const engine = document.createElement('span');
      engine.className = 'engine';
      engine.textContent = c.engine + (c.draft ? ' · 草译 draft' : '') + (c.flags.length ? ' · ' + c.flags.join(', ') : '');
      p.appendChild(engine);
      p.classList.toggle('partial', c.kind === 'partial');
      if (c.kind === 'final' && sentAt[c.seq]) {
        const delay = Date.now() - sentAt[c.seq];
        const tr = delayRows[c.lang];
        tr.querySelector('.delay').textContent = delay + ' ms';
        tr.querySelector('.engine').textContent = c.engine;
        tr.classList.toggle('late', delay > alarmMs);
      }
    }

    // The console's view of the stream (drafts, notes) needs the host key, which EventSource cannot send: read the SSE body with fetch.
    async function listen(lang, after) {
      let last = after;
      try {
        const response = await api('/captions/stream?view=host&lang=' + lang + (last ? '&after=' + last : ''), { headers: { Accept: 'text/event-stream' } });
        if (!response.ok || !response.body) throw new Error('HTTP ' + response.status);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const name = (block.match(/^event: (.*)$/m) || [])[1];
            const data = (block.match(/^data: (.*)$/m) || [])[1];
            const id = (block.match(/^id: (.*)$/m) || [])[1];
            if (id) last = id;
            if (name === 'caption' && data) onCaption(JSON.parse(data));
          }
        }
      } catch (e) { /* reconnect below */ }
      setTimeout(() => listen(lang, last), 1000);
    }

    for (const lang of languages) listen(lang, null);

    async function say(text, final, engine) {
      const response = await api('/utterances', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: text, final: final, engine: engine })
      });
      if (!response.ok) { $('mic-status').textContent = '发送失败 (' + response.status + ')'; return; }
      const result = await response.json();
      if (result.dropped) { refreshHallucinations(); return; }
      if (final) sentAt[result.seq] = Date.now();
    }

    $('type-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const text = $('type-text').value.trim();
      if (!text) return;
      $('type-text').value = '';
      say(text, true, 'typed');
    });

    // Microphone: Azure Speech through its JS SDK when the server can issue a token (the key stays on
    // the server), otherwise the browser's own recognition, otherwise typing.
    const Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;
    let azure = null; // { token, region, language, expiresInSeconds } when the server offers Azure Speech
    let recognizer = null;
    let listening = false;
    let lastPartial = 0;

    function partialOrFinal(text, final, engine) {
      text = (text || '').trim();
      if (!text) return;
      if (final) say(text, true, engine);
      else if (Date.now() - lastPartial > 300) { lastPartial = Date.now(); say(text, false, engine); }
    }

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
        script.onerror = () => reject(new Error('Speech SDK not available'));
        document.head.appendChild(script);
      });
    }

    // Which engines are live, in fallback order, with their health from /readyz (✓ ok, ✗ unavailable).
    function chain(engines, kind) {
      return engines.filter(e => e.kind === kind).map(e => e.name + (e.status === 'ok' ? ' ✓' : ' ✗')).join(' → ');
    }

    function showEngines(engines) {
      const mic = azure ? 'Azure Speech (browser SDK)' : (Recognition ? 'browser' : '—');
      const server = engines ? chain(engines, 'speech') : '';
      const translation = engines ? chain(engines, 'translator') : (info.engines || []).join(' → ');
      const voice = engines ? chain(engines, 'tts') : '';
      $('engines').textContent = '识别 recognition: ' + mic + (server ? ' · 服务器识别 server: ' + server : '') + ' · 翻译 translation: ' + translation
        + (voice ? ' · 数字人语音 presenter voice: ' + voice : '');
      $('recognizer-note').textContent = recognizerNote(engines);
    }

    // Which recognizer is active and whether it reaches its service: the browser's one in Chrome is an online
    // Google service that is often unreachable from mainland China, and the page cannot check it beforehand.
    function recognizerNote(engines) {
      const server = (engines || []).filter(e => e.kind === 'speech');
      if (azure) {
        return '当前使用 Azure Speech（浏览器 SDK，服务器签发令牌，可配置 Azure 中国区终结点）。Active: Azure Speech through its JS SDK with a server token (Azure China endpoints configurable).';
      }
      if (server.length && server.some(e => e.status === 'ok')) {
        return '服务器识别可用：' + server.map(e => e.name + (e.status === 'ok' ? ' 可连接 reachable' : ' 连不上 unreachable')).join('，') + '。Server-side recognizers reachable from this host.';
      }
      if (Recognition) {
        return '当前使用浏览器自带的语音识别：在 Chrome 里这是谷歌的在线服务，中国大陆常常连不上，本页无法预先检测。可在服务器配置 Azure Speech（中国区）或兼容 OpenAI 的本地识别服务（whisper.cpp、FunASR、SenseVoice），或直接打字。'
          + ' Active: the browser\'s own recognizer (in Chrome an online Google service, often unreachable from mainland China; not checkable in advance). Configure Azure Speech (China) or an OpenAI-compatible server (whisper.cpp, FunASR, SenseVoice), or type.';
      }
      return '没有可用的语音识别，请打字。No speech recognizer available here: type the lines.';
    }

    // Lines a recognizer "heard" in silence (subtitle credits, loops) are dropped on the server; the console counts them.
    async function refreshHallucinations() {
      try {
        const status = await (await fetch('/api/sessions/' + encodeURIComponent(sessionId) + '/captions/status')).json();
        $('hallucinations').dataset.count = String(status.hallucinations || 0);
        $('hallucinations').textContent = status.hallucinations
          ? '已过滤识别幻觉 ' + status.hallucinations + ' 句（如“字幕由Amara.org社群提供”、重复句） · recognizer hallucinations dropped: ' + status.hallucinations : '';
      } catch (e) { /* next time */ }
    }
    setInterval(refreshHallucinations, 3000);

    async function startAzure() {
      const sdk = await loadSpeechSdk();
      const config = sdk.SpeechConfig.fromAuthorizationToken(azure.token, azure.region);
      config.speechRecognitionLanguage = azure.language;
      recognizer = new sdk.SpeechRecognizer(config, sdk.AudioConfig.fromDefaultMicrophoneInput());
      recognizer.recognizing = (_, e) => partialOrFinal(e.result.text, false, 'azure-sdk');
      recognizer.recognized = (_, e) => { if (e.result.reason === sdk.ResultReason.RecognizedSpeech) partialOrFinal(e.result.text, true, 'azure-sdk'); };
      recognizer.canceled = (_, e) => { $('mic-status').textContent = 'Azure 语音识别中断 (' + (e.errorDetails || e.reason) + ')'; };
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

    function startBrowser() {
      recognizer = new Recognition();
      recognizer.lang = info.sourceLanguage;
      recognizer.continuous = true;
      recognizer.interimResults = true;
      recognizer.onresult = (event) => {
        for (let i = event.resultIndex; i < event.results.length; i++) {
          partialOrFinal(event.results[i][0].transcript, event.results[i].isFinal, 'browser');
        }
      };
      recognizer.onerror = (e) => { $('mic-status').textContent = '语音识别出错：' + e.error; };
      recognizer.onend = () => { if (listening) recognizer.start(); else { $('mic').textContent = '开始语音识别 Start microphone'; $('mic-status').textContent = ''; } };
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
        $('mic-status').textContent = '此浏览器不支持语音识别，请打字 (no speech recognition in this browser: type instead)';
        return;
      }
      if (listening) {
        listening = false;
        if (azure) { stopAzure(); $('mic').textContent = '开始语音识别 Start microphone'; $('mic-status').textContent = ''; }
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
      $('mic').textContent = '停止 Stop';
      $('mic-status').textContent = '正在听… (listening' + (azure ? ', Azure Speech' : '') + ')';
    });
  };
})();
