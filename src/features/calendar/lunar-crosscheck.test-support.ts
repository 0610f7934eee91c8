/**
 * An independent construction of the lunisolar calendar, used only by tests to cross-check
 * `lunar.ts` over 1900–2100.
 *
 * It shares no code or method with the production module:
 * - new moons are found by solving "Moon's longitude − Sun's longitude = 0" with Newton's method,
 *   from the Moon's main periodic terms (Meeus ch. 47, terms above 0.0003°) and the Sun's
 *   low-accuracy equation of the centre (Meeus ch. 25), instead of Meeus' new-moon series (ch. 49);
 * - solar terms are solved for as instants and placed on days, instead of comparing the Sun's
 *   longitude at midnights;
 * - ΔT comes from interpolating observed decade values, not from the Espenak–Meeus polynomials;
 * - months are numbered by a separate walk.
 * Being less precise (errors of a minute or two), it may disagree with the production module only
 * when an event falls within minutes of local midnight; the tests check exactly that.
 */
import { epochDayOf } from './civil-date.ts'

const RAD = Math.PI / 180
const JD_UNIX_EPOCH = 2440587.5

/** An instant as a Julian day in UT, with the local day it falls on. */
export interface ReferenceEvent {
  readonly jdUt: number
  readonly localDay: number
  /** Distance in minutes to the nearest local midnight, for judging disagreements. */
  readonly minutesFromMidnight: number
}

/** A month of the reference calendar. */
export interface ReferenceMonth {
  readonly startDay: number
  readonly lunarYear: number
  readonly month: number
  readonly leap: boolean
  readonly newMoon: ReferenceEvent
}

// Observed ΔT (seconds) at the start of each decade 1890–2020 (IERS / Morrison–Stephenson values).
const OBSERVED_DELTA_T: readonly (readonly [number, number])[] = [
  [1890, -6.0], [1900, -2.8], [1910, 10.4], [1920, 21.2], [1930, 24.0], [1940, 24.3], [1950, 29.1],
  [1960, 33.2], [1970, 40.2], [1980, 50.5], [1990, 56.9], [2000, 63.8], [2010, 66.1], [2020, 69.4],
]

function referenceDeltaT(year: number): number {
  const parabola = (y: number): number => -20 + 32 * ((y - 1820) / 100) ** 2
  const first = OBSERVED_DELTA_T[0]!
  const last = OBSERVED_DELTA_T[OBSERVED_DELTA_T.length - 1]!
  if (year <= first[0]) return first[1]
  if (year >= last[0]) return last[1] + parabola(year) - parabola(last[0])
  for (let i = 1; i < OBSERVED_DELTA_T.length; i += 1) {
    const [y1, v1] = OBSERVED_DELTA_T[i]!
    const [y0, v0] = OBSERVED_DELTA_T[i - 1]!
    if (year <= y1) return v0 + ((v1 - v0) * (year - y0)) / (y1 - y0)
  }
  return last[1]
}

function toTT(jdUt: number): number {
  return jdUt + referenceDeltaT(2000 + (jdUt - 2451545) / 365.25) / 86400
}

/** Sun's apparent longitude by the equation of the centre, degrees (not normalised). */
function sunLongitude(jde: number): number {
  const t = (jde - 2451545) / 36525
  const meanLongitude = 280.46646 + 36000.76983 * t + 0.0003032 * t * t
  const anomaly = (357.52911 + 35999.05029 * t - 0.0001537 * t * t) * RAD
  const centre =
    (1.914602 - 0.004817 * t - 0.000014 * t * t) * Math.sin(anomaly) +
    (0.019993 - 0.000101 * t) * Math.sin(2 * anomaly) +
    0.000289 * Math.sin(3 * anomaly)
  const node = (125.04 - 1934.136 * t) * RAD
  return meanLongitude + centre - 0.00569 - 0.00478 * Math.sin(node)
}

