import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { createCanvas, GlobalFonts, type Canvas, type SKRSContext2D } from '@napi-rs/canvas'
import type { KindSpec } from '../kinds/kind-spec.js'
import { deriveFigures, type DerivedFigure } from '../park/derived.js'
import { indicatorField, type ParkData } from '../park/park-schema.js'

/**
 * Charts for 实践成效 (000/001 填写要求 1: 可根据内容需要，适当插入图表等辅助材料; 报告框架参考 三: 突出开展创新实践前后的
 * 对比变化，直观体现创新实践的实质效果):
 *
 * 1. 创新实践前后关键指标对比 — the before/after pairs of the park data, exactly as `deriveFigures` pairs them (facts
 *    with one label and several periods, joined by the single-valued indicator of the same label: the example's
 *    单位能耗碳排放 2023 fact 2.46 and the 2025 indicator 2.05). One small panel per label, earliest → latest period,
 *    with the change the derived figure states (降低16.7%, 提高22.3个百分点).
 * 2. The trend of the scale indicators 营业收入 and 主导产业营业收入 over the years the park data has (2023–2025).
 *
 * Only numbers that are in the park data are drawn; a chart without data is left out, never filled in.
 *
 * Rendering: @napi-rs/canvas (Skia; its prebuilt binary ships inside the npm package) with Noto Sans SC from the npm
 * package @embedpdf/fonts-sc (OTF, GB2312 subset, SIL OFL 1.1), registered under our own family name, so Chinese
 * labels render the same on any machine without a system CJK font. PNGs are drawn at 2× for print.
 */

export interface RenderedChart {
  id: 'before-after' | 'scale-trend'
  /** Caption text without the number (the export adds 图1, 图2 …). */
  title: string
  /** Alternative text: the figures, in words. */
  description: string
  png: Uint8Array
  /** Size of the PNG in pixels (2× the display size). */
  widthPx: number
  heightPx: number
}

export interface BeforeAfterItem {
  label: string
  unit: string
  before: { period: string; value: number }
  after: { period: string; value: number }
  /** The change as the derived figure states it (rate, or 百分点 for a percentage). */
  change?: { value: number; unit: string }
}

export interface TrendSeries {
  label: string
  values: { year: string; value: number }[]
}

export type ChartSpec =
  | { id: 'before-after'; title: string; items: BeforeAfterItem[] }
  | { id: 'scale-trend'; title: string; unit: string; years: string[]; series: TrendSeries[] }

export const messages = {
  beforeAfterTitle: '创新实践前后关键指标对比',
  trendTitle: (labels: readonly string[], from: string, to: string) => `${labels.join('与')}（${from}—${to}年）`,
  period: (p: string) => {
    const [year, month] = p.split('-')
    return month ? `${year}年${Number(month)}月` : `${year}年`
  },
  year: (y: string) => `${y}年`,
  unit: (unit: string) => `（${unit}）`,
  axisUnit: (unit: string) => `单位：${unit}`,
  rise: (v: number, unit: string) => `提高${v}${unit === '百分点' ? '个百分点' : unit}`,
  fall: (v: number, unit: string) => `降低${v}${unit === '百分点' ? '个百分点' : unit}`,
  itemDescription: (i: BeforeAfterItem) =>
    `${i.label}：${messages.period(i.before.period)}${i.before.value}${i.unit}，${messages.period(i.after.period)}${i.after.value}${i.unit}`,
  seriesDescription: (s: TrendSeries, unit: string) =>
    `${s.label}：${s.values.map((v) => `${v.year}年${v.value}${unit}`).join('，')}`,
  fontMissing: (path: string) => `图表字体文件无法加载：${path}。请重新安装依赖（npm ci）。`,
} as const

/** At most this many before/after panels (two rows of three); more would be unreadable at print size. */
export const MAX_BEFORE_AFTER_ITEMS = 6
/** The scale indicators whose yearly trend is drawn, in legend order. */
export const TREND_KEYS = ['scale.revenue', 'scale.leadIndustryRevenue'] as const
/** At most this many most recent years on the trend chart. */
const MAX_TREND_YEARS = 5

// ---------------------------------------------------------------------------------------------
// What to draw
// ---------------------------------------------------------------------------------------------

/** The charts the park data supports, in caption order. The kind is accepted for symmetry with the exporters. */
export function chartSpecs(park: ParkData, _kind?: KindSpec): ChartSpec[] {
  const specs: ChartSpec[] = []
  const items = beforeAfterItems(park)
  if (items.length) specs.push({ id: 'before-after', title: messages.beforeAfterTitle, items })
  const trend = trendSpec(park)
  if (trend) specs.push(trend)
  return specs
}

