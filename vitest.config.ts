import { defineConfig } from 'vitest/config';

// Unit tests only: Playwright specs live in tests/e2e and must not be picked up here.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // several tests run a preset over 10 seeds: a minute on this 2-core machine, more when it is loaded
    testTimeout: 180_000,
  },
});
