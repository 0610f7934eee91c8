import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { allowedActions, DOSSIER_ACTIONS, DOSSIER_STATUSES, formatDossierCode, isOverdue, maskName, maskPhone, nextStatus, refusalOf } from './dossier.ts'
import type { DossierAction, DossierState, DossierStatus } from './dossier.ts'

// The expected table, written out by hand: for each action, the statuses it is allowed from and
// the status it leads to ('same' keeps the status).
const EXPECTED: Record<DossierAction, { from: DossierStatus[]; to: DossierStatus | 'same' }> = {
  request_supplement: { from: ['received', 'processing'], to: 'needs_supplement' },
  supplement_received: { from: ['needs_supplement'], to: 'received' },
  refuse: { from: ['needs_supplement', 'received', 'processing'], to: 'refused' },
  assign: { from: ['received', 'processing'], to: 'processing' },
  complete_step: { from: ['processing'], to: 'processing' },
  apologize: { from: ['received', 'processing'], to: 'same' },
  result_ready: { from: ['received', 'processing'], to: 'result_ready' },
  return: { from: ['result_ready'], to: 'returned' },
  stop: { from: ['needs_supplement', 'received', 'processing', 'result_ready'], to: 'stopped' },
}

const fresh = (status: DossierStatus): DossierState => ({ status, hasSupplementRequest: false, hasApology: false, hasCode: true })

describe('dossier state machine, every action from every status', () => {
  for (const status of DOSSIER_STATUSES) {
    for (const action of DOSSIER_ACTIONS) {
      const rule = EXPECTED[action]
      const isAllowed = rule.from.includes(status)
      it(`${isAllowed ? 'allows' : 'refuses'} ${action} from ${status}`, () => {
        const state = fresh(status)
        assert.equal(refusalOf(state, action), isAllowed ? null : 'dossiers.errors.notAllowedNow')
        if (isAllowed) assert.equal(nextStatus(state, action), rule.to === 'same' ? status : rule.to)
      })
    }
  }

  it('leaves nothing to do on a returned, refused or stopped dossier', () => {
    for (const status of ['returned', 'refused', 'stopped'] as const) assert.deepEqual(allowedActions(fresh(status)), [])
  })
})

describe('once-only rules', () => {
  it('refuses a second supplement request for the same dossier', () => {
    const state = { ...fresh('processing'), hasSupplementRequest: true }
    assert.equal(refusalOf(state, 'request_supplement'), 'dossiers.errors.supplementOnce')
    assert.equal(allowedActions(state).includes('request_supplement'), false)
  })
  it('refuses a second apology with a new date', () => {
    const state = { ...fresh('received'), hasApology: true }
    assert.equal(refusalOf(state, 'apologize'), 'dossiers.errors.apologyOnce')
  })
})

describe('overdue', () => {
  const due = new Date('2026-03-11T10:00:00Z')
  it('is only for open dossiers past their due instant', () => {
    assert.equal(isOverdue('received', due, new Date('2026-03-11T10:00:01Z')), true)
    assert.equal(isOverdue('processing', due, new Date('2026-03-11T10:00:00Z')), false)
    assert.equal(isOverdue('result_ready', due, new Date('2026-04-01T00:00:00Z')), false)
    assert.equal(isOverdue('needs_supplement', null, new Date('2026-04-01T00:00:00Z')), false)
  })
})

describe('codes and masking', () => {
  it('formats <agency>-<YYMMDD>-<NNNN>', () => {
    assert.equal(formatDossierCode('000.00.23.H12', { year: 2026, month: 3, day: 2 }, 7), '000.00.23.H12-260302-0007')
    assert.equal(formatDossierCode('X', { year: 2026, month: 12, day: 31 }, 12345), 'X-261231-12345')
  })
  it('masks names as the public sees them', () => {
    assert.equal(maskName('Nguyễn Văn An'), 'N*** V** A')
    assert.equal(maskName('  Lê   Thị Hồng  '), 'L* T** H')
    assert.equal(maskName('Đào'), 'Đ')
    assert.equal(maskPhone('0912 345 678'), '*******678')
  })
})
