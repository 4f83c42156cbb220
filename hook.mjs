import { register } from 'node:module'
register('data:text/javascript,' + encodeURIComponent(`
const seen = new Set()
export async function resolve(s, c, n) { const r = await n(s, c); const m = r.url.match(/node_modules\\/((@[^/]+\\/)?[^/]+)/); if (m && !seen.has(m[1])) { seen.add(m[1]); process.stderr.write('PKG ' + m[1] + '\\n') } return r }
`))
