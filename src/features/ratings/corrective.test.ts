import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { checkRules, DEFAULT_CORRECTIVE_RULES, findShortfalls, monthBounds, monthOf } from './corrective.ts'
import type { OfficialRecord } from './corrective.ts'

const record = (over: Partial<OfficialRecord>): OfficialRecord => ({
  officialId: 1,
  unitId: 2,
  ratings: 0,
  notSatisfied: 0,
  notSatisfiedEvidence: [],
  lateCodes: [],
  upheldLetters: [],
  ...over,
})

describe('corrective-action rules', () => {
  it('finds a high not-satisfied share only with enough ratings', () => {
    const rules = DEFAULT_CORRECTIVE_RULES
    assert.deepEqual(findShortfalls([record({ ratings: 4, notSatisfied: 4 })], rules), [])
    const [finding] = findShortfalls([record({ ratings: 10, notSatisfied: 3, notSatisfiedEvidence: ['evaluation:1', 'evaluation:2', 'kiosk:9'] })], rules)
    assert.equal(finding?.rule, 'notSatisfied')
    assert.deepEqual(finding?.evidence, { summary: { ratings: 10, notSatisfied: 3 }, items: ['evaluation:1', 'evaluation:2', 'kiosk:9'] })
    assert.deepEqual(findShortfalls([record({ ratings: 10, notSatisfied: 2 })], rules), [])
  })

  it('finds late dossiers and upheld letters at their thresholds, and not when a rule is off', () => {
    const rules = DEFAULT_CORRECTIVE_RULES
    assert.deepEqual(findShortfalls([record({ lateCodes: ['a', 'b'] })], rules), [])
    assert.equal(findShortfalls([record({ lateCodes: ['a', 'b', 'c'] })], rules)[0]?.rule, 'lateDossiers')
    assert.equal(findShortfalls([record({ upheldLetters: ['letter:7'] })], rules)[0]?.rule, 'upheldLetters')
    const off = { ...rules, lateDossiers: { ...rules.lateDossiers, isEnabled: false } }
    assert.deepEqual(findShortfalls([record({ lateCodes: ['a', 'b', 'c'] })], off), [])
  })

  it('refuses nonsensical rules', () => {
    assert.deepEqual(checkRules(DEFAULT_CORRECTIVE_RULES), {})
    const bad = { ...DEFAULT_CORRECTIVE_RULES, notSatisfied: { isEnabled: true, minRatings: 0, minShare: 1.5 } }
    assert.deepEqual(Object.keys(checkRules(bad)).sort(), ['notSatisfied.minRatings', 'notSatisfied.minShare'])
  })

  it('works in Vietnam months', () => {
    assert.equal(monthOf(new Date('2026-02-28T17:00:00Z')), '2026-03')
    const { from, to } = monthBounds('2026-03')
    assert.equal(from.toISOString(), '2026-02-28T17:00:00.000Z')
    assert.equal(to.toISOString(), '2026-03-31T17:00:00.000Z')
  })
})
