/**
 * Runs one micro-benchmark in a process of its own, so that it starts on a fresh heap, does not
 * share the harness's event loop, and can be killed when it overruns. Argument: the scenario name.
 */
import { sendToHarness } from './child.ts'
import { isMicroScenario } from './scenario.ts'
import { scenarios } from './scenarios.ts'

try {
  const name = process.argv[2]
  const scenario = scenarios.find((s) => s.name === name)
  if (!scenario || !isMicroScenario(scenario)) throw new Error(`no micro-benchmark named "${name}"`)
  const { ops, seconds } = await scenario.run()
  if (!(ops > 0) || !(seconds > 0)) throw new Error(`"${name}" reported ${ops} operations in ${seconds} s; both must be positive`)
  await sendToHarness({ type: 'result', ops, seconds })
} catch (error) {
  await sendToHarness({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) })
  process.exitCode = 1
}
// An open IPC channel keeps a process alive; the message has left, so let this one end.
process.disconnect?.()
