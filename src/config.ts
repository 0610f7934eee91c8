/**
 * The only reader of process.env: parses the environment once into a frozen, typed Config.
 * A malformed value stops start-up with a message that names the variable.
 */

/** Log levels accepted by LOG_LEVEL (pino's). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

/** Which database engine a DATABASE_URL points at. */
export type DatabaseDialect = 'sqlite' | 'postgresql'

/** The application's settings, read from the environment. */
export interface Config {
  readonly nodeEnv: 'development' | 'production' | 'test'
  readonly databaseUrl: string
  readonly dialect: DatabaseDialect
  /** Path of the SQLite file (or ':memory:'), when dialect is sqlite. */
  readonly sqlitePath: string | null
  readonly host: string
  readonly port: number
  readonly baseUrl: string
  readonly isSecureCookie: boolean
  readonly sessionSecret: string
  readonly smtpUrl: string | null
  readonly smtpFrom: string
  readonly logLevel: (typeof LOG_LEVELS)[number]
  /** Whether the background worker (outbox, scheduled jobs) runs in this process. */
  readonly isWorkerEnabled: boolean
  /** Which proxies to believe about the client's address: none, all, or these addresses/CIDRs. */
  readonly trustProxy: boolean | string
  /** Folder for uploaded files (photos); shared by every app instance. */
  readonly filesDir: string
}

/** Raised when an environment variable holds a value the application cannot use. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`${variable}: ${reason}`)
    this.name = 'ConfigError'
  }
}

// Used only outside production, so a fresh clone runs with no set-up; production refuses it.
const DEVELOPMENT_SESSION_SECRET = 'development-only-secret-change-me-0123456789'

/** Parses DATABASE_URL into its dialect and, for SQLite, the file path. */
export function parseDatabaseUrl(url: string): { dialect: DatabaseDialect; sqlitePath: string | null } {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '')
    if (path.length === 0) throw new ConfigError('DATABASE_URL', 'a sqlite: URL needs a file path, e.g. sqlite:./data/congso.sqlite')
    return { dialect: 'sqlite', sqlitePath: path }
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      new URL(url)
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a valid postgres:// URL')
    }
    return { dialect: 'postgresql', sqlitePath: null }
  }
  throw new ConfigError('DATABASE_URL', 'must start with sqlite: or postgres://')
}

/** Reads the environment (process.env by default) into a frozen Config; throws ConfigError on bad values. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const nodeEnvRaw = env.NODE_ENV ?? 'development'
  if (nodeEnvRaw !== 'development' && nodeEnvRaw !== 'production' && nodeEnvRaw !== 'test') {
    throw new ConfigError('NODE_ENV', 'must be development, production or test')
  }
  const nodeEnv = nodeEnvRaw
  const databaseUrl = env.DATABASE_URL?.trim() || 'sqlite:./data/congso.sqlite'
  const { dialect, sqlitePath } = parseDatabaseUrl(databaseUrl)

  const host = env.HOST?.trim() || '127.0.0.1'
  const portRaw = env.PORT?.trim() || '3000'
  if (!/^\d{1,5}$/.test(portRaw) || Number(portRaw) > 65535) {
    throw new ConfigError('PORT', `must be a port number between 0 and 65535, got "${portRaw}"`)
  }
  const port = Number(portRaw)

  const baseUrlRaw = env.BASE_URL?.trim() || `http://localhost:${port}`
  let baseUrl: URL
  try {
    baseUrl = new URL(baseUrlRaw)
  } catch {
    throw new ConfigError('BASE_URL', `must be an absolute http(s) URL, got "${baseUrlRaw}"`)
  }
  if (baseUrl.protocol !== 'http:' && baseUrl.protocol !== 'https:') {
    throw new ConfigError('BASE_URL', 'must use http or https')
  }

  const sessionSecretRaw = env.SESSION_SECRET?.trim()
  if (nodeEnv === 'production' && !sessionSecretRaw) {
    throw new ConfigError('SESSION_SECRET', 'is required when NODE_ENV=production (32 or more random characters)')
  }
  if (sessionSecretRaw !== undefined && sessionSecretRaw !== '' && sessionSecretRaw.length < 32) {
    throw new ConfigError('SESSION_SECRET', 'must be at least 32 characters long')
  }
  const sessionSecret = sessionSecretRaw || DEVELOPMENT_SESSION_SECRET

  const smtpUrl = env.SMTP_URL?.trim() || null
  if (smtpUrl !== null && !/^smtps?:\/\/[^\s]+$/.test(smtpUrl)) {
    throw new ConfigError('SMTP_URL', 'must look like smtp://user:pass@host:587 or smtps://…')
  }
  const smtpFrom = env.SMTP_FROM?.trim() || 'Công Sở <no-reply@localhost>'

  const logLevelRaw = env.LOG_LEVEL?.trim() || (nodeEnv === 'test' ? 'silent' : 'info')
  if (!(LOG_LEVELS as readonly string[]).includes(logLevelRaw)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`)
  }

  const workerRaw = env.WORKER?.trim() || 'on'
  if (workerRaw !== 'on' && workerRaw !== 'off') throw new ConfigError('WORKER', 'must be on or off')

  const trustProxyRaw = env.TRUST_PROXY?.trim() || 'off'
  let trustProxy: boolean | string
  if (trustProxyRaw === 'off') trustProxy = false
  else if (trustProxyRaw === 'on') trustProxy = true
  else if (/^[0-9a-fA-F:./]+(,\s*[0-9a-fA-F:./]+)*$/.test(trustProxyRaw)) trustProxy = trustProxyRaw
  else throw new ConfigError('TRUST_PROXY', 'must be off, on, or a comma-separated list of proxy addresses')

  const filesDir = env.FILES_DIR?.trim() || './data/files'
  if (filesDir.includes('\0')) throw new ConfigError('FILES_DIR', 'must be a folder path')

  return Object.freeze({
    nodeEnv,
    databaseUrl,
    dialect,
    sqlitePath,
    host,
    port,
    baseUrl: baseUrl.toString().replace(/\/$/, ''),
    isSecureCookie: baseUrl.protocol === 'https:',
    sessionSecret,
    smtpUrl,
    smtpFrom,
    logLevel: logLevelRaw as Config['logLevel'],
    isWorkerEnabled: workerRaw === 'on',
    trustProxy,
    filesDir,
  })
}
