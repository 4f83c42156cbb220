import { Hono } from 'hono'
import { getKind, listKinds } from '../../kinds/registry.js'
import { deriveFigures } from '../../park/derived.js'
import { validateParkData } from '../../park/validate-park.js'
import { readJsonBody } from '../validation.js'

/** Read-only reference data: the report kinds, and park-data validation for forms that edit a park. */
export function referenceRoutes() {
  const app = new Hono()
  app.get('/kinds', (c) =>
    c.json({
      kinds: listKinds().map((kind) => ({
        id: kind.id,
        name: kind.name,
        totalZishu: kind.limits.totalZishu,
        sections: kind.sections.map((s) => `${s.marker}${s.heading}`),
        summaryTable: kind.summaryTable !== undefined,
      })),
    }),
  )
  app.get('/kinds/:id', (c) => c.json(getKind(c.req.param('id'))))
  // Always 200: the answer is the list of problems (an empty list when the data is valid).
  app.post('/parks/validate', async (c) => {
    const result = validateParkData(await readJsonBody(c))
    return c.json(result.ok ? { ok: true, issues: [], derived: deriveFigures(result.park) } : result)
  })
  return app
}
