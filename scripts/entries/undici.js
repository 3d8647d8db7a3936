// dist/undici.js: undici on its own, required by the extension and the CLI on their first request.
module.exports = require('undici');
