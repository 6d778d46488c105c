// The FreeSWITCH ESL simulator (npm run simulate).
module.exports = require('../../tools/webpack/node-app.cjs')(__dirname);
