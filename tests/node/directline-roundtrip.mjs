// Drives the embedded Direct Line with the stock botframework-directlinejs client, as Web Chat does.
// Usage: node directline-roundtrip.mjs <baseUrl> <websocket|polling> <lang> <text>
// Prints one JSON line: what the client saw. Exits non-zero if the round trip did not complete.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// directlinejs expects browser globals: XMLHttpRequest for REST, WebSocket for the stream.
globalThis.XMLHttpRequest = require('xhr2');
globalThis.WebSocket = require('ws');
const { DirectLine, ConnectionStatus } = require('botframework-directlinejs');

const [baseUrl, mode, lang, text] = process.argv.slice(2);
const useWebSocket = mode === 'websocket';

const tokenResponse = await fetch(`${baseUrl}/chat/token?lang=${encodeURIComponent(lang)}`, { method: 'POST' });
if (!tokenResponse.ok) {
  console.error(`token request failed: ${tokenResponse.status}`);
  process.exit(2);
}
const credentials = await tokenResponse.json();

const directLine = new DirectLine({
  token: credentials.token,
  domain: `${baseUrl}/v3/directline`,
  webSocket: useWebSocket,
  pollingInterval: 200
});

const seen = [];
const statuses = [];
const result = { mode, conversationId: null, statuses, greeting: null, postedId: null, echoed: false, reply: null };

const timer = setTimeout(() => {
  console.log(JSON.stringify({ ...result, error: 'timeout', seen }));
  process.exit(3);
}, 20000);

directLine.connectionStatus$.subscribe((status) => {
  statuses.push(ConnectionStatus[status]);
  if (status === ConnectionStatus.Online && result.postedId === null) {
    result.postedId = 'pending';
    directLine
      .postActivity({ type: 'message', text, locale: lang, from: { id: credentials.userId } })
      .subscribe(
        (id) => { result.postedId = id; check(); },
        (error) => { console.log(JSON.stringify({ ...result, error: String(error) })); process.exit(4); }
      );
  }
});

directLine.activity$.subscribe((activity) => {
  seen.push({ id: activity.id, type: activity.type, role: activity.from && activity.from.role, text: activity.text, replyToId: activity.replyToId });
  result.conversationId = activity.conversation && activity.conversation.id;
  if (activity.from && activity.from.role === 'bot' && !activity.replyToId && result.greeting === null) {
    result.greeting = activity.text;
  }
  check();
});

function check() {
  if (typeof result.postedId !== 'string' || result.postedId === 'pending') return;
  result.echoed = seen.some((a) => a.id === result.postedId && a.text === text);
  const reply = seen.find((a) => a.role === 'bot' && a.replyToId === result.postedId);
  if (result.echoed && reply) {
    result.reply = reply.text;
    clearTimeout(timer);
    console.log(JSON.stringify(result));
    directLine.end();
    process.exit(0);
  }
}
