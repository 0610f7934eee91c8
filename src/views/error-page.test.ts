/** The error page renders in every state a failed request can be in, and never shows internals. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { AppError, ForbiddenError } from '../platform/http/errors.ts'
import { createI18n } from '../platform/i18n/i18n.ts'
import { renderErrorPage } from './error-page.tsx'
import { baseMessages } from './messages.ts'

/** A request as it looks when an early hook failed: no translator, no principal, no locale. */
function bareRequest(url = '/somewhere', method = 'GET'): FastifyRequest {
  return { url, method, headers: {} } as unknown as FastifyRequest
}

const bareReply = {} as FastifyReply

describe('error page', () => {
  it('renders in Vietnamese when the request never reached the i18n hook', () => {
    const html = renderErrorPage(bareRequest(), bareReply, 500, null)
    assert.match(html, /^<!doctype html><html lang="vi">/)
    assert.match(html, /Xin lỗi, hệ thống đang gặp sự cố/)
    assert.match(html, /Mã lỗi 500/)
  })

  it('never shows the message of a 5xx, which may describe internals', () => {
    const html = renderErrorPage(bareRequest(), bareReply, 500, new AppError(500, 'boom', 'db password wrong at pg.connect'))
    assert.doesNotMatch(html, /db password|pg\.connect/)
  })

  it('offers to sign in on a 401, coming back to the page', () => {
    const html = renderErrorPage(bareRequest('/admin/staff'), bareReply, 401, null)
    assert.match(html, /href="\/sign-in\?next=%2Fadmin%2Fstaff"/)
  })

  it('speaks English when the request chose it', () => {
    const i18n = createI18n(baseMessages)
    const req = { ...bareRequest(), locale: 'en', t: i18n.translator('en'), principal: null } as unknown as FastifyRequest
    const html = renderErrorPage(req, bareReply, 403, new ForbiddenError())
    assert.match(html, /<html lang="en">/)
    assert.match(html, /You do not have access/)
    assert.match(html, /You do not have permission to do this\./)
  })

  it('falls back to a static page instead of throwing when rendering itself fails', () => {
    const req = { url: '/x', method: 'GET', headers: {}, locale: 'vi', t: () => { throw new Error('broken translator') } } as unknown as FastifyRequest
    const html = renderErrorPage(req, bareReply, 404, null)
    assert.match(html, /Đã có lỗi xảy ra/)
  })
})
