/**
 * The astronomy the lunisolar calendar needs: instants of new moons and the Sun's apparent
 * longitude, after Jean Meeus, "Astronomical Algorithms" (2nd ed., 1998).
 *
 * - New moons: chapter 49 (mean lunation plus periodic and planetary corrections), good to a few
 *   seconds of time over 1900–2100.
 * - Sun: chapter 25's "higher accuracy" method — the Earth's heliocentric longitude and radius from
 *   the truncated VSOP87 series of Meeus' Appendix III, then FK5, nutation and aberration — good to
 *   about one arcsecond. The low-accuracy formula (±0.01°, i.e. ±15 minutes of time) is not enough:
 *   a solar term that falls within minutes of local midnight can move a leap month.
 * - ΔT (TT − UT): the polynomial fits of Espenak and Meeus (NASA, 2006).
 *
 * All Julian days here are plain numbers; "JDE" means Terrestrial Time, "JD" Universal Time.
 */

const DEGREES = Math.PI / 180

/** Julian day of 1970-01-01 00:00 UT, the origin of epoch days and of JavaScript time. */
export const UNIX_EPOCH_JD = 2440587.5

/** Julian day of the standard epoch J2000.0 (2000-01-01 12:00 TT). */
export const J2000 = 2451545

/** Mean length of a synodic month in days, used to guess lunation numbers. */
export const SYNODIC_MONTH_DAYS = 29.530588861

/**
 * ΔT = TT − UT in seconds for a decimal year, from the Espenak–Meeus polynomials.
 *
 * The calendar cares because new moons are computed in TT but days begin at local civil midnight;
 * ΔT is about a minute today and three minutes by 2100.
 */
export function deltaTSeconds(decimalYear: number): number {
  const y = decimalYear
  if (y < 1800) return -20 + 32 * ((y - 1820) / 100) ** 2
  if (y < 1860) {
    const t = y - 1800
    return (
      13.72 - 0.332447 * t + 0.0068612 * t ** 2 + 0.0041116 * t ** 3 - 0.00037436 * t ** 4 +
      0.0000121272 * t ** 5 - 0.0000001699 * t ** 6 + 0.000000000875 * t ** 7
    )
  }
  if (y < 1900) {
    const t = y - 1860
    return 7.62 + 0.5737 * t - 0.251754 * t ** 2 + 0.01680668 * t ** 3 - 0.0004473624 * t ** 4 + t ** 5 / 233174
  }
  if (y < 1920) {
    const t = y - 1900
    return -2.79 + 1.494119 * t - 0.0598939 * t ** 2 + 0.0061966 * t ** 3 - 0.000197 * t ** 4
  }
  if (y < 1941) {
    const t = y - 1920
    return 21.2 + 0.84493 * t - 0.0761 * t ** 2 + 0.0020936 * t ** 3
  }
  if (y < 1961) {
    const t = y - 1950
    return 29.07 + 0.407 * t - t ** 2 / 233 + t ** 3 / 2547
  }
  if (y < 1986) {
    const t = y - 1975
    return 45.45 + 1.067 * t - t ** 2 / 260 - t ** 3 / 718
  }
  if (y < 2005) {
    const t = y - 2000
    return 63.86 + 0.3345 * t - 0.060374 * t ** 2 + 0.0017275 * t ** 3 + 0.000651814 * t ** 4 + 0.00002373599 * t ** 5
  }
  if (y < 2050) {
    const t = y - 2000
    return 62.92 + 0.32217 * t + 0.005589 * t ** 2
  }
  if (y < 2150) return -20 + 32 * ((y - 1820) / 100) ** 2 - 0.5628 * (2150 - y)
  return -20 + 32 * ((y - 1820) / 100) ** 2
}

/** Converts a Julian day in UT to the matching JDE (TT). */
export function universalToDynamical(jd: number): number {
  const decimalYear = 2000 + (jd - J2000) / 365.25
  return jd + deltaTSeconds(decimalYear) / 86400
}

/** Converts a JDE (TT) to the matching Julian day in UT. */
export function dynamicalToUniversal(jde: number): number {
  const decimalYear = 2000 + (jde - J2000) / 365.25
  return jde - deltaTSeconds(decimalYear) / 86400
}

