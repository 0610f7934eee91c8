import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { cspSafeSvg, renderChartSvg } from './chart.tsx'

describe('server-rendered charts', () => {
  it('renders an SVG without inline style, which the CSP would block', () => {
    const svg = renderChartSvg({ title: 'Tỷ lệ đúng hạn', categories: ['Phường A', 'Phường <B>'], series: [{ name: 'Đúng hạn', values: [0.9, 0.75] }], unit: 'percent' })
    assert.match(svg, /^<svg/)
    assert.doesNotMatch(svg, /<style|style="/)
    assert.match(svg, /font-size="12px"/)
    // Labels are text, escaped by ECharts.
    assert.doesNotMatch(svg, /<B>/)
  })

  it('serves a drawing again only for the same data', () => {
    const data = { title: 'Hồ sơ theo đơn vị', categories: ['Phường A', 'Phường B'], series: [{ name: 'Tiếp nhận', values: [12, 7] }] }
    const first = renderChartSvg(data)
    assert.equal(renderChartSvg({ ...data, series: [{ name: 'Tiếp nhận', values: [12, 7] }] }), first)
    // The same title and categories with another figure, or as another kind of chart: drawn anew.
    assert.notEqual(renderChartSvg({ ...data, series: [{ name: 'Tiếp nhận', values: [12, 8] }] }), first)
    assert.notEqual(renderChartSvg({ ...data, kind: 'line' }), first)
    // Many other charts later, the first data still gives its own drawing.
    for (let i = 0; i < 80; i++) renderChartSvg({ ...data, series: [{ name: 'Tiếp nhận', values: [i, 100 + i] }] })
    assert.equal(renderChartSvg(data), first)
  })

  it('turns style attributes into presentation attributes', () => {
    assert.equal(cspSafeSvg('<text style="font-size:12px;font-family:sans-serif;">x</text>'), '<text font-size="12px" font-family="sans-serif">x</text>')
  })
})
