// Solves the proof-of-work captcha of each form on the page in the background, while the person
// fills the form in: finds a nonce such that sha256(salt + nonce) starts with `bits` zero bits
// and puts it in the form's hidden `captchaNonce` field (src/platform/captcha/captcha.ts checks it).
// Without crypto.subtle (old browsers, plain http off localhost) it does nothing, and the question
// in words stays visible: the form works either way. Loaded as an external script: the CSP forbids
// inline ones.
;(function () {
  'use strict'

  var subtle = window.crypto && window.crypto.subtle
  var encoder = typeof TextEncoder === 'function' ? new TextEncoder() : null
  // Hashes per round: enough to amortise the awaits, few enough to keep the page responsive.
  var BATCH = 256

  /** Leading zero bits of a digest. */
  function leadingZeroBits(bytes) {
    var bits = 0
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) {
        bits += 8
        continue
      }
      return bits + Math.clz32(bytes[i]) - 24
    }
    return bits
  }

  /** Finds the first nonce (0, 1, 2, …) whose hash has enough leading zero bits. */
  async function solve(salt, bits) {
    for (var start = 0; start < 4294967296; start += BATCH) {
      var jobs = []
      for (var i = 0; i < BATCH; i++) jobs.push(subtle.digest('SHA-256', encoder.encode(salt + String(start + i))))
      var digests = await Promise.all(jobs)
      for (var j = 0; j < digests.length; j++) {
        if (leadingZeroBits(new Uint8Array(digests[j])) >= bits) return String(start + j)
      }
    }
    throw new Error('no nonce found')
  }

  /** Runs one captcha block: hides the question in words, solves, and holds the form until solved. */
  function start(block) {
    var form = block.closest('form')
    var nonceInput = block.querySelector('input[name="captchaNonce"]')
    var fallback = block.querySelector('[data-captcha-fallback]')
    var status = block.querySelector('[data-captcha-status]')
    var salt = block.getAttribute('data-salt') || ''
    var bits = Number(block.getAttribute('data-bits'))
    if (!form || !nonceInput || !fallback || !status || salt === '' || !(bits >= 0)) return
    // A block is solved once, even when it is found again (a fragment swapped in later).
    if (block.hasAttribute('data-captcha-started')) return
    block.setAttribute('data-captcha-started', '')

    var isSolved = false
    var isWaiting = false
    var say = function (name) {
      status.textContent = block.getAttribute('data-text-' + name) || ''
    }
    fallback.hidden = true
    status.hidden = false
    say('working')

    form.addEventListener('submit', function (event) {
      if (isSolved) return
      // Hold the submission until the nonce is found, then send it.
      event.preventDefault()
      isWaiting = true
      say('waiting')
    })

    solve(salt, bits).then(
      function (nonce) {
        nonceInput.value = nonce
        isSolved = true
        say('done')
        if (isWaiting) {
          if (typeof form.requestSubmit === 'function') form.requestSubmit()
          else form.submit()
        }
      },
      function () {
        // Something failed: show the question in words, which the server accepts as well.
        isSolved = true
        status.hidden = true
        fallback.hidden = false
      },
    )
  }

  function startAll(root) {
    if (!subtle || !encoder) return
    if (root.matches && root.matches('[data-captcha]')) start(root)
    var blocks = root.querySelectorAll('[data-captcha]')
    for (var i = 0; i < blocks.length; i++) start(blocks[i])
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { startAll(document) })
  else startAll(document)
  // A captcha fetched into a cached page (the comment form of an article) arrives through htmx.
  document.addEventListener('htmx:load', function (event) {
    if (event.target && event.target.querySelectorAll) startAll(event.target)
  })
})()