// Main terms of the Moon's longitude: multiples of D, M, M′, F and the coefficient in 1e-6 degree.
const MOON_TERMS: readonly (readonly [number, number, number, number, number])[] = [
  [0, 0, 1, 0, 6288774], [2, 0, -1, 0, 1274027], [2, 0, 0, 0, 658314], [0, 0, 2, 0, 213618],
  [0, 1, 0, 0, -185116], [0, 0, 0, 2, -114332], [2, 0, -2, 0, 58793], [2, -1, -1, 0, 57066],
  [2, 0, 1, 0, 53322], [2, -1, 0, 0, 45758], [0, 1, -1, 0, -40923], [1, 0, 0, 0, -34720],
  [0, 1, 1, 0, -30383], [2, 0, 0, -2, 15327], [0, 0, 1, 2, -12528], [0, 0, 1, -2, 10980],
  [4, 0, -1, 0, 10675], [0, 0, 3, 0, 10034], [4, 0, -2, 0, 8548], [2, 1, -1, 0, -7888],
  [2, 1, 0, 0, -6766], [1, 0, -1, 0, -5163], [1, 1, 0, 0, 4987], [2, -1, 1, 0, 4036],
  [2, 0, 2, 0, 3994], [4, 0, 0, 0, 3861], [2, 0, -3, 0, 3665], [0, 1, -2, 0, -2689],
  [2, 0, -1, 2, -2602], [2, -1, -2, 0, 2390], [1, 0, 1, 0, -2348], [2, -2, 0, 0, 2236],
  [0, 1, 2, 0, -2120], [0, 2, 0, 0, -2069], [2, -2, -1, 0, 2048], [2, 0, 1, -2, -1773],
  [2, 0, 0, 2, -1595], [4, -1, -1, 0, 1215], [0, 0, 2, 2, -1110], [3, 0, -1, 0, -892],
  [2, 1, 1, 0, -810], [4, -1, -2, 0, 759], [0, 2, -1, 0, -713], [2, 2, -1, 0, -700],
  [2, 1, -2, 0, 691], [2, -1, 0, -2, 596], [4, 0, 1, 0, 549], [0, 0, 4, 0, 537],
  [4, -1, 0, 0, 520], [1, 0, -2, 0, -487], [2, 1, 0, -2, -399], [0, 0, 2, -2, -381],
  [1, 1, 1, 0, 351], [3, 0, -2, 0, -340], [4, 0, -3, 0, 330], [2, -1, 2, 0, 327],
  [0, 2, 1, 0, -323], [1, 1, -1, 0, 299], [2, 0, 3, 0, 294],
]

/** Moon's apparent longitude (same nutation approximation as the Sun's), degrees (not normalised). */
function moonLongitude(jde: number): number {
  const t = (jde - 2451545) / 36525
  const meanLongitude = 218.3164477 + 481267.88123421 * t - 0.0015786 * t * t + (t * t * t) / 538841
  const d = (297.8501921 + 445267.1114034 * t - 0.0018819 * t * t + (t * t * t) / 545868) * RAD
  const m = (357.5291092 + 35999.0502909 * t - 0.0001536 * t * t) * RAD
  const mp = (134.9633964 + 477198.8675055 * t + 0.0087414 * t * t + (t * t * t) / 69699) * RAD
  const f = (93.272095 + 483202.0175233 * t - 0.0036539 * t * t) * RAD
  const e = 1 - 0.002516 * t - 0.0000074 * t * t
  let sum = 0
  for (const [cd, cm, cmp, cf, coefficient] of MOON_TERMS) {
    const eccentricity = cm === 0 ? 1 : Math.abs(cm) === 1 ? e : e * e
    sum += coefficient * eccentricity * Math.sin(cd * d + cm * m + cmp * mp + cf * f)
  }
  const a1 = (119.75 + 131.849 * t) * RAD
  const a2 = (53.09 + 479264.29 * t) * RAD
  sum += 3958 * Math.sin(a1) + 1962 * Math.sin(meanLongitude * RAD - f) + 318 * Math.sin(a2)
  const node = (125.04 - 1934.136 * t) * RAD
  return meanLongitude + sum / 1e6 - 0.00478 * Math.sin(node)
}

function wrap180(angle: number): number {
  return ((((angle + 180) % 360) + 360) % 360) - 180
}

/** Solves f(jde) = 0 for an angle-valued f near a first guess, returning the JD in UT. */
function solveInstant(angleAt: (jde: number) => number, rateDegreesPerDay: number, guessJdUt: number): number {
  let jde = toTT(guessJdUt)
  for (let i = 0; i < 30; i += 1) {
    const step = wrap180(angleAt(jde)) / rateDegreesPerDay
    jde -= step
    if (Math.abs(step) < 1e-8) break
  }
  // One fixed-point pass is enough: ΔT changes by far less than a second over the correction.
  return jde - (toTT(jde) - jde)
}

