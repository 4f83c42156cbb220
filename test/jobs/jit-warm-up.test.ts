import { describe, expect, it } from 'vitest'
import { warmCheckRequests, warmUpCompiler } from '../../src/jobs/jit-warm-up.js'

describe('the check threads’ compiler warm-up', () => {
  it('checks each bundled sample draft alone and with the park it describes', () => {
    const requests = warmCheckRequests()
    expect(requests.map((request) => [request.text.slice(0, 12), (request.park as { park?: { name?: string } } | undefined)?.park?.name])).toEqual([
      [requests[0]!.text.slice(0, 12), undefined],
      [requests[0]!.text.slice(0, 12), '绫江高新技术产业开发区'],
      [requests[2]!.text.slice(0, 12), undefined],
      [requests[2]!.text.slice(0, 12), '南岭经济技术开发区'],
      [requests[4]!.text.slice(0, 12), undefined],
      [requests[4]!.text.slice(0, 12), '嘉澜经济技术开发区'],
    ])
    expect(requests.every((request) => request.text.includes('二、创新举措'))).toBe(true)
  })

  it('runs until the warm and the real checks together reach the count, each text different, failures skipped', async () => {
    const texts: string[] = []
    let real = 0
    const runOne = (job: string, request: unknown) => {
      expect(job).toBe('check')
      texts.push((request as { text: string }).text)
      // A real task arrives while the third warm check runs; the fifth warm check fails.
      if (texts.length === 3) real += 2
      return texts.length === 5 ? Promise.reject(new Error('a sample that does not check')) : Promise.resolve('{}')
    }
    const warm = await warmUpCompiler(runOne, () => real, 10)
    expect(warm).toBe(8)
    expect(new Set(texts).size).toBe(8)
    expect(texts.map((text) => text.slice(text.lastIndexOf('\n') + 1))).toEqual(['0', '1', '2', '3', '4', '5', '6', '7'])
  })
})