const FACT_PAIR = /^fact:(.+):(\d{4}(?:-\d{2})?)-(\d{4}(?:-\d{2})?):(diff|pp)$/

/** One item per fact label: the widest span deriveFigures pairs (first → last period). */
export function beforeAfterItems(park: ParkData, figures: readonly DerivedFigure[] = deriveFigures(park)): BeforeAfterItem[] {
  const byLabel = new Map<string, { figure: DerivedFigure; label: string; from: string; to: string }>()
  for (const figure of figures) {
    const m = FACT_PAIR.exec(figure.id)
    if (!m) continue
    const [, label, from, to] = m as unknown as [string, string, string, string]
    const current = byLabel.get(label)
    if (!current || (from <= current.from && to >= current.to)) byLabel.set(label, { figure, label, from, to })
  }
  const items: BeforeAfterItem[] = []
  for (const { figure, label, from, to } of byLabel.values()) {
    const before = valueAt(park, figure.inputs[0] ?? '')
    const after = valueAt(park, figure.inputs[1] ?? '')
    if (typeof before !== 'number' || typeof after !== 'number') continue
    const unit = figure.measure === 'pp' ? '%' : figure.unit
    const changeId = figure.measure === 'pp' ? figure.id : figure.id.replace(/:diff$/, ':rate')
    const change = figures.find((f) => f.id === changeId)
    items.push({
      label,
      unit,
      before: { period: from, value: before },
      after: { period: to, value: after },
      ...(change ? { change: { value: change.value, unit: change.unit } } : {}),
    })
    if (items.length === MAX_BEFORE_AFTER_ITEMS) break
  }
  return items
}

function trendSpec(park: ParkData): ChartSpec | undefined {
  const series: TrendSeries[] = []
  let unit = ''
  for (const key of TREND_KEYS) {
    const field = indicatorField(key)
    const values = valueAt(park, `$.indicators.${key}`)
    if (!field || typeof values !== 'object' || values === null) continue
    const points = Object.entries(values as Record<string, unknown>)
      .filter((e): e is [string, number] => typeof e[1] === 'number')
      .map(([year, value]) => ({ year, value }))
      .sort((a, b) => a.year.localeCompare(b.year))
    if (!points.length) continue
    unit ||= field.unit
    series.push({ label: field.label, values: points })
  }
  const years = [...new Set(series.flatMap((s) => s.values.map((v) => v.year)))].sort().slice(-MAX_TREND_YEARS)
  if (years.length < 2) return undefined
  for (const s of series) s.values = s.values.filter((v) => years.includes(v.year))
  return {
    id: 'scale-trend',
    title: messages.trendTitle(series.map((s) => s.label), years[0]!, years.at(-1)!),
    unit,
    years,
    series,
  }
}

/** The value at a JSON path as src/park/json-path.ts writes them: $.facts[2].value, $.indicators.scale.revenue['2025']. */
export function valueAt(park: ParkData, path: string): unknown {
  let at: unknown = park
  const step = /\.([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]/y
  let i = path.startsWith('$') ? 1 : 0
  while (i < path.length) {
    step.lastIndex = i
    const m = step.exec(path)
    if (!m) return undefined
    const key = m[1] ?? (m[2] !== undefined ? Number(m[2]) : m[3]!.replace(/\\(.)/g, '$1'))
    if (at === null || typeof at !== 'object') return undefined
    at = (at as Record<string | number, unknown>)[key]
    i = step.lastIndex
  }
  return at
}

// ---------------------------------------------------------------------------------------------
// Drawing
// ---------------------------------------------------------------------------------------------

const FAMILY = 'ParkReportChartSans'
const SCALE = 2
/** Display width in px at 96 dpi: fits the 156 mm text block and the form's report cell. */
export const CHART_WIDTH_PX = 560
const COLORS = {
  text: '#1F1F1F',
  muted: '#595959',
  grid: '#D9D9D9',
  axis: '#7F7F7F',
  before: '#A6A6A6',
  after: '#2F5597',
  series: ['#2F5597', '#C55A11', '#548235', '#7F6000'],
  rise: '#2F5597',
  fall: '#2F5597',
} as const

let fontReady = false

/** The OTF file of the npm font package: resolved from the package entry, never from the system. */
export function chartFontPath(): string {
  const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')
  return join(dirname(entry), '..', 'fonts', 'NotoSansHans-Regular.otf')
}

function ensureFont(): void {
  if (fontReady) return
  const path = chartFontPath()
  if (!GlobalFonts.registerFromPath(path, FAMILY)) throw new Error(messages.fontMissing(path))
  fontReady = true
}

const font = (px: number, weight: 'normal' | 'bold' = 'normal') => `${weight === 'bold' ? 'bold ' : ''}${px}px ${FAMILY}`

export async function renderChart(spec: ChartSpec): Promise<RenderedChart> {
  ensureFont()
  return spec.id === 'before-after' ? renderBeforeAfter(spec) : renderTrend(spec)
}

export async function renderCharts(park: ParkData, kind?: KindSpec): Promise<RenderedChart[]> {
  const out: RenderedChart[] = []
  for (const spec of chartSpecs(park, kind)) out.push(await renderChart(spec))
  return out
}

async function finish(
  canvas: Canvas,
  spec: ChartSpec,
  description: string,
): Promise<RenderedChart> {
  const png = await canvas.encode('png')
  return {
    id: spec.id,
    title: spec.title,
    description,
    png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength),
    widthPx: canvas.width,
    heightPx: canvas.height,
  }
}

