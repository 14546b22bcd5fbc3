import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // Server modules guard against client bundling; under test they run in plain Node.
      'server-only': path.resolve(import.meta.dirname, 'lib/server/testing/server-only-stub.ts'),
    },
  },
  test: {
    environment: 'node',
    include: ['lib/**/*.test.ts', 'db/**/*.test.ts', 'scripts/**/*.test.ts'],
    pool: 'forks',
    env: { BCRYPT_COST: '4' },
    testTimeout: 30_000,
  },
});
