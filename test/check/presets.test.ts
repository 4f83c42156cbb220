import { describe, expect, it } from 'vitest'
import { kindPreset, mergeRuleConfigs } from '../../src/check/rule-config.js'

describe('rule presets', () => {
  it('loads a kind preset and leaves kinds without one on defaults', () => {
    expect(kindPreset('base-annual-report')).toEqual({ 'number-trace': { severity: 'info' } })
    expect(kindPreset('innovation-green')).toEqual({})
  })

  it('layers caller settings over the preset, merging options key by key', () => {
    const merged = mergeRuleConfigs(
      { ...kindPreset('base-annual-report'), length: { options: { tolerance: 0.4 } } },
      { length: { severity: 'off', options: { maxTotal: 2500 } }, 'number-trace': { options: { strict: true } } },
    )
    expect(merged).toEqual({
      length: { severity: 'off', options: { tolerance: 0.4, maxTotal: 2500 } },
      'number-trace': { severity: 'info', options: { strict: true } },
    })
  })
})
