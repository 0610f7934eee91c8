/*
 * The desk kiosk's tablet script (see src/features/ratings/views/kiosk-screen.tsx).
 *
 * On the kiosk page it:
 *  - takes the kiosk's key from the set-up address (?key=…) into localStorage and removes it from
 *    the address, so it is not left in the history or on the screen;
 *  - turns each choice into a rating with an id made here (a UUID) and the tablet's time, put in a
 *    queue in localStorage before anything is sent, so a rating made while the network is down,
 *    or just before the tablet restarts, is not lost;
 *  - sends the queue in batches (at once, when the network comes back, and every few seconds) and
 *    removes from it only the ids the server answers as stored or refused for good, so a batch
 *    lost on the way is sent again and stored once;
 *  - shows the thank-you screen, which goes back to the choices by itself, and keeps the buttons
 *    off for the kiosk's interval between two ratings.
 *
 * Served again at /kiosk-sw.js, the same file is the kiosk's service worker: it keeps a copy of
 * the kiosk page and its assets, so a tablet that restarts without network still opens the page.
 * No inline script anywhere: the CSP forbids it.
 */
'use strict'

if (typeof window === 'undefined') {
  kioskWorker(self)
} else {
  kioskPage()
}

/** The page's behaviour. */
function kioskPage() {
  var body = document.body
  var form = document.getElementById('kiosk-form')
  var code = body.getAttribute('data-kiosk-code')
  if (!code || !form) {
    // A paused kiosk: nothing to rate, but its address must still be removed of its key.
    removeKeyFromAddress(code, null)
    return
  }

  var STORE = 'congso.kiosk.' + code + '.'
  var BATCH = 100
  var SEND_EVERY_MS = 15000
  var api = body.getAttribute('data-api')
  var minThanksMs = Number(body.getAttribute('data-min-thanks-ms')) || 4000
  var minIntervalMs = Number(body.getAttribute('data-min-interval-ms')) || 5000
  var ask = document.getElementById('kiosk-ask')
  var thanks = document.getElementById('kiosk-thanks')
  var wait = document.getElementById('kiosk-wait')
  var status = document.getElementById('kiosk-status')
  var noKey = document.getElementById('kiosk-no-key')
  var problem = document.getElementById('kiosk-problem')
  var buttons = Array.prototype.slice.call(form.querySelectorAll('button[name="rating"]'))
  var REFRESH_EVERY_MS = 60000
  var isSending = false
  var resetTimer = null
  var enableTimer = null
  var lastAnswerAt = 0
  var lastTapped = null

  // localStorage may be unavailable (private mode, full): keep the queue in memory then, and say nothing.
  var memory = {}
  function load(name) {
    try {
      return window.localStorage.getItem(STORE + name)
    } catch {
      return Object.prototype.hasOwnProperty.call(memory, name) ? memory[name] : null
    }
  }
  function save(name, value) {
    memory[name] = value
    try {
      window.localStorage.setItem(STORE + name, value)
    } catch {
      // Kept in memory above.
    }
  }

  removeKeyFromAddress(code, function (key) {
    save('key', key)
  })
  var keyInput = document.getElementById('kiosk-key')
  if (keyInput && !keyInput.value && load('key')) keyInput.value = load('key')
  if (noKey) noKey.hidden = Boolean(load('key'))

  function readQueue() {
    try {
      var queue = JSON.parse(load('queue') || '[]')
      return Array.isArray(queue) ? queue : []
    } catch {
      return []
    }
  }
  function writeQueue(queue) {
    save('queue', JSON.stringify(queue))
  }

  /** A v4 UUID; crypto.randomUUID needs a secure context, which a tablet on the office network may not have. */
  function newId() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') return window.crypto.randomUUID()
    var bytes = new Uint8Array(16)
    window.crypto.getRandomValues(bytes)
    bytes[6] = (bytes[6] & 0x0f) | 0x40
    bytes[8] = (bytes[8] & 0x3f) | 0x80
    var hex = Array.prototype.map.call(bytes, function (b) {
      return (b + 0x100).toString(16).slice(1)
    }).join('')
    return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20)
  }

  function thanksMs() {
    return Math.max(minIntervalMs, minThanksMs)
  }

  /** Milliseconds until the next rating is allowed (0 when it is now). */
  function waitLeftMs() {
    var last = Number(load('lastRatedAt')) || 0
    var left = last + minIntervalMs - Date.now()
    // A clock put back by hand must not lock the buttons for long.
    return left > 0 && left <= minIntervalMs ? left : 0
  }

  function setButtonsEnabled(isEnabled) {
    buttons.forEach(function (button) {
      button.disabled = !isEnabled
    })
    if (wait) wait.hidden = isEnabled
  }

  /** Turns the buttons back on once the interval since the last rating has passed. */
  function enableWhenAllowed() {
    clearTimeout(enableTimer)
    var left = waitLeftMs()
    setButtonsEnabled(left === 0)
    if (left > 0) enableTimer = setTimeout(enableWhenAllowed, left + 50)
  }

  function showAsk() {
    clearTimeout(resetTimer)
    thanks.hidden = true
    ask.hidden = false
    enableWhenAllowed()
  }

  function showThanks() {
    ask.hidden = true
    thanks.hidden = false
    thanks.focus()
    clearTimeout(resetTimer)
    resetTimer = setTimeout(showAsk, thanksMs())
  }

  /** Marks whether a batch is on its way (the status line carries it, for staff and for tests). */
  function setSending(value) {
    isSending = value
    status.setAttribute('data-sending', value ? 'true' : 'false')
  }

  function updateStatus() {
    var count = readQueue().length
    status.setAttribute('data-queue-count', String(count))
    if (count > 0) status.textContent = (body.getAttribute('data-text-queued') || '').replace('{{count}}', String(count))
    else status.textContent = navigator.onLine === false ? body.getAttribute('data-text-offline') || '' : ''
  }

  function showProblem(text) {
    if (!problem) return
    problem.textContent = text || ''
    problem.hidden = !text
  }

  /** Shows what the server says the kiosk is now: the official serving may have changed. */
  function applyScreen(kiosk) {
    if (!kiosk) return
    var official = kiosk.official
    var name = document.getElementById('kiosk-official-name')
    var title = document.getElementById('kiosk-official-title')
    var avatar = document.getElementById('kiosk-avatar')
    if (name) name.textContent = official ? official.fullName : body.getAttribute('data-text-no-official') || ''
    if (title) {
      title.textContent = (official && official.title) || ''
      title.hidden = !(official && official.title)
    }
    if (avatar) avatar.textContent = official ? official.initials : ''
    if (typeof kiosk.minIntervalSeconds === 'number' && kiosk.minIntervalSeconds > 0) minIntervalMs = kiosk.minIntervalSeconds * 1000
  }

  /**
   * Sends the queue, a batch at a time, until it is empty or the server cannot take more now. With
   * nothing to send it still asks once a minute, so the screen learns of a new official serving.
   */
  function send() {
    var key = load('key')
    if (isSending || !key || !api) return updateStatus()
    var batch = readQueue().slice(0, BATCH)
    if (batch.length === 0 && Date.now() - lastAnswerAt < REFRESH_EVERY_MS) return updateStatus()
    setSending(true)
    var payload = { kioskCode: code, key: key, sentAt: new Date().toISOString(), ratings: batch }
    window
      .fetch(api, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(payload),
        credentials: 'omit',
        cache: 'no-store',
      })
      .then(function (response) {
        return response.json().then(
          function (answer) {
            return { status: response.status, answer: answer }
          },
          function () {
            return { status: response.status, answer: null }
          },
        )
      })
      .then(function (result) {
        setSending(false)
        var answer = result.answer || {}
        if (result.status === 401 || result.status === 403 || result.status === 404) {
          // The key is wrong or gone: keep every rating until a manager opens the set-up link again.
          showProblem(body.getAttribute('data-text-bad-key'))
          return updateStatus()
        }
        if (result.status === 409) {
          showProblem(answer.message)
          return updateStatus()
        }
        if (result.status !== 200 || !Array.isArray(answer.stored) || !Array.isArray(answer.rejected)) return updateStatus()
        showProblem('')
        lastAnswerAt = Date.now()
        var done = {}
        answer.stored.forEach(function (id) {
          done[id] = true
        })
        answer.rejected.forEach(function (r) {
          done[r.clientId] = true
        })
        // Read the queue again: ratings made while the batch was on its way stay in it.
        var before = readQueue()
        var after = before.filter(function (item) {
          return !done[item.clientId]
        })
        writeQueue(after)
        applyScreen(answer.kiosk)
        updateStatus()
        if (after.length > 0 && after.length < before.length) send()
      })
      .catch(function () {
        // Offline, or the server is down: the queue waits for the next try.
        setSending(false)
        updateStatus()
      })
  }

  // Older tablet browsers do not say which button submitted the form: remember the last one tapped.
  buttons.forEach(function (button) {
    button.addEventListener('click', function () {
      lastTapped = button
    })
  })

  form.addEventListener('submit', function (event) {
    event.preventDefault()
    var button = event.submitter || lastTapped
    var rating = button && button.value
    if (!rating) return
    if (waitLeftMs() > 0) return enableWhenAllowed()
    var now = new Date()
    var queue = readQueue()
    queue.push({ clientId: newId(), rating: rating, ratedAt: now.toISOString() })
    writeQueue(queue)
    save('lastRatedAt', String(now.getTime()))
    setButtonsEnabled(false)
    showThanks()
    updateStatus()
    send()
  })

  window.addEventListener('online', send)
  window.addEventListener('offline', updateStatus)
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible') send()
  })
  setInterval(send, SEND_EVERY_MS)

  // The no-JavaScript thank-you page goes back by itself; here the script does it.
  var refresh = document.querySelector('meta[http-equiv="refresh"]')
  if (refresh && refresh.parentNode) refresh.parentNode.removeChild(refresh)
  if (thanks.hidden) enableWhenAllowed()
  else resetTimer = setTimeout(showAsk, thanksMs())
  updateStatus()
  send()
  keepForOffline()

  /** Registers the service worker and has it keep this page and its assets for a restart without network. */
  function keepForOffline() {
    var worker = body.getAttribute('data-worker')
    if (!worker || !('serviceWorker' in navigator)) return
    navigator.serviceWorker
      .register(worker, { scope: '/kiosk/' })
      .then(function () {
        return navigator.serviceWorker.ready
      })
      .then(function (registration) {
        var assets = Array.prototype.map.call(document.querySelectorAll('link[rel="stylesheet"], link[rel="icon"], script[src]'), function (el) {
          return el.getAttribute('href') || el.getAttribute('src')
        })
        if (registration.active) registration.active.postMessage({ type: 'keep', urls: [window.location.pathname].concat(assets) })
      })
      .catch(function () {
        // Without a worker the kiosk still works; it only cannot reopen without network.
      })
  }
}

