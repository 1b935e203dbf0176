// The studio's presenter settings for one live (数字人形象与声音): look (built-in, own VRM/GLB model, Azure avatar),
// model upload, framing, and per caption language the voice, rate and pitch with a preview. Chinese first, English
// with ?lang=en. Saved to /api/sessions/{id}/presenter with the merchant's sign-in. Server text goes in as textContent.
(function () {
  'use strict';
  const english = new URLSearchParams(location.search).get('lang') === 'en';
  const TEXT = {
    zh: {
      title: '数字人形象与声音', look: '形象', builtin: '内置主播（默认）', model: '自己的模型（VRM / GLB）', azure: 'Azure 真人形象',
      azureOff: '需要先在引擎设置里配置 Azure 语音', upload: '上传模型', uploadHint: 'VRM 1.0 / 0.x，或带口型变形（viseme / ARKit）的 GLB，最多 25 MB。文件保存在本机。',
      uploading: '正在上传并检查模型…', uploaded: (m) => `已上传：${m.name}（${kindName(m.kind)}，${(m.bytes / 1048576).toFixed(1)} MB）`,
      noModel: '还没有上传模型。', framing: '取景', head: '头部特写', bust: '头和肩（半身）', half: '到腰（上半身）',
      voices: '声音（每种字幕语言）', voice: '声音', variant: '音色', azureVoice: 'Azure 声音', azureDefault: '默认', rate: '语速', pitch: '音调',
      preview: '试听', previewing: '正在合成…', previewFailed: '试听失败：', save: '保存', saved: '已保存。新的台词用新的设置（已经准备好的台词不变）。',
      draftNote: '数字人只说买家看到的字幕，从不念没审核的草稿。', espeakOnly: '现在只有 espeak-ng 离线声音；配置 Azure 语音后可以选 Azure 神经网络声音。',
      vrm1: 'VRM 1.0', vrm0: 'VRM 0.x', gltf: 'glTF', character: 'Azure 形象', style: '姿势',
    },
    en: {
      title: 'Presenter look and voice', look: 'Look', builtin: 'Built-in presenter (default)', model: 'Own model (VRM / GLB)', azure: 'Azure photoreal avatar',
      azureOff: 'Configure Azure Speech in the engine settings first', upload: 'Upload model', uploadHint: 'VRM 1.0 / 0.x, or a GLB with viseme or ARKit morph targets, up to 25 MB. Kept on this machine.',
      uploading: 'Uploading and checking the model…', uploaded: (m) => `Uploaded: ${m.name} (${kindName(m.kind)}, ${(m.bytes / 1048576).toFixed(1)} MB)`,
      noModel: 'No model uploaded yet.', framing: 'Framing', head: 'Head', bust: 'Head and shoulders', half: 'Half body',
      voices: 'Voice (per caption language)', voice: 'Voice', variant: 'Variant', azureVoice: 'Azure voice', azureDefault: 'default', rate: 'Rate', pitch: 'Pitch',
      preview: 'Preview', previewing: 'Synthesizing…', previewFailed: 'Preview failed: ', save: 'Save', saved: 'Saved. New lines use the new settings (lines already prepared keep theirs).',
      draftNote: 'The presenter only says the captions buyers see, never an unvetted draft.', espeakOnly: 'Only the offline espeak-ng voices are available; configure Azure Speech for neural voices.',
      vrm1: 'VRM 1.0', vrm0: 'VRM 0.x', gltf: 'glTF', character: 'Azure character', style: 'Style',
    },
  };
  // Azure's standard real-time avatar characters and their styles.
  const AVATARS = { lisa: ['casual-sitting', 'graceful-sitting', 'graceful-standing', 'technical-sitting', 'technical-standing'],
    harry: ['business', 'casual', 'youthful'], jeff: ['business', 'formal'], lori: ['casual', 'graceful', 'formal'], max: ['business', 'casual', 'formal'], meg: ['formal', 'casual', 'business'] };
  const L = english ? TEXT.en : TEXT.zh;
  function kindName(kind) { return L[kind] || kind; }

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

  async function call(path, options) {
    try {
      const response = await fetch(path, Object.assign({ credentials: 'same-origin' }, options));
      const type = response.headers.get('content-type') || '';
      const data = type.includes('json') ? await response.json() : await response.blob();
      return { ok: response.ok, status: response.status, data, message: data && data.detail ? data.detail : response.statusText };
    } catch (e) {
      return { ok: false, status: 0, message: String(e) };
    }
  }

  /** Renders the settings of live `id` (caption languages `langs`) into `host`; `changed()` after a save. */
  async function show(host, id, langs, langName, changed) {
    host.textContent = '';
    const e = encodeURIComponent(id);
    const got = await call(`/api/sessions/${e}/presenter`);
    if (!got.ok) { host.appendChild(el('p', { class: 'warning', text: got.message })); return; }
    const settings = got.data;
    const catalogs = {};
    await Promise.all(langs.map(async (code) => { const v = await call(`/api/presenter/voices?lang=${code}`); catalogs[code] = v.ok ? v.data : null; }));
    const status = el('p', { class: 'hint', id: 'presenter-status', role: 'status' });

    // Look
    const looks = [['builtin', L.builtin, true], ['model', L.model, !!settings.model], ['azure-avatar', L.azure + (settings.azureAvatar ? '' : '（' + L.azureOff + '）'), settings.azureAvatar]];
    const lookRow = el('div', { class: 'presenter-looks', role: 'radiogroup' }, looks.map(([value, label, enabled]) =>
      el('label', { class: 'inline look' + (enabled ? '' : ' disabled') }, [
        el('input', { type: 'radio', name: 'presenter-look', value, checked: settings.look === value, disabled: !enabled }), ' ', label])));

    // Model upload
    const modelInfo = el('p', { class: 'hint', id: 'presenter-model', text: settings.model ? L.uploaded(settings.model) : L.noModel });
    const file = el('input', { type: 'file', id: 'presenter-file', accept: '.vrm,.glb,model/gltf-binary' });
    file.addEventListener('change', async () => {
      if (!file.files.length) return;
      const chosen = file.files[0];
      modelInfo.textContent = L.uploading;
      const result = await call(`/api/sessions/${e}/presenter/model?name=${encodeURIComponent(chosen.name)}`, { method: 'POST', body: chosen, headers: { 'Content-Type': 'model/gltf-binary' } });
      file.value = '';
      if (!result.ok) { modelInfo.textContent = result.message; modelInfo.className = 'warning'; return; }
      modelInfo.className = 'hint';
      modelInfo.textContent = L.uploaded(result.data.model);
      const radio = lookRow.querySelector('input[value="model"]');
      radio.disabled = false;
      radio.parentElement.classList.remove('disabled');
      radio.checked = true;
      changed && changed();
    });

    // Azure avatar character and style (only when Azure Speech is configured)
    const character = el('select', { id: 'presenter-character', 'aria-label': L.character }, Object.keys(AVATARS).map((c) => el('option', { value: c, text: c, selected: settings.avatarCharacter === c })));
    const style = el('select', { id: 'presenter-style', 'aria-label': L.style });
    const styles = () => {
      style.textContent = '';
      (AVATARS[character.value] || []).forEach((s) => style.appendChild(el('option', { value: s, text: s, selected: settings.avatarStyle === s })));
    };
    character.addEventListener('change', styles);
    styles();

    // Framing
    const framing = el('select', { id: 'presenter-framing' }, ['head', 'bust', 'half'].map((f) => el('option', { value: f, text: L[f], selected: settings.framing === f })));

    // Voices, one row per caption language
    const rows = langs.map((code) => {
      const catalog = catalogs[code] || { espeak: [], variants: [], azure: [], defaultEspeak: code };
      const chosen = (settings.voices || {})[code] || {};
      const [base, variant] = (chosen.espeak || catalog.defaultEspeak || '').split('+');
      const name = (v) => (english ? v.nameEn : v.name);
      const voice = el('select', { class: 'voice', 'aria-label': L.voice }, catalog.espeak.map((v) => el('option', { value: v.id, text: name(v), selected: v.id === base })));
      const variants = el('select', { class: 'variant', 'aria-label': L.variant }, catalog.variants.map((v) => el('option', { value: v.id, text: name(v), selected: v.id === (variant || '') })));
      const azure = catalog.azureConfigured
        ? el('select', { class: 'azure-voice', 'aria-label': L.azureVoice }, [el('option', { value: '', text: `${L.azureDefault} (${catalog.defaultAzure})` }),
          ...catalog.azure.map((v) => el('option', { value: v.id, text: `${v.name} · ${v.id}`, selected: v.id === chosen.azure }))])
        : null;
      const rateValue = el('output', { text: (chosen.rate || 1).toFixed(2) + '×' });
      const rate = el('input', { type: 'range', class: 'rate', min: '0.7', max: '1.4', step: '0.05', value: String(chosen.rate || 1), 'aria-label': L.rate,
        oninput: () => { rateValue.textContent = Number(rate.value).toFixed(2) + '×'; } });
      const pitchValue = el('output', { text: (chosen.pitch > 0 ? '+' : '') + (chosen.pitch || 0) + '%' });
      const pitch = el('input', { type: 'range', class: 'pitch', min: '-30', max: '30', step: '5', value: String(chosen.pitch || 0), 'aria-label': L.pitch,
        oninput: () => { pitchValue.textContent = (pitch.value > 0 ? '+' : '') + pitch.value + '%'; } });
      const choice = () => ({
        espeak: voice.value ? voice.value + (variants.value ? '+' + variants.value : '') : null,
        azure: azure && azure.value ? azure.value : null, rate: Number(rate.value), pitch: Number(pitch.value),
      });
      const play = el('button', { type: 'button', class: 'preview-voice', text: L.preview });
      play.addEventListener('click', async () => {
        play.disabled = true;
        play.textContent = L.previewing;
        const c = choice();
        const result = await call('/api/presenter/voices/preview', { method: 'POST', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(Object.assign({ lang: code, engine: c.azure ? 'azure' : 'espeak' }, c)) });
        play.disabled = false;
        play.textContent = L.preview;
        if (!result.ok) { status.textContent = L.previewFailed + result.message; return; }
        const audio = new Audio(URL.createObjectURL(result.data));
        window.__voicePreview = { lang: code, bytes: result.data.size, type: result.data.type, playing: true };
        audio.onended = () => { window.__voicePreview.playing = false; };
        audio.play().catch(() => { window.__voicePreview.playing = false; });
      });
      const row = el('div', { class: 'voice-row', 'data-lang': code }, [
        el('strong', { class: 'voice-lang', text: langName(code) + ' · ' + code }),
        el('label', {}, [el('span', { text: L.voice }), voice]),
        el('label', {}, [el('span', { text: L.variant }), variants]),
        azure && el('label', {}, [el('span', { text: L.azureVoice }), azure]),
        el('label', { class: 'slider' }, [el('span', { text: L.rate }), rate, rateValue]),
        el('label', { class: 'slider' }, [el('span', { text: L.pitch }), pitch, pitchValue]),
        play,
      ]);
      return { code, row, choice };
    });

    const save = el('button', { type: 'button', class: 'primary', id: 'presenter-save', text: L.save });
    save.addEventListener('click', async () => {
      const look = (lookRow.querySelector('input:checked') || {}).value;
      const voices = {};
      rows.forEach((r) => { voices[r.code] = r.choice(); });
      const result = await call(`/api/sessions/${e}/presenter`, { method: 'PUT', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(Object.assign({ look, framing: framing.value, voices }, settings.azureAvatar ? { avatarCharacter: character.value, avatarStyle: style.value } : {})) });
      status.className = result.ok ? 'hint ok' : 'warning';
      status.textContent = result.ok ? L.saved : result.message;
      if (result.ok && changed) changed();
    });

    const anyAzure = langs.some((c) => catalogs[c] && catalogs[c].azureConfigured);
    host.appendChild(el('h2', { text: L.title }));
    host.appendChild(el('div', { class: 'presenter-grid' }, [
      el('div', { class: 'field' }, [el('span', { class: 'field-label', text: L.look }), lookRow]),
      el('div', { class: 'field' }, [el('span', { class: 'field-label', text: L.upload }),
        el('label', { class: 'button upload' }, [L.upload, file]), modelInfo, el('p', { class: 'hint', text: L.uploadHint })]),
      el('label', { class: 'field' }, [el('span', { class: 'field-label', text: L.framing }), framing]),
      settings.azureAvatar && el('div', { class: 'field' }, [el('span', { class: 'field-label', text: L.azure }),
        el('label', {}, [el('span', { text: L.character }), character]), el('label', {}, [el('span', { text: L.style }), style])]),
    ]));
    host.appendChild(el('h3', { text: L.voices }));
    if (!anyAzure) host.appendChild(el('p', { class: 'hint', text: L.espeakOnly }));
    rows.forEach((r) => host.appendChild(r.row));
    host.appendChild(el('p', { class: 'hint', text: L.draftNote }));
    host.appendChild(el('div', { class: 'actions' }, [save]));
    host.appendChild(status);
  }

  window.PresenterSettings = { show };
})();
