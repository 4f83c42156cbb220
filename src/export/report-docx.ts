import { Document, Packer, Paragraph } from 'docx'
import { UserError } from '../errors.js'
import type { KindSpec } from '../kinds/kind-spec.js'
import type { ReportDoc } from '../model/report-doc.js'
import type { ParkData } from '../park/park-schema.js'
import { CHART_WIDTH_PX, renderCharts, type RenderedChart } from './charts.js'
import { documentDefaults, docxTypography, pageGeometry, pageNumberFooter, pageProperties, toUint8Array } from './docx-style.js'
import { xmlSafe } from './xml-safe.js'
import { finishPackage } from './finish-package.js'
import { reportParagraphs } from './report-body.js'

/**
 * The report alone as a Word file, in the kind's typography (docx-style.ts, report-body.ts): A4 with GB/T 9704
 * margins, the page number in the footer, title, 【摘要】 and sections 一、/（一）/1./（1）. The same layout serves every
 * kind — the 创新实践 reports (000/001) and the 示范基地 reports (003, which have no form) alike.
 */

export interface ExportOptions {
  /**
   * Charts placed at the end of 实践成效 with captions 图1, 图2 …: `true` renders them from the park data
   * (charts.ts), or pass charts rendered beforehand. Off by default.
   */
  charts?: boolean | readonly RenderedChart[]
  /** Written to the document properties (docProps/core.xml); defaults to the park's filling unit, else 园区报告助手. */
  creator?: string
}

export interface ReportExportOptions extends ExportOptions {
  /** Needed for `charts: true`: the figures come from the park data, never from the report text. */
  park?: ParkData
}

export const messages = {
  chartsNeedPark: '生成图表需要园区数据：请同时提供园区数据文件，图表中的数字只取自园区数据。',
} as const

const CREATOR = '园区报告助手'

export async function exportReportDocx(doc: ReportDoc, kind: KindSpec, options: ReportExportOptions = {}): Promise<Uint8Array> {
  const t = docxTypography(kind)
  const charts = await resolveCharts(options.charts, options.park, kind)
  const children = reportParagraphs(doc, kind, t, { includeTitle: true, charts, chartWidthPx: CHART_WIDTH_PX, page: pageGeometry(t) })
  const author = options.creator ?? options.park?.park.filler.name ?? CREATOR
  const document = new Document({
    creator: xmlSafe(author),
    lastModifiedBy: xmlSafe(author),
    ...(options.park ? { subject: xmlSafe(options.park.park.name) } : {}),
    title: xmlSafe(doc.title?.text ?? kind.name),
    ...documentDefaults(t),
    sections: [
      {
        properties: pageProperties(),
        footers: { default: pageNumberFooter(t) },
        // An empty draft still gives a valid document: Word wants at least one paragraph in the body.
        children: children.length ? children : [new Paragraph({ children: [] })],
      },
    ],
  })
  return finishPackage(toUint8Array(await Packer.toBuffer(document)), options.park ? { company: options.park.park.filler.name } : {})
}

/** `true` → rendered from the park data; an array → as given; otherwise none. */
export async function resolveCharts(
  charts: ExportOptions['charts'],
  park: ParkData | undefined,
  kind: KindSpec,
): Promise<readonly RenderedChart[]> {
  if (!charts) return []
  if (charts !== true) return charts
  if (!park) throw new UserError('EXPORT_CHARTS_NEED_PARK', messages.chartsNeedPark, 422, { path: 'park' })
  return renderCharts(park, kind)
}
