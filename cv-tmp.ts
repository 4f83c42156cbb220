import { readFileSync, readdirSync } from 'node:fs'
import { checkDraft } from './src/check/check-draft.js'
import { parseDraftText } from './src/model/load-draft.js'
const NEW = new Set(['typo', 'duplicate', 'number-sanity'])
const files = [...readdirSync('fixtures/drafts').filter(f => f.endsWith('.txt') || f.endsWith('.md')).map(f => 'fixtures/drafts/' + f),
  ...readdirSync('/work/shared/seeds').filter(f => /\.(txt|md)$/.test(f)).map(f => '/work/shared/seeds/' + f)]
for (const f of files) {
  const body = readFileSync(f, 'utf8')
  const r = checkDraft({ doc: parseDraftText(body) }, {})
  for (const x of r.findings) if (NEW.has(x.rule)) console.log(f, x.rule, x.severity, JSON.stringify(body.slice(x.start, x.end)).slice(0, 80), x.message.slice(0, 50))
}
console.log('checked', files.length)