// Truncated VSOP87D series for the Earth (Meeus, Appendix III), flattened as [A, B, C, A, B, C, …]:
// each term is A·cos(B + C·τ), τ in Julian millennia from J2000, amplitudes in 1e-8 radian (or au).
const EARTH_L0 = new Float64Array([
  175347046, 0, 0, 3341656, 4.6692568, 6283.07585, 34894, 4.6261, 12566.1517, 3497, 2.7441, 5753.3849,
  3418, 2.8289, 3.5231, 3136, 3.6277, 77713.7715, 2676, 4.4181, 7860.4194, 2343, 6.1352, 3930.2097,
  1324, 0.7425, 11506.7698, 1273, 2.0371, 529.691, 1199, 1.1096, 1577.3435, 990, 5.233, 5884.927,
  902, 2.045, 26.298, 857, 3.508, 398.149, 780, 1.179, 5223.694, 753, 2.533, 5507.553,
  505, 4.583, 18849.228, 492, 4.205, 775.523, 357, 2.92, 0.067, 317, 5.849, 11790.629,
  284, 1.899, 796.298, 271, 0.315, 10977.079, 243, 0.345, 5486.778, 206, 4.806, 2544.314,
  205, 1.869, 5573.143, 202, 2.458, 6069.777, 156, 0.833, 213.299, 132, 3.411, 2942.463,
  126, 1.083, 20.775, 115, 0.645, 0.98, 103, 0.636, 4694.003, 102, 0.976, 15720.839,
  102, 4.267, 7.114, 99, 6.21, 2146.17, 98, 0.68, 155.42, 86, 5.98, 161000.69,
  85, 1.3, 6275.96, 85, 3.67, 71430.7, 80, 1.81, 17260.15, 79, 3.04, 12036.46,
  75, 1.76, 5088.63, 74, 3.5, 3154.69, 74, 4.68, 801.82, 70, 0.83, 9437.76,
  62, 3.98, 8827.39, 61, 1.82, 7084.9, 57, 2.78, 6286.6, 56, 4.39, 14143.5,
  56, 3.47, 6279.55, 52, 0.19, 12139.55, 52, 1.33, 1748.02, 51, 0.28, 5856.48,
  49, 0.49, 1194.45, 41, 5.37, 8429.24, 41, 2.4, 19651.05, 39, 6.17, 10447.39,
  37, 6.04, 10213.29, 37, 2.57, 1059.38, 36, 1.71, 2352.87, 36, 1.78, 6812.77,
  33, 0.59, 17789.85, 30, 0.44, 83996.85, 30, 2.74, 1349.87, 25, 3.16, 4690.48,
])
const EARTH_L1 = new Float64Array([
  628331966747, 0, 0, 206059, 2.678235, 6283.07585, 4303, 2.6351, 12566.1517, 425, 1.59, 3.523,
  119, 5.796, 26.298, 109, 2.966, 1577.344, 93, 2.59, 18849.23, 72, 1.14, 529.69,
  68, 1.87, 398.15, 67, 4.41, 5507.55, 59, 2.89, 5223.69, 56, 2.17, 155.42,
  45, 0.4, 796.3, 36, 0.47, 775.52, 29, 2.65, 7.11, 21, 5.34, 0.98,
  19, 1.85, 5486.78, 19, 4.97, 213.3, 17, 2.99, 6275.96, 16, 0.03, 2544.31,
  16, 1.43, 2146.17, 15, 1.21, 10977.08, 12, 2.83, 1748.02, 12, 3.26, 5088.63,
  12, 5.27, 1194.45, 12, 2.08, 4694, 11, 0.77, 553.57, 10, 1.3, 3286.6,
  10, 4.24, 1349.87, 9, 2.7, 242.73, 9, 5.64, 951.72, 8, 5.3, 2352.87,
  6, 2.65, 9437.76, 6, 4.67, 4690.48,
])
const EARTH_L2 = new Float64Array([
  52919, 0, 0, 8720, 1.0721, 6283.0758, 309, 0.867, 12566.152, 27, 0.05, 3.52,
  16, 5.19, 26.3, 16, 3.68, 155.42, 10, 0.76, 18849.23, 9, 2.06, 77713.77,
  7, 0.83, 775.52, 5, 4.66, 1577.34, 4, 1.03, 7.11, 4, 3.44, 5573.14,
  3, 5.14, 796.3, 3, 6.05, 5507.55, 3, 1.19, 242.73, 3, 6.12, 529.69,
  3, 0.31, 398.15, 3, 2.28, 553.57, 2, 4.38, 5223.69, 2, 3.75, 0.98,
])
const EARTH_L3 = new Float64Array([
  289, 5.844, 6283.076, 35, 0, 0, 17, 5.49, 12566.15, 3, 5.2, 155.42, 1, 4.72, 3.52, 1, 5.3, 18849.23,
  1, 5.97, 242.73,
])
const EARTH_L4 = new Float64Array([114, 3.142, 0, 8, 4.13, 6283.08, 1, 3.84, 12566.15])
const EARTH_L5 = new Float64Array([1, 3.14, 0])
const EARTH_R0 = new Float64Array([
  100013989, 0, 0, 1670700, 3.0984635, 6283.07585, 13956, 3.05525, 12566.1517, 3084, 5.1985, 77713.7715,
  1628, 1.1739, 5753.3849, 1576, 2.8469, 7860.4194, 925, 5.453, 11506.77, 542, 4.564, 3930.21,
  472, 3.661, 5884.927, 346, 0.964, 5507.553, 329, 5.9, 5223.694, 307, 0.299, 5573.143,
  243, 4.273, 11790.629, 212, 5.847, 1577.344, 186, 5.022, 10977.079, 175, 3.012, 18849.228,
  110, 5.055, 5486.778, 98, 0.89, 6069.78, 86, 5.69, 15720.84, 86, 1.27, 161000.69,
  85, 0.27, 17260.15, 63, 0.92, 529.69, 57, 2.01, 83996.85, 56, 5.24, 71430.7,
  49, 3.25, 2544.31, 47, 2.58, 775.52, 45, 5.54, 9437.76, 43, 6.01, 6275.96,
  39, 5.36, 4694, 38, 2.39, 8827.39, 37, 0.83, 19651.05, 37, 4.9, 12139.55,
  36, 1.67, 12036.46, 35, 1.84, 2942.46, 33, 0.24, 7084.9, 32, 0.18, 5088.63,
  32, 1.78, 398.15, 28, 1.21, 6286.6, 28, 1.9, 6279.55, 26, 4.59, 10447.39,
])
const EARTH_R1 = new Float64Array([
  103019, 1.10749, 6283.07585, 1721, 1.0644, 12566.1517, 702, 3.142, 0, 32, 1.02, 18849.23,
  31, 2.84, 5507.55, 25, 1.32, 5223.69, 18, 1.42, 1577.34, 10, 5.91, 10977.08, 9, 1.42, 6275.96,
  9, 0.27, 5486.78,
])
const EARTH_R2 = new Float64Array([
  4359, 5.7846, 6283.0758, 124, 5.579, 12566.152, 12, 3.14, 0, 9, 3.63, 77713.77, 6, 1.87, 5573.14,
  3, 5.47, 18849,
])
const EARTH_R3 = new Float64Array([145, 4.273, 6283.076, 7, 3.92, 12566.15])
const EARTH_R4 = new Float64Array([4, 2.56, 6283.08])

