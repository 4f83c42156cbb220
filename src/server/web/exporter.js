// 导出: the report alone, or the whole filled-in form (经验总结材料), as Word files in the template's typography.
import { download } from './api.js'
import { empty, fill, h, saveBlob, say } from './dom.js'
import { hasUnsavedText, parkData, showTab } from './session.js'
import { kindName, on, state } from './state.js'

let panel

function render() {
  if (!state.park || !state.current) {
    const go = h('button', { type: 'button', class: 'primary' }, state.park ? '去生成初稿' : '去填写园区资料')
    go.addEventListener('click', () => showTab(state.park ? 'draft' : 'park'))
    return fill(panel, h('h2', { class: 'panel-title' }, '导出'), empty(state.park ? '请先生成初稿或上传稿件。' : '请先在“园区资料”中选择或保存一个园区。', go))
  }
  const { draft } = state.current
  const charts = h('input', { id: 'export-charts', type: 'checkbox' })
  const fillDate = h('input', { id: 'export-date', type: 'date' })
  const status = h('p', { class: 'message', role: 'status', id: 'export-status' })
  const unsaved = hasUnsavedText()

  const exportFile = async (form, button) => {
    button.disabled = true
    say(status, '正在生成 Word 文件……', 'busy')
    try {
      const { blob, fileName } = await download('/api/export', {
        method: 'POST',
        body: {
          text: state.text,
          kind: draft.kind,
          park: parkData(),
          form,
          charts: charts.checked,
          ...(fillDate.value ? { fillDate: fillDate.value } : {}),
        },
      })
      saveBlob(blob, fileName)
      say(status, `已生成“${fileName}”。`, 'ok')
    } catch (error) {
      say(status, error.message, 'error')
    } finally {
      button.disabled = false
    }
  }
  const report = h('button', { type: 'button', class: 'primary', id: 'export-report' }, '下载报告（.docx）')
  report.addEventListener('click', () => exportFile(false, report))
  const whole = h('button', { type: 'button', class: 'primary', id: 'export-form' }, '下载完整填报表（.docx）')
  whole.addEventListener('click', () => exportFile(true, whole))

  fill(
    panel,
    h('h2', { class: 'panel-title' }, '导出'),
    h(
      'section',
      { class: 'card narrow' },
      h('h3', {}, `《${draft.title}》· ${kindName(draft.kind)}`),
      h('p', {}, `导出第 ${state.current.latest.number} 版${unsaved ? '及编辑框中未保存的修改' : ''}；园区资料用已保存的第 ${state.park.version} 版。`),
      unsaved ? h('p', { class: 'banner warning' }, '编辑框中有未保存的修改，导出的文件会包含这些修改。需要留档时请先到“审校”保存为新版本。') : null,
      h(
        'div',
        { class: 'stack' },
        h('label', { class: 'checkbox' }, charts, '加入前后对比图和近三年趋势图'),
        h('div', { class: 'field' }, h('label', { for: 'export-date' }, '填写日期（完整填报表封面，可不填）'), fillDate),
      ),
      h('div', { class: 'actions' }, report, whole),
      h('p', { class: 'hint' }, '报告：标题、【摘要】和正文，按模板排版（黑体、楷体_GB2312、仿宋_GB2312，小四，行距22磅）。完整填报表：封面、填写说明、承诺声明、基本信息、创新实践概述和指标表。'),
      status,
    ),
  )
}

export function initExport(node) {
  panel = node
  fill(panel, empty('正在载入……'))
  on('park', render)
  on('draft', render)
  on('text', (origin) => {
    // The “unsaved edits” note follows the editor, without redrawing on every keystroke.
    if (origin !== 'typing' || !panel.hidden) render()
  })
  new window.MutationObserver(() => !panel.hidden && render()).observe(panel, { attributes: true, attributeFilter: ['hidden'] })
}
