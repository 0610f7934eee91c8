/**
 * Child processes of the harness: the bare server, the app, and each micro-benchmark run in their
 * own process, so that each has its own event loop and heap and can be killed when it overruns.
 */
import { fork } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import type { Server } from 'node:http'
import { fileURLToPath } from 'node:url'

/** What a child tells the harness over IPC: it is listening, it measured, or it failed. */
export type ChildMessage =
  | { readonly type: 'ready'; readonly url: string }
  | { readonly type: 'result'; readonly ops: number; readonly seconds: number }
  | { readonly type: 'error'; readonly message: string }

/** Sends a message to the harness (from inside a child); resolves once it has left. */
export function sendToHarness(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve()
    process.send(message, undefined, undefined, () => resolve())
  })
}

/**
 * Serves a plain node:http server from inside a child: listens on the loopback interface, tells the
 * harness its address, and closes (then runs onClose) when the harness stops it.
 */
export function serveToHarness(server: Server, onClose: () => void = () => {}): void {
  // Port 0: the kernel picks a free port, so there is no race between choosing and binding it.
  server.listen(0, '127.0.0.1', () => {
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    void sendToHarness({ type: 'ready', url: `http://127.0.0.1:${port}` })
  })
  process.on('SIGTERM', () => {
    server.close(() => {
      onClose()
      process.exit(0)
    })
    server.closeAllConnections()
  })
}

/** A forked child and the first message it sent. */
export interface RunningChild {
  readonly message: ChildMessage
  /** The last lines the child wrote to stdout and stderr, for error reports. */
  output(): string
  /** Asks the child to stop (SIGTERM), and kills it if it has not exited within a few seconds. */
  stop(): Promise<void>
}

/** Options for forkChild. */
export interface ForkOptions {
  /** Shown in error messages: "the app", "the bare server", … */
  readonly label: string
  readonly args?: readonly string[]
  readonly env?: NodeJS.ProcessEnv
  /** How long the child may take to send its first message before it is killed. */
  readonly timeoutMs: number
  /** When set, the child's stderr is also shown on ours, each line after this prefix (seeding progress). */
  readonly stderrPrefix?: string
}

/** The repository's root, where children run so that `--import tsx` resolves. */
export const REPOSITORY_ROOT = fileURLToPath(new URL('..', import.meta.url))

// Enough to show a stack trace or the last log lines, without holding a chatty child's whole log.
const OUTPUT_LIMIT_CHARS = 16_000
const STOP_GRACE_MS = 5_000

/** Waits until the process has exited, or the time is up; answers whether it exited. */
function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve(true)
    })
  })
}

/** Forks a TypeScript entry of bench/ and resolves with its first IPC message; fails on 'error'. */
export function forkChild(entry: string, options: ForkOptions): Promise<RunningChild> {
  const child = fork(fileURLToPath(new URL(entry, import.meta.url)), [...(options.args ?? [])], {
    cwd: REPOSITORY_ROOT,
    env: options.env ?? process.env,
    // BENCH_CPU_PROFILE=<folder> writes a V8 CPU profile of each child, to see where the time goes.
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [])],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT_CHARS)
  }
  // Reading both pipes also keeps a chatty child from blocking on a full pipe.
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  if (options.stderrPrefix !== undefined) {
    const prefix = options.stderrPrefix
    child.stderr?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) process.stderr.write(`${prefix}${line}\n`)
    })
  }

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    if (!(await waitForExit(child, STOP_GRACE_MS))) {
      child.kill('SIGKILL')
      await waitForExit(child, STOP_GRACE_MS)
    }
  }

  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      cleanUp()
      void stop().then(() => {
        const tail = output.trim()
        reject(new Error(`${options.label}: ${reason}${tail ? `\n--- its last output ---\n${tail}` : ''}`))
      })
    }
    const onMessage = (message: ChildMessage) => {
      if (message.type === 'error') return fail(message.message)
      cleanUp()
      resolve({ message, output: () => output, stop })
    }
    const onExit = (code: number | null, signal: string | null) => fail(`exited (${signal ?? `code ${code}`}) before reporting`)
    const onError = (error: Error) => fail(error.message)
    const timer = setTimeout(() => fail(`sent nothing within ${Math.round(options.timeoutMs / 1000)} s`), options.timeoutMs)
    function cleanUp() {
      clearTimeout(timer)
      child.off('message', onMessage)
      child.off('exit', onExit)
      child.off('error', onError)
    }
    child.on('message', onMessage)
    child.on('exit', onExit)
    child.on('error', onError)
  })
}
