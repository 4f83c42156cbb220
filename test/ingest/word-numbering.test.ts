import { describe, expect, it } from 'vitest'
import { NumberingCounter, readNumberingDefinitions } from '../../src/ingest/word-numbering.js'
import { parseXml } from '../../src/model/ooxml.js'

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
const level = (ilvl: number, text: string) =>
  `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="${text}"/></w:lvl>`

describe('NumberingCounter', () => {
  it('counts a list LibreOffice saved as a restarting first item (start override) plus the plain instance as one list', () => {
    // What LibreOffice writes for headings 一、（一）（二）二、 typed as one Word list: the first paragraph on numId 3
    // (abstract 1, start override 1), the rest on numId 1 (abstract 1).
    const numbering = parseXml(
      `<w:numbering xmlns:w="${W}"><w:abstractNum w:abstractNumId="1">${level(0, '%1、')}${level(1, '（%2）')}</w:abstractNum>` +
        `<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>` +
        `<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num></w:numbering>`,
    )
    const counter = new NumberingCounter(readNumberingDefinitions(numbering))
    expect([counter.next('3', 0), counter.next('1', 1), counter.next('1', 1), counter.next('1', 0), counter.next('1', 1), counter.next('3', 0)]).toEqual([
      '一、', '（一）', '（二）', '二、', '（一）', '三、',
    ])
  })

  it('restarts at an instance with a start override the first time it is used', () => {
    const numbering = parseXml(
      `<w:numbering xmlns:w="${W}"><w:abstractNum w:abstractNumId="0">${level(0, '%1、')}</w:abstractNum>` +
        `<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
        `<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num></w:numbering>`,
    )
    const counter = new NumberingCounter(readNumberingDefinitions(numbering))
    expect([counter.next('1', 0), counter.next('1', 0), counter.next('2', 0), counter.next('2', 0)]).toEqual(['一、', '二、', '一、', '二、'])
  })
})