function setup(width: number, height: number): { canvas: Canvas; g: SKRSContext2D } {
  const canvas = createCanvas(Math.round(width * SCALE), Math.round(height * SCALE))
  const g = canvas.getContext('2d')
  g.scale(SCALE, SCALE)
  g.fillStyle = '#FFFFFF'
  g.fillRect(0, 0, width, height)
  g.textBaseline = 'alphabetic'
  return { canvas, g }
}

/**
 * Line breaking by measured width, at most `maxLines` lines, balanced (工业固体废弃物 / 综合利用率 rather than a
 * lone 率 on the second line). Chinese breaks between any two characters; the labels here have no long Latin words.
 */
function wrap(g: SKRSContext2D, text: string, maxWidth: number, maxLines: number): string[] {
  const chars = [...text]
  if (g.measureText(text).width <= maxWidth) return [text]
  const lines = Math.min(maxLines, Math.ceil(g.measureText(text).width / maxWidth))
  const perLine = Math.ceil(chars.length / lines)
  const out: string[] = []
  for (let i = 0; i < lines; i += 1) out.push(chars.slice(i * perLine, (i + 1) * perLine).join(''))
  const last = out[lines - 1]!
  if (lines * perLine < chars.length || g.measureText(last).width > maxWidth) {
    // Too long even for maxLines lines: cut the last line with an ellipsis.
    let cut = last
    while (cut && g.measureText(`${cut}…`).width > maxWidth) cut = cut.slice(0, -1)
    out[lines - 1] = `${cut}…`
  }
  return out.filter(Boolean)
}

function centered(g: SKRSContext2D, text: string, x: number, y: number): void {
  g.fillText(text, x - g.measureText(text).width / 2, y)
}

function formatNumber(v: number): string {
  return String(v)
}

function changeText(item: BeforeAfterItem): string | undefined {
  if (!item.change || item.change.value === 0) return undefined
  const v = Math.abs(item.change.value)
  return item.change.value > 0 ? messages.rise(v, item.change.unit) : messages.fall(v, item.change.unit)
}

async function renderBeforeAfter(spec: Extract<ChartSpec, { id: 'before-after' }>): Promise<RenderedChart> {
  const n = spec.items.length
  const cols = Math.min(n, 3)
  const rows = Math.ceil(n / cols)
  const panelW = CHART_WIDTH_PX / cols
  const panelH = 190
  const { canvas, g } = setup(CHART_WIDTH_PX, panelH * rows)

  spec.items.forEach((item, i) => {
    const x0 = (i % cols) * panelW
    const y0 = Math.floor(i / cols) * panelH
    const cx = x0 + panelW / 2
    // Title (up to two lines) and unit.
    g.fillStyle = COLORS.text
    g.font = font(14, 'bold')
    const titleLines = wrap(g, item.label, panelW - 24, 2)
    titleLines.forEach((line, k) => centered(g, line, cx, y0 + 20 + k * 18))
    g.font = font(12)
    g.fillStyle = COLORS.muted
    const unitY = y0 + 20 + titleLines.length * 18
    centered(g, messages.unit(item.unit), cx, unitY)

    // Two bars on a common baseline, scaled to the larger value.
    const baseY = y0 + panelH - 42
    const top = unitY + 26
    const maxBar = Math.max(baseY - top, 10)
    const max = Math.max(Math.abs(item.before.value), Math.abs(item.after.value)) || 1
    const barW = Math.min(44, panelW / 5)
    const bars = [
      { x: cx - barW - 8, value: item.before.value, period: item.before.period, color: COLORS.before },
      { x: cx + 8, value: item.after.value, period: item.after.period, color: COLORS.after },
    ]
    for (const bar of bars) {
      const h = (Math.abs(bar.value) / max) * maxBar
      g.fillStyle = bar.color
      g.fillRect(bar.x, baseY - h, barW, h)
      g.fillStyle = COLORS.text
      g.font = font(13, 'bold')
      centered(g, formatNumber(bar.value), bar.x + barW / 2, baseY - h - 5)
      g.fillStyle = COLORS.muted
      g.font = font(12)
      centered(g, messages.period(bar.period), bar.x + barW / 2, baseY + 15)
    }
    g.strokeStyle = COLORS.axis
    g.lineWidth = 1
    g.beginPath()
    g.moveTo(cx - barW - 20, baseY + 0.5)
    g.lineTo(cx + barW + 20, baseY + 0.5)
    g.stroke()
    const change = changeText(item)
    if (change) {
      g.fillStyle = item.change!.value > 0 ? COLORS.rise : COLORS.fall
      g.font = font(12, 'bold')
      centered(g, change, cx, baseY + 30)
    }
    // Thin separators between panels.
    if (i % cols) {
      g.strokeStyle = COLORS.grid
      g.beginPath()
      g.moveTo(x0 + 0.5, y0 + 10)
      g.lineTo(x0 + 0.5, y0 + panelH - 10)
      g.stroke()
    }
  })
  return finish(canvas, spec, spec.items.map(messages.itemDescription).join('；'))
}

