// Webpack config of a Node app of this workspace: bundles src/main.ts with its workspace libs (path aliases) into
// dist/apps/<name>/main.js; node_modules stay external.
const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { basename, join } = require('path');

/** @param {string} appDir the app's folder (its webpack.config.js passes __dirname) */
module.exports = function nodeAppConfig(appDir, { assets = [] } = {}) {
  return {
    output: { path: join(appDir, '../../dist/apps', basename(appDir)), clean: true },
    devtool: 'source-map',
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: './src/main.ts',
        tsConfig: './tsconfig.app.json',
        assets,
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: false,
        sourceMap: true,
      }),
    ],
  };
};
