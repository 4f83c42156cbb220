import { describe, expect, it } from 'vitest'
import { RunTimes } from '../../src/jobs/run-times.js'

describe('RunTimes', () => {
  it('says nothing until eight jobs were reported', () => {
    const times = new RunTimes()
    for (const ms of [290, 600, 7, 5, 6, 4, 5]) times.add(ms)
    expect(times.typicalMs()).toBeUndefined()
    times.add(6)
    expect(times.typicalMs()).toBe(6)
  })

  it('is the median of the recent run times: three 59,000-character floods among drafts do not move it', () => {
    const times = new RunTimes()
    for (const ms of [4, 5, 480, 3, 620, 6, 550, 5, 4]) times.add(ms)
    expect(times.typicalMs()).toBe(5)
  })

  it('takes the mean of the middle two for an even count', () => {
    const times = new RunTimes()
    for (const ms of [4, 10, 2, 8, 3, 9, 1, 12]) times.add(ms)
    expect(times.typicalMs()).toBe(6)
  })

  it('forgets the oldest run times once it holds its capacity', () => {
    const times = new RunTimes(3)
    for (const ms of [300, 400, 500, 2, 3]) times.add(ms)
    expect(times.typicalMs()).toBe(3)
    times.add(4)
    expect(times.typicalMs()).toBe(3)
  })

  it('forgets run times older than ten seconds: floods checked a minute before a rush say nothing about it', () => {
    let now = 0
    const times = new RunTimes(31, () => now)
    for (const ms of [1500, 1966, 1165, 1581, 1495, 1617, 5, 6]) times.add(ms)
    expect(times.typicalMs()).toBe(1497.5)
    now = 60_000
    expect(times.typicalMs()).toBeUndefined()
    for (const ms of [20, 25, 18, 30, 22, 21, 19, 24]) times.add(ms)
    expect(times.typicalMs()).toBe(21.5)
  })

  it('ignores a run time that is not a number of milliseconds', () => {
    const times = new RunTimes(1)
    for (const ms of [12, Number.NaN, -1, Number.POSITIVE_INFINITY]) times.add(ms)
    expect(times.typicalMs()).toBe(12)
  })
})