/** Removes ?key= from the address (history.replaceState), handing it to `keep` first. */
function removeKeyFromAddress(code, keep) {
  var url = new URL(window.location.href)
  var key = url.searchParams.get('key')
  if (!key) return
  if (keep) keep(key)
  url.searchParams.delete('key')
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash)
}

/** The service worker: network first, and the last copy of the kiosk page and its assets when offline. */
function kioskWorker(scope) {
  var CACHE = 'congso-kiosk-v1'
  var NETWORK_WAIT_MS = 5000

  /** The cache key of an address: without its query, so the key never becomes part of a cache entry's name. */
  function cacheKey(url) {
    return url.origin + url.pathname
  }

  function isKept(url) {
    return url.origin === scope.location.origin && (url.pathname.indexOf('/kiosk/') === 0 || url.pathname.indexOf('/assets/') === 0)
  }

  scope.addEventListener('install', function () {
    scope.skipWaiting()
  })

  scope.addEventListener('activate', function (event) {
    event.waitUntil(scope.clients.claim())
  })

  scope.addEventListener('message', function (event) {
    var data = event.data || {}
    if (data.type !== 'keep' || !Array.isArray(data.urls)) return
    event.waitUntil(
      caches.open(CACHE).then(function (cache) {
        return Promise.all(
          data.urls.map(function (address) {
            var url = new URL(address, scope.location.origin)
            if (!isKept(url) || url.searchParams.has('key')) return undefined
            return fetch(url.href, { credentials: 'same-origin', cache: 'no-store' })
              .then(function (response) {
                return response.ok ? cache.put(cacheKey(url), response) : undefined
              })
              .catch(function () {
                return undefined
              })
          }),
        )
      }),
    )
  })

  scope.addEventListener('fetch', function (event) {
    var request = event.request
    var url = new URL(request.url)
    // Ratings and every other API call go straight to the network; the page's own queue handles failures.
    if (request.method !== 'GET' || !isKept(url)) return
    event.respondWith(networkFirst(request, url))
  })

  function networkFirst(request, url) {
    var network = fetch(request)
    var timeout = new Promise(function (resolve, reject) {
      setTimeout(function () {
        reject(new Error('slow network'))
      }, NETWORK_WAIT_MS)
    })
    return Promise.race([network, timeout]).then(
      function (response) {
        // A server that is down behind its proxy answers 502/503: the tablet is better served by its copy.
        if (response.status >= 500 && request.mode === 'navigate') {
          return caches.match(cacheKey(url)).then(function (cached) {
            return cached || response
          })
        }
        // A page opened with its key in the address is not kept: the key lives in the tablet's storage only.
        if (response.ok && !url.searchParams.has('key')) {
          var copy = response.clone()
          caches.open(CACHE).then(function (cache) {
            return cache.put(cacheKey(url), copy)
          })
        }
        return response
      },
      function () {
        return caches.match(cacheKey(url)).then(function (cached) {
          return cached || network
        })
      },
    )
  }
}
