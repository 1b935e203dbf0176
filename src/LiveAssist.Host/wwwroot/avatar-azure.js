// Azure's real-time photoreal avatar through the Speech JS SDK (npm microsoft-cognitiveservices-speech-sdk, served
// from /lib/speech-sdk): WebRTC over the relay Azure issues, a Speech token from our server (the key never comes
// here), each line's SSML spoken by the avatar with the live's Azure voice. A session is replaced by a fresh one
// before Azure's limit on one connection (renewAfterSeconds, between lines), so a live of hours keeps its presenter;
// anything that fails hands the page back to the built-in presenter (avatar.js's state.fallBack).
const SDK_URL = '/lib/speech-sdk/microsoft.cognitiveservices.speech.sdk.bundle-min.js';

function loadSdk() {
  if (window.SpeechSDK) return Promise.resolve(window.SpeechSDK);
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = SDK_URL;
    script.onload = () => (window.SpeechSDK ? resolve(window.SpeechSDK) : reject(new Error('Speech SDK did not load')));
    script.onerror = () => reject(new Error('Speech SDK did not load'));
    document.head.appendChild(script);
  });
}

export async function create(video, sessionId, lang, settings, state) {
  const SDK = await loadSdk();
  const info = state.avatar = { sessions: 0, renewals: 0, closed: 0, spoken: [], error: null };
  let current = null;
  let speaking = null; // the promise of the line being spoken
  let renewTimer = null;
  let disposed = false;

  async function open() {
    const response = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}/presenter/avatar-session`, { method: 'POST' });
    if (!response.ok) throw new Error(`avatar session refused (${response.status})`);
    const grant = await response.json();
    const config = SDK.SpeechConfig.fromAuthorizationToken(grant.token, grant.region);
    config.speechSynthesisVoiceName = grant.voices[lang] || '';
    const avatarConfig = new SDK.AvatarConfig(grant.character, grant.style, new SDK.AvatarVideoFormat());
    const peer = new RTCPeerConnection({ iceServers: [{ urls: grant.relay.urls, username: grant.relay.username, credential: grant.relay.credential }] });
    const audio = new Audio();
    audio.autoplay = true;
    peer.ontrack = (event) => {
      if (event.track.kind === 'video') video.srcObject = event.streams[0];
      else audio.srcObject = event.streams[0];
    };
    peer.addTransceiver('video', { direction: 'sendrecv' });
    peer.addTransceiver('audio', { direction: 'sendrecv' });
    const synthesizer = new SDK.AvatarSynthesizer(config, avatarConfig);
    synthesizer.avatarEventReceived = (_, event) => {
      // The service says it is closing the connection (limit reached, idle): a renewal that comes too late falls back.
      if (event && /disconnect/i.test(event.description || '') && current && current.synthesizer === synthesizer && !disposed) {
        state.fallBack('avatar disconnected: ' + event.description);
      }
    };
    const started = await synthesizer.startAvatarAsync(peer);
    if (!started || started.reason !== SDK.ResultReason.SynthesizingAudioCompleted) {
      close({ synthesizer, peer });
      throw new Error('the avatar did not start' + (started && started.errorDetails ? ': ' + started.errorDetails : ''));
    }
    info.sessions++;
    video.hidden = false;
    return { synthesizer, peer, voices: grant.voices, renewAfter: grant.renewAfterSeconds * 1000 };
  }

  function close(session) {
    try { session.synthesizer.close(); } catch { /* gone already */ }
    try { session.peer.close(); } catch { /* gone already */ }
    info.closed++;
  }

  function scheduleRenewal() {
    clearTimeout(renewTimer);
    renewTimer = setTimeout(renew, current.renewAfter);
  }

  // The next session opens while this one still speaks; it takes over between lines, and the old one is closed.
  async function renew() {
    if (disposed) return;
    try {
      const next = await open();
      if (speaking) await speaking.catch(() => {});
      const old = current;
      current = next;
      info.renewals++;
      close(old);
      scheduleRenewal();
    } catch (e) {
      info.error = String(e && e.message || e);
      state.fallBack('avatar renewal failed: ' + info.error);
    }
  }

  // The line's SSML with the live's Azure voice (a line voiced by espeak-ng names an espeak voice).
  function ssmlFor(line) {
    const voice = current.voices[lang];
    const doc = new DOMParser().parseFromString(line.ssml, 'application/xml');
    const element = doc.getElementsByTagNameNS('http://www.w3.org/2001/10/synthesis', 'voice')[0];
    if (element && voice) element.setAttribute('name', voice);
    return new XMLSerializer().serializeToString(doc);
  }

  current = await open();
  scheduleRenewal();

  return {
    viseme() { /* the avatar moves its own lips */ },
    mood() { /* and its own face */ },
    async speak(line) {
      const ssml = ssmlFor(line);
      const done = current.synthesizer.speakSsmlAsync(ssml).then((result) => {
        if (!result || result.reason !== SDK.ResultReason.SynthesizingAudioCompleted) {
          throw new Error('the avatar could not speak the line' + (result && result.errorDetails ? ': ' + result.errorDetails : ''));
        }
        info.spoken.push({ seq: line.seq, session: info.sessions, ssml });
      });
      speaking = done;
      // A refusal within the first moments is a failure to speak: the built-in presenter says this line instead.
      const early = await Promise.race([done.then(() => 'done', (e) => e), new Promise((r) => setTimeout(() => r('speaking'), 150))]);
      if (early instanceof Error) throw early;
      return { done: done.catch((e) => { state.fallBack(String(e && e.message || e)); }) };
    },
    dispose() {
      disposed = true;
      clearTimeout(renewTimer);
      if (current) close(current);
      video.hidden = true;
      video.srcObject = null;
    },
  };
}
