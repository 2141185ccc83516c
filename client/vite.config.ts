import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { deepImports } from './build/deepImports';

const clientDir = fileURLToPath(new URL('.', import.meta.url));
const sharedForms = fileURLToPath(new URL('../server/src/forms/index.ts', import.meta.url));
const sharedContract = fileURLToPath(new URL('../server/src/contract/index.ts', import.meta.url));
const plainMarkdown = fileURLToPath(new URL('./src/forms/Markdown.tsx', import.meta.url));

/**
 * Libraries that only some pages need are named groups, so the village clerk's path
 * (login → inbox → application) never downloads charts, and the admin's definitions list never the
 * diagram (only the editor imports it). Every page is its own lazy chunk (App.tsx, AdminPage.tsx).
 */
const splitOffClerkPath = [
  { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
  { name: 'diagram', test: /node_modules[\\/](@xyflow|elkjs|d3-[a-z-]+|classcat)[\\/]/ },
];

export default defineConfig(({ command }) => ({
  root: clientDir,
  // A build is always the production bundle, whatever NODE_ENV the shell has: under NODE_ENV=test
  // (jest, `NODE_ENV=test npm start`) Vite would otherwise bundle React's development build.
  define: command === 'build' ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
  // The React plugin is not installed: Vite's own transform compiles TSX with the automatic runtime.
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [deepImports()],
  resolve: {
    alias: {
      // The validator that server and browser share (DESIGN.md, server/src/forms).
      '@shared/forms': sharedForms,
      // The HTTP API's request and response types (server/src/contract); types only, so nothing of it is bundled.
      '@shared/contract': sharedContract,
      // rjsf's Markdown renderer, unused by our forms (see the stub's comment).
      'markdown-to-jsx/react': plainMarkdown,
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
      output: { codeSplitting: { includeDependenciesRecursively: false, groups: splitOffClerkPath } },
      // antd marks its modules "use client" for React Server Components; meaningless in a SPA bundle.
      onLog(level, log, handler) {
        if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log);
      },
    },
  },
}));
