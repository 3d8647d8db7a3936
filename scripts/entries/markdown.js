// dist/markdown.js: markdown-it on its own, required when a panel first renders a reply.
module.exports = require('markdown-it');
