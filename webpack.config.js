/**
 * Builds the Outlook add-in into dist/addin (served by the API server under /addin/):
 * one entry and one HtmlWebpackPlugin page per page, Office.js from Microsoft's CDN (never
 * bundled), TypeScript through swc, icons drawn at build time, and manifest.xml copied with
 * the deployment URL substituted (ADDIN_PUBLIC_URL, default https://localhost:3000).
 *
 *   --env reload  (npm run dev) every page but the sign-in dialog reloads itself after a rebuild
 *   --env bench   (npm run bench:addin) adds bare-card.html, a baseline page named by no manifest
 */
const { createHash } = require('node:crypto');
const { readFileSync, rmSync, statSync, writeFileSync } = require('node:fs');
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

/** The benchmark's baseline: one contact card from static data, no Office, sign-in or API. */
const benchPage = {
  name: 'bare-card',
  entry: './tests/bench/bare-card.tsx',
  title: 'Smart Activity Management — bare card',
  officeJs: false,
};

/** Emits build.json (the compilation's hash) for the panes' reload-on-rebuild (`--env reload`). */
class BuildStampPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('BuildStampPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'BuildStampPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_REPORT },
        () => {
          compilation.emitAsset(
            'build.json',
            new sources.RawSource(JSON.stringify({ hash: compilation.hash })),
          );
        },
      );
    });
  }
}

const defaultOutput = path.resolve(__dirname, 'dist/addin');
/** What dist/addin was built from and how (beside it, so the server never serves it). */
const buildRecordFile = path.resolve(__dirname, 'dist/addin-build.json');

/** A file's content digest, or null when it is gone: a build is current while its inputs' digests hold. */
function inputDigest(file) {
  return statSync(file, { throwIfNoEntry: false })?.isFile()
    ? createHash('sha256').update(readFileSync(file)).digest('hex')
    : null;
}

/**
 * Writes dist/addin-build.json after each successful build into dist/addin: the build's kind and
 * the digest of every project file webpack read (dependencies come in through package-lock.json),
 * so tests can tell a stale or development build and rebuild. A file saved while the build ran
 * leaves no record: the build may hold its older content.
 */
class BuildRecordPlugin {
  constructor(kind) {
    this.kind = kind;
  }
  apply(compiler) {
    const own = () => path.resolve(compiler.outputPath) === defaultOutput;
    let startedAt = 0;
    const begin = () => {
      startedAt = Date.now();
      if (own()) rmSync(buildRecordFile, { force: true });
    };
    compiler.hooks.run.tap('BuildRecordPlugin', begin);
    compiler.hooks.watchRun.tap('BuildRecordPlugin', begin);
    compiler.hooks.done.tap('BuildRecordPlugin', (stats) => {
      if (!own() || stats.hasErrors()) return;
      const files = new Set(
        [...stats.compilation.fileDependencies].filter(
          (f) => f.startsWith(__dirname + path.sep) && !f.includes(`${path.sep}node_modules${path.sep}`),
        ),
      );
      for (const f of [__filename, require.resolve('./addin/assets/icons'), 'package-lock.json'])
        files.add(path.resolve(__dirname, f));
      const inputs = {};
      for (const file of [...files].sort()) {
        const stat = statSync(file, { throwIfNoEntry: false });
        if (stat?.isDirectory()) continue; // webpack also lists folders it resolved in
        if (stat && stat.mtimeMs >= startedAt) return;
        inputs[path.relative(__dirname, file).split(path.sep).join('/')] = inputDigest(file);
      }
      writeFileSync(buildRecordFile, JSON.stringify({ ...this.kind, inputs }, null, 1));
    });
  }
}

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

/** Where the add-in is deployed, and under which app registration (ADDIN_PUBLIC_URL, ADDIN_CLIENT_ID). */
function deployment(env = process.env) {
  const publicUrl = (env.ADDIN_PUBLIC_URL || devUrl).replace(/\/+$/, '');
  if (!/^https:\/\//.test(publicUrl)) throw new Error('ADDIN_PUBLIC_URL must be an https:// URL');
  const clientId = (env.ADDIN_CLIENT_ID || env.ENTRA_CLIENT_ID || devClientId).toLowerCase();
  return { publicUrl, clientId };
}

function manifestFor(content, publicUrl, clientId) {
  return content.toString().replaceAll(devUrl, publicUrl).replaceAll(devClientId, clientId);
}

module.exports = (env = {}, argv = {}) => {
  const production = argv.mode !== 'development';
  const reload = Boolean(env.reload);
  const built = env.bench ? [...pages, benchPage] : pages;
  // Everything but the sign-in dialog (a reload there would break a sign-in in progress).
  const entryOf = (p) => (reload && p.name !== 'auth' ? ['./addin/dev-reload.ts', p.entry] : p.entry);
  const { publicUrl, clientId } = deployment();
  return {
    mode: production ? 'production' : 'development',
    // Production maps are written for decoding error reports but neither referenced nor served;
    // development maps are inline (the pages' CSP allows no eval, and the server serves no .map).
    devtool: production ? 'hidden-source-map' : 'inline-cheap-module-source-map',
    entry: Object.fromEntries(built.map((p) => [p.name, entryOf(p)])),
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
      ...built.map(
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
      new BuildRecordPlugin({
        mode: production ? 'production' : 'development',
        reload,
        bench: Boolean(env.bench),
      }),
      ...(reload ? [new BuildStampPlugin()] : []),
    ],
    performance: { hints: false }, // the budget is gzip size, measured by `npm run bench:addin`
    stats: 'errors-warnings',
  };
};

/** Used by the manifest test and `npm run validate`: the same substitution the build applies. */
module.exports.manifestFor = manifestFor;
module.exports.deployment = deployment;
/** Used by the tests to rebuild a stale add-in. */
module.exports.buildRecordFile = buildRecordFile;
module.exports.inputDigest = inputDigest;