/** A round step for about `count` grid lines up to `max`: 1, 2, 2.5 or 5 × 10^n. */
function niceStep(max: number, count: number): number {
  const raw = max / count
  const power = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= raw)!
  return step * power
}

async function renderTrend(spec: Extract<ChartSpec, { id: 'scale-trend' }>): Promise<RenderedChart> {
  const width = CHART_WIDTH_PX
  const height = 300
  const { canvas, g } = setup(width, height)
  const plot = { left: 56, right: width - 16, top: 48, bottom: height - 36 }

  const max = Math.max(...spec.series.flatMap((s) => s.values.map((v) => v.value)), 0) || 1
  const step = niceStep(max * 1.1, 5)
  const top = Math.ceil((max * 1.1) / step) * step
  const y = (v: number) => plot.bottom - (v / top) * (plot.bottom - plot.top)

  // Unit and legend.
  g.font = font(12)
  g.fillStyle = COLORS.muted
  g.fillText(messages.axisUnit(spec.unit), 8, 20)
  let lx = plot.right
  for (let i = spec.series.length - 1; i >= 0; i -= 1) {
    const label = spec.series[i]!.label
    g.font = font(13)
    const w = g.measureText(label).width
    lx -= w
    g.fillStyle = COLORS.text
    g.fillText(label, lx, 20)
    lx -= 18
    g.fillStyle = COLORS.series[i % COLORS.series.length]!
    g.fillRect(lx, 10, 12, 12)
    lx -= 16
  }

  // Grid and axis labels.
  g.lineWidth = 1
  for (let v = 0; v <= top + step / 2; v += step) {
    const yy = Math.round(y(v)) + 0.5
    g.strokeStyle = v === 0 ? COLORS.axis : COLORS.grid
    g.beginPath()
    g.moveTo(plot.left, yy)
    g.lineTo(plot.right, yy)
    g.stroke()
    g.fillStyle = COLORS.muted
    g.font = font(12)
    const label = formatNumber(Number(v.toPrecision(6)))
    g.fillText(label, plot.left - 6 - g.measureText(label).width, yy + 4)
  }

  // Grouped bars with value labels.
  const groupW = (plot.right - plot.left) / spec.years.length
  const barW = Math.min(40, (groupW * 0.7) / spec.series.length)
  spec.years.forEach((year, j) => {
    const gx = plot.left + groupW * j + groupW / 2
    const start = gx - (barW * spec.series.length) / 2
    spec.series.forEach((s, i) => {
      const point = s.values.find((v) => v.year === year)
      if (!point) return
      const x = start + i * barW
      g.fillStyle = COLORS.series[i % COLORS.series.length]!
      g.fillRect(x + 2, y(point.value), barW - 4, plot.bottom - y(point.value))
      g.fillStyle = COLORS.text
      g.font = font(12)
      centered(g, formatNumber(point.value), x + barW / 2, y(point.value) - 5)
    })
    g.fillStyle = COLORS.text
    g.font = font(13)
    centered(g, messages.year(year), gx, plot.bottom + 20)
  })
  return finish(canvas, spec, spec.series.map((s) => messages.seriesDescription(s, spec.unit)).join('；'))
}
