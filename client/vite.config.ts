import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { deepImports, formProviderImport } from './build/deepImports';
import { pathChunks } from './build/pathChunks';
import { shellFiles } from './build/precacheShell';

const clientDir = fileURLToPath(new URL('.', import.meta.url));
const sharedForms = fileURLToPath(new URL('../server/src/forms/index.ts', import.meta.url));
const sharedContract = fileURLToPath(new URL('../server/src/contract/index.ts', import.meta.url));
const plainMarkdown = fileURLToPath(new URL('./src/forms/Markdown.tsx', import.meta.url));
const uriResolver = fileURLToPath(new URL('./src/forms/uriResolver.ts', import.meta.url));

/**
 * Libraries that only some pages need are named groups, so the village clerk's path
 * (login → inbox → application) never downloads charts, and the admin's definitions list never the
 * diagram (only the editor imports it). Every page is its own lazy chunk (App.tsx, AdminPage.tsx).
 */
const splitOffClerkPath = [
  { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
  { name: 'diagram', test: /node_modules[\\/](@xyflow|elkjs|d3-[a-z-]+|classcat)[\\/]/ },
];
const loggedInPath = pathChunks();

/**
 * The service worker (Workbox, generated at build time as /sw.js) and the web manifest. The shell
 * (client/build/precacheShell.ts) is installed ahead; other hashed assets are cached when first used;
 * the forms a user opened (GET /api/forms/:key) and who is logged in (GET /api/me) stay readable offline. Submissions are not the service
 * worker's business: the page queues them in IndexedDB (src/offline) with their idempotency keys.
 */
function installableOffline() {
  return VitePWA({
    // src/main.tsx registers /sw.js itself, in production builds only.
    injectRegister: false,
    registerType: 'autoUpdate',
    includeAssets: ['icons/apple-touch-icon.png'],
    manifest: {
      id: '/',
      name: '精准扶贫 · 五华县',
      short_name: '精准扶贫',
      description: '五华县精准扶贫业务流程平台：贫困户申请、核实评议、公示与审核',
      lang: 'zh-CN',
      dir: 'ltr',
      start_url: '/inbox',
      scope: '/',
      display: 'standalone',
      background_color: '#ffffff',
      theme_color: '#b71c1c',
      icons: [
        { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
        { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
        { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,png,webmanifest}'],
      manifestTransforms: [
        (entries) => {
          const shell = shellFiles(fileURLToPath(new URL('./dist', import.meta.url)));
          return { manifest: entries.filter((entry) => !entry.url.startsWith('assets/') || shell.has(entry.url)) };
        },
      ],
      // Hashed names change with their content: no cache-busting query needed.
      dontCacheBustURLsMatching: /^assets\//,
      navigateFallback: '/index.html',
      navigateFallbackDenylist: [/^\/api\//, /^\/admin\/queues/, /^\/metrics/],
      cleanupOutdatedCaches: true,
      clientsClaim: true,
      skipWaiting: true,
      runtimeCaching: [
        {
          urlPattern: /\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.(js|css)$/,
          handler: 'CacheFirst',
          options: { cacheName: 'jz-assets', expiration: { maxEntries: 400 } },
        },
        {
          // Who is logged in, so a reload without a network still opens the app (SessionProvider drops it on logout).
          urlPattern: /\/api\/me$/,
          handler: 'NetworkFirst',
          options: { cacheName: 'jz-session', networkTimeoutSeconds: 10, expiration: { maxEntries: 1 } },
        },
        {
          urlPattern: /\/api\/forms\/[^/?]+$/,
          handler: 'NetworkFirst',
          options: { cacheName: 'jz-forms', networkTimeoutSeconds: 10, expiration: { maxEntries: 100 } },
        },
      ],
    },
  });
}

export default defineConfig(({ command }) => ({
  root: clientDir,
  // A build is always the production bundle, whatever NODE_ENV the shell has: under NODE_ENV=test
  // (jest, `NODE_ENV=test npm start`) Vite would otherwise bundle React's development build.
  define: command === 'build' ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
  // The React plugin is not installed: Vite's own transform compiles TSX with the automatic runtime.
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [deepImports(), formProviderImport(), loggedInPath.plugin, installableOffline()],
  resolve: {
    alias: {
      // The validator that server and browser share (DESIGN.md, server/src/forms).
      '@shared/forms': sharedForms,
      // The HTTP API's request and response types (server/src/contract); types only, so nothing of it is bundled.
      '@shared/contract': sharedContract,
      // rjsf's Markdown renderer, unused by our forms (see the stub's comment).
      'markdown-to-jsx/react': plainMarkdown,
      // AJV's URI resolver: the RFC 3986 subset it uses, tested against fast-uri (tests/forms/uri-resolver.test.ts).
      'fast-uri': uriResolver,
    },
  },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false }, '/admin/queues': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // bench/client.mjs reads the manifest to know which chunks each route loads.
    manifest: true,
    // ELK's bundled layout engine alone is 1.6 MB; it loads only when someone opens a process diagram.
    chunkSizeWarningLimit: 1800,
    rolldownOptions: {
      // Groups take only what they match: shared dependencies (React, antd) stay in the common chunks.
      output: { codeSplitting: { includeDependenciesRecursively: false, groups: [...splitOffClerkPath, ...loggedInPath.groups] } },
      // antd marks its modules "use client" for React Server Components; meaningless in a SPA bundle.
      onLog(level, log, handler) {
        if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log);
      },
    },
  },
}));
