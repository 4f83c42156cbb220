import { describe, expect, it } from 'vitest'
import { QUIET_MS, SAMPLE_MS, ServerActivity } from '../../src/jobs/server-activity.js'

const nextSample = () => new Promise((resolve) => setTimeout(resolve, SAMPLE_MS + 50))

describe('ServerActivity: the flag the check threads’ warm-up waits on', () => {
  it('is busy at start, clear when the loop is idle and no job runs, busy again for a busy loop or a running job', async () => {
    let share = 0.05
    let jobs = 0
    const activity = new ServerActivity(
      () => jobs,
      () => share,
    )
    try {
      expect(Atomics.load(activity.flag, 0)).toBe(1)
      await nextSample()
      expect(Atomics.load(activity.flag, 0)).toBe(0)
      share = 0.6
      await nextSample()
      expect(Atomics.load(activity.flag, 0)).toBe(1)
      share = 0.05
      jobs = 1
      await nextSample()
      expect(Atomics.load(activity.flag, 0)).toBe(1)
      jobs = 0
      await nextSample()
      expect(Atomics.load(activity.flag, 0)).toBe(0)
      // A request answered at once (a kept answer) keeps the server busy for a second after it.
      activity.asked()
      await nextSample()
      expect(Atomics.load(activity.flag, 0)).toBe(1)
      await new Promise((resolve) => setTimeout(resolve, QUIET_MS))
      expect(Atomics.load(activity.flag, 0)).toBe(0)
    } finally {
      activity.stop()
    }
  })
})
