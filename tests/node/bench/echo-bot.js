// The official Bot Framework SDK for JavaScript (botbuilder CloudAdapter) as a plain echo bot on
// Node's http server: the baseline for docs/benchmarks.md. Configuration comes from the same
// SDK keys LiveAssist reads (MicrosoftAppId, ToBotFromChannelOpenIdMetadataUrl, ...).
const http = require('node:http');
const { CloudAdapter, ConfigurationBotFrameworkAuthentication } = require('botbuilder');

const auth = new ConfigurationBotFrameworkAuthentication(process.env);
const adapter = new CloudAdapter(auth);
adapter.onTurnError = async (context, error) => { console.error(error); };

async function echo(context) {
  if (context.activity.type === 'message') {
    await context.sendActivity('Echo: ' + context.activity.text);
  }
}

// CloudAdapter expects an express/restify-like request and response; this is the thinnest such shim.
const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/api/messages') {
    res.statusCode = 404;
    res.end();
    return;
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    try {
      req.body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch (e) {
      res.statusCode = 400;
      res.end();
      return;
    }
    const response = {
      socket: res.socket,
      status(code) { res.statusCode = code; return this; },
      header(name, value) { res.setHeader(name, value); return this; },
      send(body) {
        if (body !== undefined) {
          if (typeof body === 'object' && !Buffer.isBuffer(body)) {
            res.setHeader('Content-Type', 'application/json');
            body = JSON.stringify(body);
          }
          res.write(body);
        }
        return this;
      },
      end() { res.end(); return this; }
    };
    adapter.process(req, response, echo).catch((err) => {
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
});

server.listen(Number(process.env.PORT || 3978), '127.0.0.1', () => console.log('listening'));
