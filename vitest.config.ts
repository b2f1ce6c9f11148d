import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx', 'test/fuzz/**/*.test.ts', 'test/editor/**/*.test.ts', 'test/editor/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
  },
});
