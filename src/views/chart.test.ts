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

  it('turns style attributes into presentation attributes', () => {
    assert.equal(cspSafeSvg('<text style="font-size:12px;font-family:sans-serif;">x</text>'), '<text font-size="12px" font-family="sans-serif">x</text>')
  })
})
