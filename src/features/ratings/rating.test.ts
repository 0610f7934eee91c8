import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { bandOf, checkAnswers, computedScores, satisfactionIndex, scoreEvaluation } from './rating.ts'

const asked = { desk_service: 2, procedure_publication: 2, official_attitude: 1, feedback_handling: 2, online_quality: 0 } as const

describe('evaluation scores', () => {
  it('computes the four record indicators from the dossier', () => {
    assert.deepEqual(computedScores({ timing: 'early', hasApology: false, returnVisits: 0, agenciesInvolved: 1 }), {
      total_time: 2,
      time_per_agency: 2,
      return_visits: 2,
      agencies_contacted: 2,
    })
    assert.deepEqual(computedScores({ timing: 'on_time', hasApology: true, returnVisits: 1, agenciesInvolved: 2 }), {
      total_time: 1,
      time_per_agency: 1,
      return_visits: 1,
      agencies_contacted: 2,
    })
    assert.deepEqual(computedScores({ timing: 'late', hasApology: true, returnVisits: 3, agenciesInvolved: 1 }), {
      total_time: 0,
      time_per_agency: 0,
      return_visits: 0,
      agencies_contacted: 2,
    })
  })

  it('adds the nine scores to a total of at most 18 with its band', () => {
    const best = scoreEvaluation({ timing: 'early', hasApology: false, returnVisits: 0, agenciesInvolved: 1 }, { desk_service: 2, procedure_publication: 2, official_attitude: 2, feedback_handling: 2, online_quality: 2 })
    assert.equal(best.total, 18)
    assert.equal(best.band, 'good')
    const mixed = scoreEvaluation({ timing: 'on_time', hasApology: false, returnVisits: 1, agenciesInvolved: 1 }, asked)
    // 1 + 2 + 1 + 2 (computed) + 2 + 2 + 1 + 2 + 0 (asked) = 13
    assert.equal(mixed.total, 13)
    assert.equal(mixed.band, 'fair')
    assert.equal(bandOf(9), 'poor')
    assert.equal(bandOf(10), 'fair')
    assert.equal(bandOf(15), 'good')
  })

  it('never takes a computed indicator from the applicant, and wants every asked one', () => {
    assert.deepEqual(checkAnswers({ ...asked }, 'satisfied', undefined), {})
    const fields = checkAnswers({ ...asked, total_time: 2, online_quality: 3 }, 'happy', 'x'.repeat(2001))
    assert.deepEqual(Object.keys(fields).sort(), ['comment', 'overall', 'scores.online_quality', 'scores.total_time'])
    assert.ok('scores.desk_service' in checkAnswers({}, 'satisfied', null))
  })

  it('gives the satisfaction index as the satisfied share, null for no answers', () => {
    assert.equal(satisfactionIndex({ very_satisfied: 3, satisfied: 5, not_satisfied: 2 }), 0.8)
    assert.equal(satisfactionIndex({ very_satisfied: 0, satisfied: 0, not_satisfied: 0 }), null)
  })
})
