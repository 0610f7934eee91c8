/**
 * Routes of the survey part of satisfaction: the JSON API and the pages, sharing one captcha and
 * one device cookie (the once-per-device rule must hold whichever way a resident answers).
 */
import { randomBytes } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { App, FeatureDeps } from '../../app.ts'
import { createCaptcha } from '../../platform/captcha/captcha.ts'
import type { RatingDeps } from './rating.service.ts'
import { registerSurveyApi } from './survey.api.ts'
import { registerSurveyPages } from './survey.pages.tsx'
import { DEVICE_ID_PATTERN } from './survey.service.ts'

/** The cookie that tells one device from another for the once-per-device rule. */
export const DEVICE_COOKIE = 'congso_device'

// Long enough to outlast any survey; the cookie holds only a random id.
const DEVICE_COOKIE_MAX_AGE_SECONDS = 2 * 365 * 24 * 3600

/**
 * The survey captcha: 16 bits is about 65,000 hashes, well under a second in a phone's browser,
 * while it runs as the resident reads the first question; a long form gets two hours to fill in.
 */
export const SURVEY_CAPTCHA = Object.freeze({ difficultyBits: 16, ttlMs: 2 * 3_600_000 })

/** Registers the survey routes. */
export function registerSurveyRoutes(app: App, deps: FeatureDeps & RatingDeps): void {
  const captcha = createCaptcha({ secret: deps.config.sessionSecret, difficultyBits: SURVEY_CAPTCHA.difficultyBits, ttlMs: SURVEY_CAPTCHA.ttlMs, db: deps.db })
  /** The device id of this browser, set in a long-lived cookie the first time it is needed. */
  const deviceIdOf = (req: FastifyRequest, reply: FastifyReply): string => {
    const existing = req.cookies[DEVICE_COOKIE]
    if (existing && DEVICE_ID_PATTERN.test(existing)) return existing
    const created = randomBytes(18).toString('base64url')
    reply.setCookie(DEVICE_COOKIE, created, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.config.isSecureCookie, maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS })
    return created
  }
  const surveyDeps = { ...deps, captcha }
  registerSurveyApi(app, surveyDeps, deviceIdOf)
  registerSurveyPages(app, surveyDeps, deviceIdOf)
}
