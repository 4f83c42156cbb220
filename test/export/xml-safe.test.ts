import { describe, expect, it } from 'vitest'
import { xmlSafe, xmlSafeValue } from '../../src/export/xml-safe.js'

describe('xmlSafe', () => {
  it.each([
    ['controls other than tab and line breaks', '南岭\u0000\u0001\u0008经开区\u000b\u000c\u000e\u001f', '南岭经开区'],
    ['tab, line feed and carriage return stay', '园区\t产值\r\n增长', '园区\t产值\r\n增长'],
    ['the noncharacters U+FFFE and U+FFFF', '节能\ufffe降碳\uffff', '节能降碳'],
    ['a high surrogate alone, a low surrogate alone', '绿色\ud800工厂\udc00', '绿色工厂'],
    ['a surrogate pair (a character beyond the BMP) stays whole', '𠀀园区𡃁', '𠀀园区𡃁'],
    ['ordinary text is unchanged', '园区规模以上工业总产值达到1,234.5亿元。', '园区规模以上工业总产值达到1,234.5亿元。'],
  ])('%s', (_name, input, output) => {
    expect(xmlSafe(input)).toBe(output)
  })

  it('xmlSafeValue cleans strings and passes numbers and booleans through', () => {
    expect([xmlSafeValue('园\ufffe区'), xmlSafeValue(12.5), xmlSafeValue(true)]).toEqual(['园区', 12.5, true])
  })
})
