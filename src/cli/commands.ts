import type { CliCommand } from './command.js'

/** A command's one-line summary (for `help`) and its module, loaded only when the command runs. */
export interface CommandEntry {
  summary: string
  load: () => Promise<CliCommand>
}

/**
 * Every CLI command by name; `npm run -s cli -- help` lists them. Each module is imported only when its command runs:
 * `check draft.txt` then never loads what `draft`, `export` or `retrieve` need (the Word writer, the LLM client, the
 * policy corpus), which would cost more than the check itself.
 */
export const commands: Record<string, CommandEntry> = {
  retrieve: { summary: '检索政策条款（内置指南与已上传文件）', load: async () => (await import('./retrieve.js')).retrieveCommand },
  draft: { summary: '为园区生成报告初稿（未配置大模型时使用离线撰写），输出 .txt 或 .docx', load: async () => (await import('./draft.js')).draftCommand },
  'eval-llm': { summary: '用已配置的大模型为示例园区试写初稿，比较调用次数、用量、耗时和需纠正的内容', load: async () => (await import('./eval-llm.js')).evalLlmCommand },
  check: { summary: '审校报告草稿（.txt/.md/.docx），逐条指出问题、位置和改法', load: async () => (await import('./check.js')).checkCommand },
  rewrite: { summary: '改写一节：按指令（需大模型）、应用全部修改建议，或压缩到指定字数', load: async () => (await import('./rewrite.js')).rewriteCommand },
  export: { summary: '导出 Word：报告正文，或加 --form 导出整份经验总结材料（--charts 插入图表）', load: async () => (await import('./export.js')).exportCommand },
  park: { summary: '校验园区数据文件，列出全部问题及其位置；显示派生指标', load: async () => (await import('./park.js')).parkCommand },
  kinds: { summary: '列出支持的报告类型及其章节要求', load: async () => (await import('./kinds.js')).kindsCommand },
}
