/**
 * Charts rendered to SVG on the server with Apache ECharts, so they show without JavaScript, each
 * with its data as a table for screen readers. The SVG is made CSP-safe: our policy allows no
 * inline style, so the hover rules ECharts adds are dropped and its style attributes become SVG
 * presentation attributes.
 */
import * as echarts from 'echarts'

/** One series of values, one per category. */
export interface ChartSeries {
  readonly name: string
  readonly values: readonly (number | null)[]
}

/** What a bar or line chart shows. */
export interface ChartData {
  readonly title: string
  readonly categories: readonly string[]
  readonly series: readonly ChartSeries[]
  readonly kind?: 'bar' | 'line' | 'stacked-bar'
  /** Formats values in the table and axis, e.g. as a percentage. */
  readonly unit?: 'count' | 'percent'
  readonly width?: number
  readonly height?: number
}

// Colours with at least 3:1 contrast against white, distinguishable in greyscale order.
const PALETTE = ['#1d4f91', '#00703c', '#b3261e', '#8a4b00', '#4c2c92', '#505a5f']

/** Turns ECharts' SVG into one our CSP accepts: no <style>, no style attributes. */
export function cspSafeSvg(svg: string): string {
  return svg
    .replace(/<style[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_match, css: string) =>
      css
        .split(';')
        .map((rule) => rule.trim())
        .filter(Boolean)
        .map((rule) => {
          const [property, ...rest] = rule.split(':')
          const value = rest.join(':').trim().replace(/"/g, "'")
          return ` ${property!.trim()}="${value}"`
        })
        .join(''),
    )
    .replace(/ class="zr\d+-cls-\d+"/g, '')
}

/** How many drawings are kept: every chart of a few dashboards, a few hundred kilobytes. */
const KEPT_DRAWINGS = 64

/** Drawings by the data they show, least recently used first. */
const drawings = new Map<string, string>()

/**
 * Renders the chart to an SVG string. Drawing one takes ECharts several milliseconds, and the same
 * figures give the same drawing, so recent drawings are kept by their data and served again.
 */
export function renderChartSvg(data: ChartData): string {
  const key = JSON.stringify(data)
  const kept = drawings.get(key)
  if (kept !== undefined) {
    drawings.delete(key)
    drawings.set(key, kept)
    return kept
  }
  const svg = drawChartSvg(data)
  drawings.set(key, svg)
  if (drawings.size > KEPT_DRAWINGS) drawings.delete(drawings.keys().next().value!)
  return svg
}

/** Draws the chart with ECharts. */
function drawChartSvg(data: ChartData): string {
  const width = data.width ?? 720
  const height = data.height ?? 320
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height })
  try {
    const isPercent = data.unit === 'percent'
    chart.setOption({
      animation: false,
      color: PALETTE,
      textStyle: { fontFamily: 'system-ui, sans-serif', fontSize: 12, color: '#1b1b1b' },
      grid: { left: 48, right: 16, top: data.series.length > 1 ? 36 : 16, bottom: 64, containLabel: true },
      legend: data.series.length > 1 ? { top: 0, textStyle: { color: '#1b1b1b' } } : undefined,
      xAxis: { type: 'category', data: [...data.categories], axisLabel: { interval: 0, rotate: data.categories.length > 6 ? 30 : 0, color: '#1b1b1b' } },
      yAxis: { type: 'value', max: isPercent ? 100 : undefined, minInterval: isPercent ? undefined : 1, axisLabel: { color: '#1b1b1b', formatter: isPercent ? '{value}%' : '{value}' } },
      series: data.series.map((s) => ({
        name: s.name,
        type: data.kind === 'line' ? 'line' : 'bar',
        stack: data.kind === 'stacked-bar' ? 'total' : undefined,
        data: s.values.map((v) => (v === null ? null : isPercent ? Math.round(v * 1000) / 10 : v)),
      })),
    })
    return cspSafeSvg(chart.renderToSVGString())
  } finally {
    chart.dispose()
  }
}

/** Number formats by language tag and decimals, made once: making one costs far more than using it. */
const formats = new Map<string, Intl.NumberFormat>()

/** The number format of a language tag ("vi-VN", "en-GB"), with at most some decimals (the locale's default when left out); shared, never changed. */
export function numberFormat(tag: string, maximumFractionDigits?: number): Intl.NumberFormat {
  const key = `${tag}|${maximumFractionDigits ?? ''}`
  let format = formats.get(key)
  if (!format) formats.set(key, (format = new Intl.NumberFormat(tag, maximumFractionDigits === undefined ? {} : { maximumFractionDigits })))
  return format
}

/** Formats one value for the table. */
function cell(value: number | null, unit: ChartData['unit'], locale: string): string {
  if (value === null) return '—'
  const tag = locale === 'en' ? 'en-GB' : 'vi-VN'
  return unit === 'percent' ? `${numberFormat(tag, 1).format(value * 100)}%` : numberFormat(tag).format(value)
}

/** A chart as a figure: the SVG (an image for assistive technology) and its data as a table. */
export function Chart(props: { data: ChartData; id: string; locale: string; tableLabel: string; categoryLabel: string }): JSX.Element {
  const { data } = props
  // The SVG is built by ECharts from numbers and our labels, which ECharts escapes as text.
  const safeSvg = renderChartSvg(data)
  return (
    <figure class="chart" aria-labelledby={`${props.id}-caption`}>
      <figcaption id={`${props.id}-caption`} class="chart-caption" safe>
        {data.title}
      </figcaption>
      <div class="chart-image" role="img" aria-label={data.title}>
        {safeSvg}
      </div>
      <details class="chart-data">
        <summary safe>{props.tableLabel}</summary>
        <table class="table">
          <thead>
            <tr>
              <th scope="col" safe>
                {props.categoryLabel}
              </th>
              {data.series.map((s) => (
                <th scope="col" safe>
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.categories.map((category, i) => (
              <tr>
                <th scope="row" safe>
                  {category}
                </th>
                {data.series.map((s) => (
                  <td class="numeric" safe>
                    {cell(s.values[i] ?? null, data.unit, props.locale)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
