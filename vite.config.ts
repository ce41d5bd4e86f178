import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';

// Static build for GitHub Pages: a relative base works under any repository name (no router).
export default defineConfig({
  base: './',
  plugins: [
    svelte(),
    // Offline after the first visit: a Workbox service worker precaches every file of the build
    // (the app, its chunks and the simulation worker), keyed by content hash. registerType
    // 'prompt': a new build waits until the page says "new version, reload" and the user agrees,
    // so a deploy never reloads a page with unsaved edits. Registered by src/ui/offline/ in
    // production builds only (no service worker on the dev server).
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,ico,json,txt}'],
        // every navigation (any ?query: links carry the scenario) is answered by the app shell
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  // ES module workers: the iife default silently inlines dynamic imports.
  worker: { format: 'es' },
  build: { target: 'es2022' },
});
