// Svelte 5 with runes everywhere. TypeScript in <script lang="ts"> is type-only, so no preprocessor.
export default {
  compilerOptions: { runes: true },
};
