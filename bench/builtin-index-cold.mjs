// A child of bench/retrieval.ts: builds the index of the built-in policies once, in a fresh process, from the compiled
// dist/ as a server start does (with the build's compact jieba dictionary, which the sources filter at run time), and
// prints its CPU and wall time as JSON. The dictionary load is part of it: the first segmentation loads it.
const dist = new URL('../dist/', import.meta.url)
const { loadBuiltinCorpus } = await import(new URL('ingest/builtin-corpus.js', dist).href)
const { buildClauseIndex } = await import(new URL('retrieve/bm25.js', dist).href)

const { clauses } = loadBuiltinCorpus()
const cpu = process.cpuUsage()
const start = process.hrtime.bigint()
buildClauseIndex(clauses)
const wallMs = Number(process.hrtime.bigint() - start) / 1e6
const used = process.cpuUsage(cpu)
console.log(JSON.stringify({ clauses: clauses.length, cpuMs: (used.user + used.system) / 1000, wallMs }))
