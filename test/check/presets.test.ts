import { describe, expect, it } from 'vitest'
import { kindPreset, mergeRuleConfigs } from '../../src/check/rule-config.js'

describe('rule presets', () => {
  it('loads a kind preset and leaves kinds without one on defaults', () => {
    expect(kindPreset('base-annual-report')).toEqual({ length: { options: { tolerance: 0.4 } }, 'number-trace': { severity: 'info' } })
    expect(kindPreset('innovation-green')).toEqual({})
  })

  it('layers caller settings over the preset, merging options key by key', () => {
    const merged = mergeRuleConfigs(kindPreset('base-annual-report'), { length: { severity: 'off' }, placeholder: { options: {} } })
    expect(merged).toEqual({
      length: { severity: 'off', options: { tolerance: 0.4 } },
      'number-trace': { severity: 'info' },
      placeholder: { options: {} },
    })
  })
})
