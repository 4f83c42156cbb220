import { describe, expect, it } from 'vitest'
import { announcesItems, enumerationsOf } from '../../src/check/enumerations.js'

describe('announcesItems', () => {
  it('reads a sentence that announces the items after it', () => {
    for (const sentence of ['突出表现在三个方面。', '主要面临以下问题：', '园区存在能耗底数不清、绿电占比偏低等短板：', '具体如下：', '主要表现为：']) {
      expect(announcesItems(sentence), sentence).toBe(true)
    }
  })

  it('not a sentence that states something', () => {
    for (const sentence of ['园区企业能耗偏高。', '园区从三个方向系统推进。', '园区在三个方面发力，成效明显。']) {
      expect(announcesItems(sentence), sentence).toBe(false)
    }
  })
})

describe('enumerationsOf', () => {
  it('takes an announcing sentence of its own as the lead-in, and a last item of several sentences to the block end', () => {
    const text = '园区发展仍有差距，突出表现在两个方面。一是能耗底数不清。监测靠人工抄表。二是绿电占比偏低。2023年仅为6.2%。'
    const [run] = enumerationsOf(text)
    expect(run!.leadInStart).toBe(0)
    expect(run!.items.map((item) => item.text)).toEqual(['一是能耗底数不清。监测靠人工抄表', '二是绿电占比偏低。2023年仅为6.2%'])
  })

  it('keeps the lead-in in the items’ sentence when the sentence before announces nothing, and items of one clause each', () => {
    const text = '园区能耗偏高。主要问题有：一是能耗底数不清；二是绿电占比偏低。园区已启动整改。'
    const [run] = enumerationsOf(text)
    expect(text.slice(run!.leadInStart, run!.items[0]!.start)).toBe('主要问题有：')
    expect(run!.items.map((item) => item.text)).toEqual(['一是能耗底数不清', '二是绿电占比偏低'])
  })
})
