// dist/undici.js: the part of undici the extension and the CLI use, required on their first request: its Agent, the
// proxy agent that reads HTTP(S)_PROXY and NO_PROXY, the retry interceptor, and request(). Not fetch, WebSocket,
// EventSource, the mocks or the caches, which undici's index.js loads too: the file loads in half the time (20 ms
// against 37 ms here), for every command of the CLI that talks and the editor's first request. src/poe/undici.ts
// types exactly these members, so using another is a type error, and test/unit/undiciEntry.test.ts runs each.
const Dispatcher = require('undici/lib/dispatcher/dispatcher');
const api = require('undici/lib/api');
const { getGlobalDispatcher } = require('undici/lib/global');

// What undici's index.js does, so that every dispatcher has request() (and stream(), pipeline() …).
Object.assign(Dispatcher.prototype, api);

/** undici's request(url, options) for an absolute URL: on options.dispatcher, else on undici's global one. */
function request(url, opts = {}) {
  const u = new URL(url);
  const { dispatcher = getGlobalDispatcher(), ...rest } = opts;
  return dispatcher.request({
    ...rest,
    origin: u.origin,
    path: `${u.pathname}${u.search}`,
    method: rest.method || (rest.body ? 'PUT' : 'GET'),
  });
}

module.exports = {
  Agent: require('undici/lib/dispatcher/agent'),
  EnvHttpProxyAgent: require('undici/lib/dispatcher/env-http-proxy-agent'),
  interceptors: { retry: require('undici/lib/interceptor/retry') },
  request,
};
