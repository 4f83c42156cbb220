import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { SeveritySchema } from './finding.js'

/**
 * Per-kind rule settings, as data (a textlint preset): switch a rule off, change its severity, or set its
 * thresholds. src/check/presets/<kind>.json holds the defaults of each kind; a caller may layer its own.
 */
export const RuleSettingSchema = z.object({
  severity: z.union([SeveritySchema, z.literal('off')]).optional(),
  options: z.record(z.string(), z.unknown()).optional(),
})
export const RuleConfigSchema = z.record(z.string(), RuleSettingSchema)
export type RuleSetting = z.infer<typeof RuleSettingSchema>
export type RuleConfig = z.infer<typeof RuleConfigSchema>

const presetCache = new Map<string, RuleConfig>()

/** The preset of a kind; a kind without a preset file runs every rule with its defaults. */
export function kindPreset(kindId: string): RuleConfig {
  const cached = presetCache.get(kindId)
  if (cached) return cached
  let preset: RuleConfig = {}
  try {
    const raw: unknown = JSON.parse(readFileSync(new URL(`./presets/${kindId}.json`, import.meta.url), 'utf8'))
    preset = RuleConfigSchema.parse(raw)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  presetCache.set(kindId, preset)
  return preset
}

/**
 * The settings for a draft that follows no report template (presets/untemplated.json): the rules that hold a draft
 * to a template's frame, length and per-part content are off, and short forms declared with 以下简称 are accepted.
 */
export const untemplatedPreset = (): RuleConfig => kindPreset('untemplated')

/** Later layers win; options are merged key by key. */
export function mergeRuleConfigs(...layers: readonly (RuleConfig | undefined)[]): RuleConfig {
  const merged: RuleConfig = {}
  for (const layer of layers) {
    for (const [id, setting] of Object.entries(layer ?? {})) {
      const previous = merged[id] ?? {}
      merged[id] = {
        ...previous,
        ...setting,
        ...(previous.options || setting.options ? { options: { ...previous.options, ...setting.options } } : {}),
      }
    }
  }
  return merged
}
