import { loadConfig } from '../config.js'
import { PolicyCorpus } from '../corpus/policy-corpus.js'
import { documentStoreFor } from '../store/workspace.js'
import { parseCliArgs, positiveInteger, readStdinLines, type CliCommand } from './command.js'

const USAGE = 'npm run -s cli -- retrieve "<检索内容>" [--top 5] [--json]（不给检索内容时，从标准输入逐行读取）'

/**
 * `retrieve "<query>" --top 5 --json`: clauses of the built-in and uploaded policies for a query, or for
 * each line of standard input. With --json, one JSON object per query per line (JSON Lines).
 */
export const retrieveCommand: CliCommand = {
  async run(args) {
    const { values, positionals } = parseCliArgs(args, { top: { type: 'string' }, json: { type: 'boolean' } }, USAGE)
    const top = positiveInteger(values.top, 5, '--top')
    const queries = positionals.length ? [positionals.join(' ')] : await readStdinLines()
    const config = loadConfig()
    const documents = await documentStoreFor(config)
    const corpus = await PolicyCorpus.open(config, documents.store).finally(() => documents.close())
    for (const query of queries) {
      const { results, warnings } = await corpus.retrieve(query, { top })
      for (const warning of warnings) process.stderr.write(`提示：${warning.message}\n`)
      if (values.json) {
        const lean = results.map(({ source, path, text, score }) => ({ source, path, text, score }))
        process.stdout.write(`${JSON.stringify({ query, results: lean })}\n`)
      } else {
        process.stdout.write(`检索：${query}\n`)
        if (!results.length) process.stdout.write('  没有找到相关条款。\n')
        results.forEach((result, i) => {
          process.stdout.write(`  ${i + 1}. ${result.path}（相关度 ${result.score.toFixed(2)}）\n     ${result.text}\n`)
        })
      }
    }
    return 0
  },
}
