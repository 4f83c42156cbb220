import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { LoopTurns, takeTurns } from '../../src/server/loop-turns.js'

/** One turn of the event loop: what setImmediate callbacks queued before it have run. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve))

describe('LoopTurns: costly requests in small batches per turn of the event loop', () => {
  it('lets 3 through at once, holds the next 4, and lets them through 3 then 1 in the following turns, in order', async () => {
    const turns = new LoopTurns(3)
    const started: number[] = []
    const entries = Array.from({ length: 7 }, (_, i) => {
      const entered = turns.enter()
      if (entered === undefined) started.push(i)
      else void entered.then(() => started.push(i))
      return entered
    })
    expect(entries.map((entry) => entry === undefined)).toEqual([true, true, true, false, false, false, false])
    expect(started).toEqual([0, 1, 2])
    expect(turns.held).toBe(4)
    await nextTurn()
    expect(started).toEqual([0, 1, 2, 3, 4, 5])
    expect(turns.held).toBe(1)
    await nextTurn()
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6])
    expect(turns.held).toBe(0)
  })

  it('gives a new turn its full batch once the previous one ended', async () => {
    const turns = new LoopTurns(2)
    expect([turns.enter(), turns.enter()]).toEqual([undefined, undefined])
    await nextTurn()
    await nextTurn()
    expect([turns.enter(), turns.enter()]).toEqual([undefined, undefined])
    expect(turns.enter()).toBeInstanceOf(Promise)
  })

  it('holds only the costly requests: a health probe sent behind 5 held checks is answered before them', async () => {
    const app = new Hono()
    app.use('*', takeTurns((method) => method === 'POST', new LoopTurns(1)))
    const answered: string[] = []
    app.post('/api/check', (c) => {
      answered.push('check')
      return c.text('ok')
    })
    app.get('/api/health', (c) => {
      answered.push('health')
      return c.text('ok')
    })
    const checks = Array.from({ length: 5 }, () => app.request('/api/check', { method: 'POST' }))
    const health = app.request('/api/health')
    const responses = await Promise.all([...checks, health])
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 200])
    // The first check was let through at once, but it still awaits its turn's promise tick: health overtakes it too.
    expect(answered).toEqual(['health', 'check', 'check', 'check', 'check', 'check'])
  })
})
