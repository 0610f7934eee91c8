/**
 * How busy the rest of the machine is: CPU time all processes used (/proc/stat) minus what this
 * process and its waited-for children used, over a short window while the run has no load of its
 * own running. A benchmark sharing two cores with a test suite measures the test suite, and this
 * says so. (During the load itself the split cannot be made reliably: the kernel books loopback
 * traffic partly to our processes and partly to no one.) Linux only; elsewhere unknown (null).
 */
import { readFileSync } from 'node:fs'

/** Cumulative CPU counters at one instant, in clock ticks. */
interface CpuSnapshot {
  readonly machineBusy: number
  readonly machineTotal: number
  /** This process and its exited, waited-for children. */
  readonly own: number
}

/** Reads the counters, or null when /proc is not there. */
function cpuSnapshot(): CpuSnapshot | null {
  try {
    const [, ...fields] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/)
    const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number)
    // Steal (the hypervisor giving our CPU to another machine) is other work too.
    const machineBusy = [user, nice, system, irq, softirq, steal].reduce<number>((sum, n) => sum + (n ?? 0), 0)
    const self = readFileSync('/proc/self/stat', 'utf8')
    // Fields after the command name, which may itself contain spaces and parentheses.
    const after = self.slice(self.lastIndexOf(')') + 2).split(' ').map(Number)
    // utime, stime, cutime, cstime: fields 14 to 17 of proc(5), 11 to 14 after the name.
    const own = [after[11], after[12], after[13], after[14]].reduce<number>((sum, n) => sum + (n ?? 0), 0)
    return { machineBusy, machineTotal: machineBusy + (idle ?? 0) + (iowait ?? 0), own }
  } catch {
    return null
  }
}

/** The share (0–1) of the whole machine's CPU that other processes used between two snapshots. */
function otherCpuShare(before: CpuSnapshot | null, after: CpuSnapshot | null): number | null {
  if (!before || !after || after.machineTotal <= before.machineTotal) return null
  const others = after.machineBusy - before.machineBusy - (after.own - before.own)
  return Math.min(1, Math.max(0, others / (after.machineTotal - before.machineTotal)))
}

/** Watches the machine for a while and answers the share (0–1) of its CPU other processes used. */
export async function measureOtherCpu(milliseconds: number): Promise<number | null> {
  const before = cpuSnapshot()
  await new Promise((resolve) => setTimeout(resolve, milliseconds))
  return otherCpuShare(before, cpuSnapshot())
}
