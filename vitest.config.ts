import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Patient limits: CI has 2 cores shared by PGlite, Chromium, LibreOffice and OCR test files running side by side,
    // and a limit reached there says nothing about the product. Speed is measured in `npm run bench`, not here.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // expect.poll waits on a browser or a server child process: 1 s (the default) is too short on a busy 2-core machine.
    expect: { poll: { timeout: 15_000 } },
  },
})
