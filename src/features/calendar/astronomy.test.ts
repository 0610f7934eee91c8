import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  UNIX_EPOCH_JD,
  deltaTSeconds,
  dynamicalToUniversal,
  nearestLunation,
  newMoonJde,
  sunApparentLongitude,
  universalToDynamical,
} from './astronomy.ts'

/** The UT instant when the Sun's apparent longitude reaches `target`, near a UT guess. */
function solarLongitudeInstant(target: number, guess: Date): Date {
  let jde = universalToDynamical(guess.getTime() / 86_400_000 + UNIX_EPOCH_JD)
  for (let i = 0; i < 10; i += 1) {
    jde += (((target - sunApparentLongitude(jde) + 540) % 360) - 180) / 0.9856
  }
  return new Date((dynamicalToUniversal(jde) - UNIX_EPOCH_JD) * 86_400_000)
}

function newMoonNear(isoUt: string): Date {
  const k = nearestLunation(Date.parse(isoUt) / 86_400_000 + UNIX_EPOCH_JD)
  return new Date((dynamicalToUniversal(newMoonJde(k)) - UNIX_EPOCH_JD) * 86_400_000)
}

function assertWithinMinutes(actual: Date, expectedIso: string, minutes: number): void {
  const error = Math.abs(actual.getTime() - Date.parse(expectedIso)) / 60_000
  assert.ok(error <= minutes, `${actual.toISOString()} is ${error.toFixed(1)} min from ${expectedIso}`)
}

describe('astronomy', () => {
  test("reproduces Meeus' worked example 49.a (new moon of February 1977)", () => {
    assert.ok(Math.abs(newMoonJde(-283) - 2443192.65118) < 0.00001)
  })

  test("reproduces Meeus' worked example 25.b (the Sun on 1992 October 13.0 TD) within 0.5″", () => {
    const expected = 199 + 54 / 60 + 21.818 / 3600
    assert.ok(Math.abs(sunApparentLongitude(2448908.5) - expected) * 3600 < 0.5)
  })

  test('puts equinoxes and solstices within a minute of the published instants', () => {
    assertWithinMinutes(solarLongitudeInstant(0, new Date('2000-03-20T00:00Z')), '2000-03-20T07:35Z', 1)
    assertWithinMinutes(solarLongitudeInstant(270, new Date('2000-12-21T00:00Z')), '2000-12-21T13:37Z', 1)
    assertWithinMinutes(solarLongitudeInstant(270, new Date('2024-12-21T00:00Z')), '2024-12-21T09:20Z', 1)
    assertWithinMinutes(solarLongitudeInstant(0, new Date('2025-03-20T00:00Z')), '2025-03-20T09:01Z', 1)
  })

  test('puts new moons within a minute of the published instants', () => {
    assertWithinMinutes(newMoonNear('2024-01-11T12:00Z'), '2024-01-11T11:57Z', 1)
    assertWithinMinutes(newMoonNear('2017-08-21T18:00Z'), '2017-08-21T18:30Z', 1)
    assertWithinMinutes(newMoonNear('2026-02-17T12:00Z'), '2026-02-17T12:01Z', 1)
  })

  test('ΔT is continuous between the polynomial pieces and about a minute today', () => {
    for (const boundary of [1860, 1900, 1920, 1941, 1961, 1986, 2005, 2050, 2150]) {
      assert.ok(Math.abs(deltaTSeconds(boundary - 1e-9) - deltaTSeconds(boundary)) < 1, `jump at ${boundary}`)
    }
    assert.ok(deltaTSeconds(2025) > 60 && deltaTSeconds(2025) < 80)
  })
})
