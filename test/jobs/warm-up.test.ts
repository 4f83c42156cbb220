import { describe, expect, it } from 'vitest'
import { JOBS } from '../../src/jobs/registry.js'
import { runJob } from '../../src/jobs/run-job.js'

const context = { corpus: () => Promise.reject(new Error('a check needs no corpus')) }

describe('the check threads’ warm-up', () => {
  it('checks a sample draft against its park data, so the first person’s check pays for no rule or validator loading', async () => {
    const sample = JOBS.check.warmUp!()
    expect(sample.park).toMatchObject({ park: { name: '绫江高新技术产业开发区' } })
    const answer = JSON.parse(await runJob('check', { value: sample }, context)) as { findings: { rule: string; message: string }[] }
    // Every park rule ran: no finding says the park data was missing or belongs to another park.
    expect(answer.findings.filter((finding) => finding.rule === 'park-data')).toEqual([])
  })
})
