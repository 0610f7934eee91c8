/**
 * Progress of long work (seeding, verifying the audit log): a cli-progress bar on a terminal, and
 * plain lines otherwise, so logs and CI output stay readable instead of filling with redraws.
 */
import cliProgress from 'cli-progress'

/** A writable stream that may be a terminal. */
export type OutStream = NodeJS.WritableStream & { readonly isTTY?: boolean }

/** Reports how far some work has come; `stop` ends the report (call it on failure too). */
export interface Progress {
  update(done: number, total: number): void
  stop(): void
}

// Ten lines (every 10 %) say enough in a log without drowning it.
const PLAIN_STEPS = 10

/** Starts reporting progress on a stream, as a bar when it is a terminal. */
export function startProgress(stream: OutStream, label: string): Progress {
  return stream.isTTY === true ? barProgress(stream, label) : plainProgress(stream, label)
}

/** A redrawn bar for terminals. */
function barProgress(stream: OutStream, label: string): Progress {
  const bar = new cliProgress.SingleBar(
    { stream, format: `${label} [{bar}] {percentage}% | {value}/{total}`, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  )
  let isStarted = false
  return {
    update(done, total) {
      if (!isStarted) {
        bar.start(total, done)
        isStarted = true
      } else {
        bar.setTotal(total)
        bar.update(done)
      }
    },
    stop() {
      if (isStarted) bar.stop()
      isStarted = false
    },
  }
}

/** One line per tenth of the work, and one at the end. */
function plainProgress(stream: OutStream, label: string): Progress {
  let lastStep = -1
  return {
    update(done, total) {
      const step = total === 0 ? PLAIN_STEPS : Math.floor((done / total) * PLAIN_STEPS)
      if (step === lastStep) return
      lastStep = step
      const percent = total === 0 ? 100 : Math.floor((done / total) * 100)
      stream.write(`${label}: ${done}/${total} (${percent}%)\n`)
    },
    stop() {},
  }
}
