/**
 * A description of the machine a run measured on, so that figures in BENCHMARKS.md can be read
 * against the hardware and software that produced them.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import os from 'node:os'

/** The machine, the software versions and the code a run measured. */
export interface MachineDescription {
  readonly cpu: string
  readonly cores: number
  readonly memory: string
  readonly os: string
  readonly node: string
  readonly wrk: string
  /** Short commit hash, marked when the working tree had uncommitted changes. */
  readonly commit: string
}

/** Reads a file, or answers null when it cannot be read (not Linux, no permission). */
function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return null
  }
}

/** The CPU model as /proc/cpuinfo names it, or Node's idea of it elsewhere. */
function cpuModel(): string {
  const cpuinfo = readOrNull('/proc/cpuinfo') ?? ''
  const field = (name: string) => new RegExp(`^${name}\\s*:\\s*(.+)$`, 'm').exec(cpuinfo)?.[1]?.trim()
  const model = (field('model name') || field('Model') || os.cpus()[0]?.model || 'unknown').replace(/\s+/g, ' ')
  // Cloud machines often report only "AMD EPYC"; family and model tell the generations apart.
  const family = field('cpu family')
  const generation = family ? ` (family ${family}, model ${field('model') ?? '?'})` : ''
  // A virtual CPU shares its host; worth knowing when figures jump between runs.
  const isVirtual = /^flags\s*:.*\bhypervisor\b/m.test(cpuinfo)
  return `${model}${generation}${isVirtual ? ', virtual machine' : ''}`
}

/** The distribution's name and the kernel, e.g. "Debian GNU/Linux 12 (bookworm), Linux 6.1.0 x64". */
function operatingSystem(): string {
  const release = readOrNull('/etc/os-release')
  const pretty = release && /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(release)?.[1]
  return `${pretty ? `${pretty}, ` : ''}${os.type()} ${os.release()} ${os.arch()}`
}

/** The commit under measurement, e.g. "cda03fd" or "cda03fd + uncommitted changes". */
function currentCommit(cwd: string): string {
  try {
    const hash = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd, encoding: 'utf8' }).trim()
    const isDirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, encoding: 'utf8' }).trim() !== ''
    return isDirty ? `${hash} + uncommitted changes` : hash
  } catch {
    return 'unknown'
  }
}

/** Describes this machine; wrk's version line comes from findWrk(). */
export function describeMachine(wrkVersion: string, repositoryRoot: string): MachineDescription {
  return {
    cpu: cpuModel(),
    // What the processes may actually use (CPU affinity, containers), not what the host has.
    cores: os.availableParallelism(),
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    os: operatingSystem(),
    node: process.version,
    wrk: wrkVersion,
    commit: currentCommit(repositoryRoot),
  }
}
