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

    const Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;
    let recognizer = null;
    let listening = false;
    $('engines').textContent = '识别 recognition: ' + (Recognition ? 'browser' : '—') + ' · 翻译 translation: ' + (info.engines || []).join(' → ');
    $('mic').addEventListener('click', () => {
      if (!Recognition) {
        $('mic-status').textContent = '此浏览器不支持语音识别，请打字 (no speech recognition in this browser: type instead)';
        return;
      }
      if (listening) { listening = false; recognizer.stop(); return; }
      recognizer = new Recognition();
      recognizer.lang = info.sourceLanguage;
      recognizer.continuous = true;
      recognizer.interimResults = true;
      let lastPartial = 0;
      recognizer.onresult = (event) => {
        for (let i = event.resultIndex; i < event.results.length; i++) {
          const text = event.results[i][0].transcript.trim();
          if (!text) continue;
          if (event.results[i].isFinal) {
            say(text, true, 'browser');
          } else if (Date.now() - lastPartial > 300) {
            lastPartial = Date.now();
            say(text, false, 'browser');
          }
        }
      };
      recognizer.onerror = (e) => { $('mic-status').textContent = '语音识别出错：' + e.error; };
      recognizer.onend = () => { if (listening) recognizer.start(); else { $('mic').textContent = '开始语音识别 Start microphone'; $('mic-status').textContent = ''; } };
      listening = true;
      recognizer.start();
      $('mic').textContent = '停止 Stop';
      $('mic-status').textContent = '正在听… (listening)';
    });
  };
})();
