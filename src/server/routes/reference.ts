import { Hono } from 'hono'
import { UserError } from '../../errors.js'
import { getKind, listKinds } from '../../kinds/registry.js'
import { deriveFigures } from '../../park/derived.js'
import { validateParkData } from '../../park/validate-park.js'
import { listRules, RULE_NAMES } from '../../review/rule-names.js'
import { readJsonBody } from '../validation.js'

/** Read-only reference data: the report kinds, the checker's rules, and park-data validation for forms that edit a park. */
export function referenceRoutes() {
  const app = new Hono()
  app.get('/kinds', (c) =>
    c.json({
      kinds: listKinds().map((kind) => ({
        id: kind.id,
        name: kind.name,
        category: kind.category,
        totalZishu: kind.limits.totalZishu,
        sections: kind.sections.map((s) => `${s.marker}${s.heading}`),
        summaryTable: kind.summaryTable !== undefined,
      })),
    }),
  )
  // A kind in the path names a resource: one that does not exist is 404 (in a request body it is a 400, registry.ts).
  app.get('/kinds/:id', (c) => {
    try {
      return c.json(getKind(c.req.param('id')))
    } catch (error) {
      if (error instanceof UserError && error.code === 'unknown_kind') throw new UserError('kind_not_found', error.message, 404)
      throw error
    }
  })
  // `names` also names the findings that come from the check itself rather than a rule (报告类型, 园区资料).
  app.get('/rules', (c) => c.json({ rules: listRules(), names: RULE_NAMES }))
  // Always 200: the answer is the list of problems (an empty list when the data is valid).
  app.post('/parks/validate', async (c) => {
    const result = validateParkData(await readJsonBody(c))
    return c.json(result.ok ? { ok: true, issues: [], derived: deriveFigures(result.park) } : result)
  })
  return app
}
