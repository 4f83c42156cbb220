// 完整填报表: what is still empty before it is exported — the 负责人/联系人 blocks, the filler and the indicator
// cells the kind asks for — each with the park-data path of its field, so the page can take the person to it.
import { api } from './api.js'
import { jsonPath } from './park-form.js'

const PEOPLE = [
  ['leader', '负责人'],
  ['contact', '联系人'],
]
const PERSON_FIELDS = [
  ['name', '姓名'],
  ['title', '部门及职务'],
  ['mobile', '手机号'],
  ['email', '电子邮箱'],
]

const blank = (value) => value === undefined || value === null || (typeof value === 'string' && !value.trim())

/** The indicator table of a kind (rows, years), as the park form shows it; cached per kind. */
const templates = new Map()
async function templateOf(kind) {
  if (!templates.has(kind)) templates.set(kind, await api(`/api/templates/indicators?kind=${encodeURIComponent(kind)}`))
  return templates.get(kind)
}

/** [{path, label}] of the empty fields of the form export, in the order the form shows them. */
export async function formGaps(data) {
  const gaps = []
  const park = data.park ?? {}
  if (blank(park.filler?.name)) gaps.push({ path: jsonPath(['park', 'filler', 'name']), label: '填写单位名称' })
  for (const [key, title] of PEOPLE) {
    for (const [field, name] of PERSON_FIELDS) {
      if (blank(park[key]?.[field])) gaps.push({ path: jsonPath(['park', key, field]), label: `${title}${name}` })
    }
  }
  const template = await templateOf(data.kind)
  for (const row of template.rows ?? []) {
    const [group, field] = row.key.split('.')
    const value = data.indicators?.[group]?.[field]
    if (row.valueType === 'text' || !row.yearly) {
      if (blank(value)) gaps.push({ path: jsonPath(['indicators', group, field]), label: row.label })
      continue
    }
    for (const year of row.years ?? []) {
      if (blank(value?.[year])) gaps.push({ path: jsonPath(['indicators', group, field, year]), label: `${row.label}（${year}年）` })
    }
  }
  return gaps
}
