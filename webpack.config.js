/**
 * Builds the Outlook add-in into dist/addin (served by the API server under /addin/):
 * one entry and one HtmlWebpackPlugin page per page, Office.js from Microsoft's CDN (never
 * bundled), TypeScript through swc, icons drawn at build time, and manifest.xml copied with
 * the deployment URL substituted (ADDIN_PUBLIC_URL, default https://localhost:3000).
 */
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { sources, Compilation } = require('webpack');
const { iconPng, iconSizes } = require('./addin/assets/icons');

const devUrl = 'https://localhost:3000';
/** The emulator's demo app registration, named in manifest.xml for development. */
const devClientId = '6f1d9c3a-8e24-4b7f-a5c0-3d9e2b1f7a84';

const pages = [
  {
    name: 'taskpane',
    entry: './addin/taskpane/index.tsx',
    title: 'Smart Activity Management',
    officeJs: true,
  },
  {
    name: 'admin',
    entry: './addin/admin/index.tsx',
    title: 'Smart Activity Management — Admin',
    officeJs: true,
  },
  // Relationship search on its own page, usable outside an email.
  {
    name: 'search',
    entry: './addin/search/index.tsx',
    title: 'Smart Activity Management — Search',
    officeJs: true,
  },
  // The dialog page: MSAL's redirect bridge, the consent dialog's first page, dialog sign-in.
  {
    name: 'auth',
    entry: './addin/auth/index.ts',
    title: 'Smart Activity Management — Sign in',
    officeJs: true,
    statusLine: true,
  },
  {
    name: 'dev-host',
    entry: './addin/dev-host/index.tsx',
    title: 'Smart Activity Management — Dev host',
    officeJs: false,
  },
];

/** Emits the generated PNG icons into the build. */
class IconsPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('IconsPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'IconsPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          for (const size of iconSizes)
            compilation.emitAsset(`assets/icon-${size}.png`, new sources.RawSource(iconPng(size)));
        },
      );
    });
  }
}

function manifestFor(content, publicUrl, clientId) {
  return content.toString().replaceAll(devUrl, publicUrl).replaceAll(devClientId, clientId);
}

module.exports = (_env, argv) => {
  const production = argv.mode !== 'development';
  const publicUrl = (process.env.ADDIN_PUBLIC_URL || devUrl).replace(/\/+$/, '');
  if (!/^https:\/\//.test(publicUrl)) throw new Error('ADDIN_PUBLIC_URL must be an https:// URL');
  const clientId = (process.env.ADDIN_CLIENT_ID || process.env.ENTRA_CLIENT_ID || devClientId).toLowerCase();
  return {
    mode: production ? 'production' : 'development',
    // Production maps are written for decoding error reports but neither referenced nor served.
    devtool: production ? 'hidden-source-map' : 'eval-cheap-module-source-map',
    entry: Object.fromEntries(pages.map((p) => [p.name, p.entry])),
    output: {
      path: path.resolve(__dirname, 'dist/addin'),
      filename: production ? '[name].[contenthash:10].js' : '[name].js',
      chunkFilename: production ? '[name].[contenthash:10].js' : '[name].js',
      publicPath: 'auto',
      clean: true,
    },
    resolve: { extensions: ['.tsx', '.ts', '.js', '.json'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'swc-loader',
            options: {
              jsc: {
                parser: { syntax: 'typescript', tsx: true },
                transform: { react: { runtime: 'automatic', development: !production } },
                target: 'es2020',
              },
            },
          },
        },
      ],
    },
    // Office.js comes from Microsoft's CDN (a <script> tag in the pages), never from the bundle.
    externals: { 'office-js': 'Office' },
    plugins: [
      ...pages.map(
        (p) =>
          new HtmlWebpackPlugin({
            filename: `${p.name}.html`,
            template: './addin/page.html',
            chunks: [p.name],
            title: p.title,
            officeJs: p.officeJs,
            statusLine: p.statusLine === true,
            scriptLoading: 'defer',
          }),
      ),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'addin/office-frame-guard.js', to: 'office-frame-guard.js' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => manifestFor(content, publicUrl, clientId),
          },
        ],
      }),
      new IconsPlugin(),
    ],
    performance: { hints: false }, // the budget is gzip size, measured by `npm run bench:addin`
    stats: 'errors-warnings',
  };
};

/** Used by the manifest test: the same substitution the build applies. */
module.exports.manifestFor = manifestFor;
