import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { acceptedRatedAt, checkKioskFields, checkKioskSettings, clockSkewMs, initialsOf, isTooClose, thanksMs, triageBatch } from './kiosk.ts'

const now = new Date('2026-03-02T02:00:00Z')
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs)
const iso = (offsetMs: number) => at(offsetMs).toISOString()
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`

describe('kiosk codes, names and settings', () => {
  it('accepts address-safe codes and refuses the reserved ones', () => {
    assert.deepEqual(checkKioskFields({ code: 'UH-Q1', name: 'Quầy 1' }), {})
    assert.deepEqual(checkKioskFields({ code: 'uh.q_2', name: 'Quầy 2' }), {})
    for (const code of ['', 'a b', '-x', 'quầy', 'moi', 'Settings', 'x'.repeat(41)]) {
      assert.equal(checkKioskFields({ code, name: 'Quầy' }).code, 'ratings.kiosk.errors.code', code)
    }
    assert.equal(checkKioskFields({ code: 'Q1', name: '  ' }).name, 'ratings.kiosk.errors.name')
  })

  it('takes a whole number of seconds from 1 to 600 as the interval', () => {
    assert.deepEqual(checkKioskSettings({ minIntervalSeconds: 1 }), {})
    assert.deepEqual(checkKioskSettings({ minIntervalSeconds: 600 }), {})
    for (const value of [0, 601, 1.5, Number.NaN, '5', null]) assert.ok('minIntervalSeconds' in checkKioskSettings({ minIntervalSeconds: value }), String(value))
  })

  it('shows the thank-you screen a few seconds, and never shorter than the interval', () => {
    assert.equal(thanksMs(1), 4000)
    assert.equal(thanksMs(5), 5000)
    assert.equal(thanksMs(30), 30_000)
  })

  it('draws initials from the family and given names', () => {
    assert.equal(initialsOf('Nguyễn Văn An'), 'NA')
    assert.equal(initialsOf('đặng thị út'), 'ĐÚ')
    assert.equal(initialsOf('Khoa'), 'K')
    assert.equal(initialsOf('  '), '')
  })
})

describe('the time a tablet rating keeps', () => {
  it('keeps the tablet time from 7 days ago to 5 minutes ahead', () => {
    assert.deepEqual(acceptedRatedAt(iso(-86_400_000), now), { at: at(-86_400_000), isTabletTime: true })
    assert.deepEqual(acceptedRatedAt(iso(4 * 60_000), now), { at: at(4 * 60_000), isTabletTime: true })
    assert.deepEqual(acceptedRatedAt('2026-03-02T09:00:00+07:00', now), { at: now, isTabletTime: true })
  })

  it('uses the server time for a rating time too far ahead, too old, malformed or missing', () => {
    for (const ratedAt of [iso(6 * 60_000), iso(-8 * 86_400_000), '2026-03-02', 'yesterday', '2026-02-30T25:00:00Z', undefined]) {
      assert.deepEqual(acceptedRatedAt(ratedAt, now), { at: now, isTabletTime: false }, String(ratedAt))
    }
  })

  it('corrects a tablet clock that is off by more than two minutes, judged from when it sent the batch', () => {
    assert.equal(clockSkewMs(iso(-30_000), now), 0, 'half a minute is network delay')
    assert.equal(clockSkewMs(undefined, now), 0)
    const skew = clockSkewMs(iso(-3_600_000), now)
    assert.equal(skew, 3_600_000)
    // The tablet thinks it is an hour earlier: its rating made "10 seconds ago" moves to now − 10 s.
    assert.deepEqual(acceptedRatedAt(iso(-3_600_000 - 10_000), now, skew), { at: at(-10_000), isTabletTime: true })
  })
})

describe('the spacing of ratings at one kiosk', () => {
  it('finds a rating too close to a neighbour on either side', () => {
    assert.equal(isTooClose(at(0), [at(-4999)], 5000), true)
    assert.equal(isTooClose(at(0), [at(-5000)], 5000), false)
    assert.equal(isTooClose(at(0), [at(3000)], 5000), true, 'a later stored rating counts too')
    assert.equal(isTooClose(at(0), [], 5000), false)
  })

  it('keeps the first of ratings too close together, refuses the rest as too fast, and refuses malformed ones as invalid', () => {
    const decided = triageBatch(
      [
        { clientId: id(3), rating: 'satisfied', ratedAt: iso(-2000) },
        { clientId: id(1), rating: 'very_satisfied', ratedAt: iso(-10_000) },
        { clientId: id(2), rating: 'not_satisfied', ratedAt: iso(-8000) },
        { clientId: id(1), rating: 'very_satisfied', ratedAt: iso(-10_000) },
        { clientId: 'not-a-uuid', rating: 'satisfied', ratedAt: iso(-30_000) },
        { clientId: id(4), rating: 'delighted', ratedAt: iso(-40_000) },
      ],
      [at(-60_000)],
      { receivedAt: now, skewMs: 0, minIntervalMs: 5000 },
    )
    const summary = decided.map((d) => (d.kind === 'store' ? `${d.clientId}:store` : `${d.clientId}:${d.reason}`))
    assert.deepEqual(summary, ['not-a-uuid:invalid', `${id(4)}:invalid`, `${id(1)}:store`, `${id(2)}:too_fast`, `${id(3)}:store`])
  })

  it('refuses a late-arriving rating that falls between two stored ones too closely', () => {
    const decided = triageBatch([{ clientId: id(9), rating: 'satisfied', ratedAt: iso(-7000) }], [at(-10_000), at(-3000)], { receivedAt: now, skewMs: 0, minIntervalMs: 5000 })
    assert.deepEqual(decided, [{ kind: 'reject', clientId: id(9), reason: 'too_fast' }])
  })
})
