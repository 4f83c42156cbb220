import type { Entity, ParkData } from './park-schema.js'

/**
 * The names by which a report may mention a registered entity, beyond its official full name: the aliases the park
 * registered, and the short forms materials write without registering them. Shared by the checker (which reports
 * them) and the composer (which replaces them), so the two always agree.
 */

/**
 * Words every report uses generically (园区统筹……, 平台建成后……). Registered as an alias they would make every
 * mention an error with a wrong fix, so the park-data validator rejects them and they are never matched.
 */
export const GENERIC_WORDS: ReadonlySet<string> = new Set([
  '园区', '本园区', '该园区', '我园区', '开发区', '经开区', '高新区', '工业园', '产业园', '工业园区', '产业园区', '化工园区',
  '示范基地', '基地', '本基地', '本区', '我区', '全区', '管委会', '平台', '中心', '公司', '集团', '企业', '项目', '工厂',
  '系统',
])

export const isGenericWord = (alias: string) => GENERIC_WORDS.has(alias.trim())

/** Words after a firm's trade name (字号) in its aliases: 华驰|汽车, 岭峰|科技, 绿源|环保, 新能|锂电. */
const TRADE_NAME_TAIL = /(?:股份|集团|公司|科技|电子|环保|汽车|锂电|新材料|材料|化工|能源|智能|制造|实业|控股)$/u
const MIN_TRADE_NAME = 2
/** A name minus the park's name must keep this much to be a name of its own (智慧安全应急管理平台, not 平台). */
const MIN_PARKLESS_FORM = 4

/**
 * Unregistered short forms of one entity:
 * - a name that starts with the park's name, without it (南岭经济技术开发区|智慧安全应急管理平台), as materials write it;
 * - for an enterprise, its trade name with 公司 (华驰公司 from the alias 华驰汽车): colloquial, never official. Only 公司:
 *   字号+集团 may be the parent group, another entity.
 */
export function impliedShortForms(entity: Entity, parkName: string | undefined): string[] {
  const forms: string[] = []
  if (parkName && entity.name.startsWith(parkName) && entity.name.length - parkName.length >= MIN_PARKLESS_FORM) {
    forms.push(entity.name.slice(parkName.length))
  }
  if (entity.type === 'enterprise') {
    for (const alias of entity.aliases) {
      const tradeName = alias.replace(TRADE_NAME_TAIL, '')
      if (tradeName !== alias && tradeName.length >= MIN_TRADE_NAME) forms.push(`${tradeName}公司`)
    }
  }
  return forms
}

/**
 * The entities with every short form to look for: the registered aliases that can name something (two characters
 * or more, not the name itself, not a generic word) and the implied short forms, without repeats and without the
 * forms that are another entity's name or alias.
 */
export function entityNameForms(entities: readonly Entity[], parkName: string | undefined): Entity[] {
  const claimed = new Set(entities.flatMap((entity) => [entity.name, ...entity.aliases]))
  return entities.map((entity) => {
    const registered = entity.aliases.filter((alias) => alias.length >= 2 && alias !== entity.name && !isGenericWord(alias))
    const implied = impliedShortForms(entity, parkName).filter((form) => !claimed.has(form))
    return { ...entity, aliases: [...new Set([...registered, ...implied])] }
  })
}

/** The park's own names: its official name, and the name and aliases of its `park` entity (南岭经开区). */
export function parkNamesOf(park: ParkData): string[] {
  return [park.park.name, ...park.entities.filter((e) => e.type === 'park').flatMap((e) => [e.name, ...e.aliases])]
}
