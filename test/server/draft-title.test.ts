import { describe, expect, it } from 'vitest'
import { distinctTitle } from '../../src/server/draft-title.js'

describe('distinctTitle', () => {
  it('keeps a title no other draft of the park has', () => {
    expect(distinctTitle('推动绿色安全发展类初稿', ['促进实数深度融合类初稿'])).toBe('推动绿色安全发展类初稿')
  })

  it('numbers the second and later drafts of the same title from （2）, skipping numbers in use', () => {
    expect(distinctTitle('推动绿色安全发展类初稿', ['推动绿色安全发展类初稿'])).toBe('推动绿色安全发展类初稿（2）')
    expect(distinctTitle('推动绿色安全发展类初稿', ['推动绿色安全发展类初稿', '推动绿色安全发展类初稿（2）', '推动绿色安全发展类初稿（4）'])).toBe('推动绿色安全发展类初稿（3）')
  })
})
