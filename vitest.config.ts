import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    pool: 'forks',
    // expect.poll waits on a browser or a server child process: 1 s (the default) is too short on a busy 2-core machine.
    expect: { poll: { timeout: 15_000 } },
  },
})
