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
      p.textContent = c.lang + ': ' + c.text;
      p.dir = c.dir;
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

    for (const lang of languages) {
      const source = new EventSource('/api/sessions/' + encodeURIComponent(sessionId) + '/captions/stream?lang=' + lang);
      source.addEventListener('caption', (e) => onCaption(JSON.parse(e.data)));
    }

    async function say(text, final, engine) {
      const response = await api('/utterances', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: text, final: final, engine: engine })
      });
      if (!response.ok) { $('mic-status').textContent = '发送失败 (' + response.status + ')'; return; }
      const result = await response.json();
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
    }

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