function sumSeries(terms: Float64Array, tau: number): number {
  let sum = 0
  for (let i = 0; i < terms.length; i += 3) {
    sum += terms[i]! * Math.cos(terms[i + 1]! + terms[i + 2]! * tau)
  }
  return sum
}

/** Reduces an angle in degrees to [0, 360). */
export function normalizeDegrees(angle: number): number {
  const reduced = angle % 360
  return reduced < 0 ? reduced + 360 : reduced
}

/**
 * Nutation in longitude, in degrees, from the four largest terms of the IAU 1980 theory
 * (Meeus ch. 22: accurate to 0.5″, far below what the calendar can notice).
 */
export function nutationInLongitude(jde: number): number {
  const t = (jde - J2000) / 36525
  const omega = (125.04452 - 1934.136261 * t) * DEGREES
  const sunMeanLongitude = (280.4665 + 36000.7698 * t) * DEGREES
  const moonMeanLongitude = (218.3165 + 481267.8813 * t) * DEGREES
  const arcseconds =
    -17.2 * Math.sin(omega) -
    1.32 * Math.sin(2 * sunMeanLongitude) -
    0.23 * Math.sin(2 * moonMeanLongitude) +
    0.21 * Math.sin(2 * omega)
  return arcseconds / 3600
}

/**
 * Apparent geocentric ecliptic longitude of the Sun, in degrees [0, 360), at a JDE (TT),
 * referred to the true equinox of date — the quantity solar terms are defined on.
 */
export function sunApparentLongitude(jde: number): number {
  const tau = (jde - J2000) / 365250
  const heliocentricRadians =
    (sumSeries(EARTH_L0, tau) +
      tau *
        (sumSeries(EARTH_L1, tau) +
          tau * (sumSeries(EARTH_L2, tau) + tau * (sumSeries(EARTH_L3, tau) + tau * (sumSeries(EARTH_L4, tau) + tau * sumSeries(EARTH_L5, tau)))))) /
    1e8
  const radiusAu =
    (sumSeries(EARTH_R0, tau) +
      tau * (sumSeries(EARTH_R1, tau) + tau * (sumSeries(EARTH_R2, tau) + tau * (sumSeries(EARTH_R3, tau) + tau * sumSeries(EARTH_R4, tau))))) /
    1e8
  // The Sun seen from the Earth is opposite the Earth seen from the Sun.
  const geometric = heliocentricRadians / DEGREES + 180
  // VSOP87 is on the dynamical ecliptic; Meeus' small correction moves it to the FK5 system.
  const fk5Correction = -0.09033 / 3600
  const aberration = -20.4898 / 3600 / radiusAu
  return normalizeDegrees(geometric + fk5Correction + nutationInLongitude(jde) + aberration)
}

