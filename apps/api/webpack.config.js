// The API bundle, with the SQL migrations it applies at boot copied beside it.
module.exports = require('../../tools/webpack/node-app.cjs')(__dirname, {
  assets: [{ input: '../../prisma/migrations', glob: '**/*', output: 'migrations' }],
});
