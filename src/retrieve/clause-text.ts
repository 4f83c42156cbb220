import type { Clause } from '../ingest/clause.js'

/**
 * The text a clause is indexed (and embedded) by: the headings of its enclosing groups, then its
 * own text. A task under 四、建设任务（三）完善园区数字化管理 (seed 002) or 二、发展导向（六）推动绿色安全发展
 * (seed 004) does not repeat the group's theme, yet a query often names it ("绿色安全发展").
 */
export function clauseSearchText(clause: Pick<Clause, 'context' | 'text'>): string {
  const context = clause.context ?? []
  return context.length === 0 ? clause.text : `${context.join('\n')}\n${clause.text}`
}
