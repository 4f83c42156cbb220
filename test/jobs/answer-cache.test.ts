import { describe, expect, it } from 'vitest'
import { AnswerCache } from '../../src/jobs/answer-cache.js'

/** The kept answers of pure jobs: one computation per request text, bounded by size, failures never kept. */

const later = (value: string, ms = 20) => new Promise<string>((resolve) => setTimeout(() => resolve(value), ms))

describe('AnswerCache', () => {
  it('computes an answer once for identical requests, whether they come meanwhile or later', async () => {
    const cache = new AnswerCache()
    let computed = 0
    const compute = () => {
      computed += 1
      return later('{"findings":[]}')
    }
    const key = AnswerCache.keyOf('check', '{"text":"一、背景介绍"}')
    const meanwhile = await Promise.all([cache.answer(key, compute), cache.answer(key, compute)])
    expect(meanwhile).toEqual(['{"findings":[]}', '{"findings":[]}'])
    expect(await cache.answer(key, compute)).toBe('{"findings":[]}')
    expect(computed).toBe(1)
    expect(cache.stats()).toEqual({ answers: 1, chars: 15, running: 0 })
  })

  it('keys by the job and the exact request text', () => {
    expect(AnswerCache.keyOf('check', '{"text":"甲"}')).toBe(AnswerCache.keyOf('check', '{"text":"甲"}'))
    expect(AnswerCache.keyOf('check', '{"text":"甲"}')).not.toBe(AnswerCache.keyOf('check', '{"text": "甲"}'))
    expect(AnswerCache.keyOf('check', 'x')).not.toBe(AnswerCache.keyOf('export', 'x'))
  })

  it('keeps no failure: the next identical request computes again', async () => {
    const cache = new AnswerCache()
    let calls = 0
    const compute = async () => {
      calls += 1
      if (calls === 1) throw new Error('线程中止')
      return '结果'
    }
    await expect(cache.answer('k', compute)).rejects.toThrow('线程中止')
    expect(await cache.answer('k', compute)).toBe('结果')
    expect(calls).toBe(2)
  })

  it('drops the least recently used answers past its size, and never keeps one answer that is too long', async () => {
    const cache = new AnswerCache({ maxChars: 10, maxAnswerChars: 6 })
    await cache.answer('a', async () => 'aaaa')
    await cache.answer('b', async () => 'bbbb')
    await cache.answer('a', async () => 'never') // a is now the most recently used
    await cache.answer('c', async () => 'cccc') // 12 chars: b goes
    expect([cache.has('a'), cache.has('b'), cache.has('c')]).toEqual([true, false, true])
    expect(await cache.answer('long', async () => 'long answer')).toBe('long answer')
    expect(cache.has('long')).toBe(false)
    expect(cache.stats()).toEqual({ answers: 2, chars: 8, running: 0 })
  })
})