function eventAt(jdUt: number, utcOffsetHours: number): ReferenceEvent {
  const localDays = jdUt - JD_UNIX_EPOCH + utcOffsetHours / 24
  const localDay = Math.floor(localDays)
  const fraction = localDays - localDay
  return { jdUt, localDay, minutesFromMidnight: Math.min(fraction, 1 - fraction) * 1440 }
}

/** The new moon nearest the guess, by solving for zero elongation. */
function newMoonNear(guessJdUt: number, utcOffsetHours: number): ReferenceEvent {
  const jd = solveInstant((jde) => moonLongitude(jde) - sunLongitude(jde), 12.19, guessJdUt)
  return eventAt(jd, utcOffsetHours)
}

/** The instant the Sun reaches the given longitude, nearest the guess. */
function solarTermNear(longitude: number, guessJdUt: number, utcOffsetHours: number): ReferenceEvent {
  const jd = solveInstant((jde) => sunLongitude(jde) - longitude, 0.9856, guessJdUt)
  return eventAt(jd, utcOffsetHours)
}

/**
 * Builds every month whose new moon lies between the December solstices of firstYear − 1 and
 * lastYear + 1, for civil days of the given zone.
 */
export function buildReferenceMonths(firstYear: number, lastYear: number, utcOffsetHours = 7): ReferenceMonth[] {
  const synodic = 29.530588
  const firstGuess = epochDayOf(firstYear - 1, 11, 1) + JD_UNIX_EPOCH
  const lastDay = epochDayOf(lastYear + 1, 12, 31)
  const newMoons: ReferenceEvent[] = []
  let guess = firstGuess
  for (;;) {
    const moon = newMoonNear(guess, utcOffsetHours)
    if (newMoons.length === 0 || moon.jdUt - newMoons[newMoons.length - 1]!.jdUt > 1) newMoons.push(moon)
    if (moon.localDay > lastDay) break
    guess = moon.jdUt + synodic
  }
  // Major solar terms (the Sun at multiples of 30°) over the same stretch, as local days.
  const majorTerms: { longitude: number; event: ReferenceEvent }[] = []
  const firstMoon = newMoons[0]!
  let termLongitude = Math.ceil((((sunLongitude(toTT(firstMoon.jdUt)) % 360) + 360) % 360) / 30) * 30
  let termGuess = firstMoon.jdUt
  for (;;) {
    const event = solarTermNear(termLongitude % 360, termGuess, utcOffsetHours)
    majorTerms.push({ longitude: termLongitude % 360, event })
    if (event.localDay > lastDay + 40) break
    termLongitude += 30
    termGuess = event.jdUt + 30.4
  }
  const hasMajorTerm = (startDay: number, endDay: number): boolean =>
    majorTerms.some((t) => t.event.localDay >= startDay && t.event.localDay < endDay)
  // The month containing each December solstice is month 11.
  const month11Indexes: number[] = []
  for (const term of majorTerms) {
    if (term.longitude !== 270) continue
    const index = newMoons.findIndex(
      (m, i) => m.localDay <= term.event.localDay && (newMoons[i + 1]?.localDay ?? Infinity) > term.event.localDay,
    )
    if (index >= 0 && index + 1 < newMoons.length) month11Indexes.push(index)
  }
  const months: ReferenceMonth[] = []
  for (let s = 0; s + 1 < month11Indexes.length; s += 1) {
    const from = month11Indexes[s]!
    const to = month11Indexes[s + 1]!
    let leapAt = -1
    if (to - from === 13) {
      for (let i = from + 1; i < to; i += 1) {
        if (!hasMajorTerm(newMoons[i]!.localDay, newMoons[i + 1]!.localDay)) {
          leapAt = i
          break
        }
      }
    }
    // The span ends at month 11 of a Gregorian year Y: it holds months 11–12 of lunar year Y − 1, then 1–10 of Y.
    const laterYear = new Date(newMoons[to]!.localDay * 86400000).getUTCFullYear()
    let month = 11
    let lunarYear = laterYear - 1
    for (let i = from; i < to; i += 1) {
      const leap = i === leapAt
      if (i > from && !leap) {
        month = month === 12 ? 1 : month + 1
        if (month === 1) lunarYear = laterYear
      }
      months.push({ startDay: newMoons[i]!.localDay, lunarYear, month, leap, newMoon: newMoons[i]! })
    }
  }
  return months
}
