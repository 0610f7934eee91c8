import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { rememberingTranslator } from './i18n.ts'
import type { Translate } from './i18n.ts'

describe('a remembering translator', () => {
  it('asks once per key and values, and gives each combination its own text', () => {
    const asked: string[] = []
    const t: Translate = (key, values) => {
      asked.push(key)
      return values === undefined ? `<${key}>` : `<${key} ${JSON.stringify(values)}>`
    }
    const remembered = rememberingTranslator(t)
    for (let i = 0; i < 3; i++) {
      assert.equal(remembered('a'), '<a>')
      assert.equal(remembered('b', { days: 5 }), '<b {"days":5}>')
    }
    assert.equal(remembered('b', { days: 7 }), '<b {"days":7}>')
    assert.deepEqual(asked, ['a', 'b', 'b'])
  })
})