/**
 * JDE (TT) of the true new moon of lunation k (k = 0 is the new moon of 2000-01-06), from
 * Meeus ch. 49: the mean phase plus the periodic terms of the Sun and Moon and the fourteen
 * planetary arguments.
 */
export function newMoonJde(k: number): number {
  const t = k / 1236.85
  const t2 = t * t
  const t3 = t2 * t
  const t4 = t3 * t
  const mean = 2451550.09766 + SYNODIC_MONTH_DAYS * k + 0.00015437 * t2 - 0.00000015 * t3 + 0.00000000073 * t4
  const e = 1 - 0.002516 * t - 0.0000074 * t2
  const sunAnomaly = (2.5534 + 29.1053567 * k - 0.0000014 * t2 - 0.00000011 * t3) * DEGREES
  const moonAnomaly = (201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4) * DEGREES
  const latitudeArgument = (160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4) * DEGREES
  const node = (124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3) * DEGREES
  const m = sunAnomaly
  const mp = moonAnomaly
  const f = latitudeArgument
  const periodic =
    -0.4072 * Math.sin(mp) +
    0.17241 * e * Math.sin(m) +
    0.01608 * Math.sin(2 * mp) +
    0.01039 * Math.sin(2 * f) +
    0.00739 * e * Math.sin(mp - m) -
    0.00514 * e * Math.sin(mp + m) +
    0.00208 * e * e * Math.sin(2 * m) -
    0.00111 * Math.sin(mp - 2 * f) -
    0.00057 * Math.sin(mp + 2 * f) +
    0.00056 * e * Math.sin(2 * mp + m) -
    0.00042 * Math.sin(3 * mp) +
    0.00042 * e * Math.sin(m + 2 * f) +
    0.00038 * e * Math.sin(m - 2 * f) -
    0.00024 * e * Math.sin(2 * mp - m) -
    0.00017 * Math.sin(node) -
    0.00007 * Math.sin(mp + 2 * m) +
    0.00004 * Math.sin(2 * mp - 2 * f) +
    0.00004 * Math.sin(3 * m) +
    0.00003 * Math.sin(mp + m - 2 * f) +
    0.00003 * Math.sin(2 * mp + 2 * f) -
    0.00003 * Math.sin(mp + m + 2 * f) +
    0.00003 * Math.sin(mp - m + 2 * f) -
    0.00002 * Math.sin(mp - m - 2 * f) -
    0.00002 * Math.sin(3 * mp + m) +
    0.00002 * Math.sin(4 * mp)
  const planetary =
    0.000325 * Math.sin((299.77 + 0.107408 * k - 0.009173 * t2) * DEGREES) +
    0.000165 * Math.sin((251.88 + 0.016321 * k) * DEGREES) +
    0.000164 * Math.sin((251.83 + 26.651886 * k) * DEGREES) +
    0.000126 * Math.sin((349.42 + 36.412478 * k) * DEGREES) +
    0.00011 * Math.sin((84.66 + 18.206239 * k) * DEGREES) +
    0.000062 * Math.sin((141.74 + 53.303771 * k) * DEGREES) +
    0.00006 * Math.sin((207.14 + 2.453732 * k) * DEGREES) +
    0.000056 * Math.sin((154.84 + 7.30686 * k) * DEGREES) +
    0.000047 * Math.sin((34.52 + 27.261239 * k) * DEGREES) +
    0.000042 * Math.sin((207.19 + 0.121824 * k) * DEGREES) +
    0.00004 * Math.sin((291.34 + 1.844379 * k) * DEGREES) +
    0.000037 * Math.sin((161.72 + 24.198154 * k) * DEGREES) +
    0.000035 * Math.sin((239.56 + 25.513099 * k) * DEGREES) +
    0.000023 * Math.sin((331.55 + 3.592518 * k) * DEGREES)
  return mean + periodic + planetary
}

/** The lunation number whose mean new moon is nearest to the given Julian day. */
export function nearestLunation(jd: number): number {
  return Math.round((jd - 2451550.09766) / SYNODIC_MONTH_DAYS)
}
