import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Static build for GitHub Pages: a relative base works under any repository name (no router).
export default defineConfig({
  base: './',
  plugins: [svelte()],
  // ES module workers: the iife default silently inlines dynamic imports.
  worker: { format: 'es' },
  build: { target: 'es2022' },
});
