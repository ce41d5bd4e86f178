// The command-line package: src/cli/check/bin.ts and everything it imports (the core, the
// scenario layer, yaml, smol-toml) bundled into one file, dist-cli/cascade.js, that runs on plain
// Node >= 20.19 (no tsx, no node_modules). `npm pack` builds it (the prepack script).
import { defineConfig } from 'vite';

export default defineConfig({
  // no public/ copy, no HTML: a Node build
  publicDir: false,
  build: {
    ssr: 'src/cli/check/bin.ts',
    target: 'node20',
    outDir: 'dist-cli',
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    rollupOptions: {
      output: {
        format: 'es',
        entryFileNames: 'cascade.js',
        banner: '#!/usr/bin/env node',
      },
    },
  },
  // bundle every package (only Node's own modules stay imports)
  ssr: { noExternal: true, target: 'node' },
});
