/** `congso search reindex`: rebuilds the site search index from the features' own records. */
import type { Command } from 'commander'
import type { Db } from '../db/database.ts'
import type { SearchDocument } from '../platform/search/search.ts'
import { UsageError } from './context.ts'
import type { Cli } from './context.ts'

/** A kind of searchable thing and where its documents come from. */
interface SearchSource {
  readonly type: string
  documents(db: Db): Promise<SearchDocument[]>
}

/** Every feature that puts things in the search, loaded when the command runs. */
async function searchSources(): Promise<SearchSource[]> {
  const [news, procedures, feedback] = await Promise.all([import('../features/news/index.ts'), import('../features/procedures/index.ts'), import('../features/feedback/index.ts')])
  return [
    { type: news.NEWS_SEARCH_TYPE, documents: news.searchDocuments },
    { type: procedures.PROCEDURE_SEARCH_TYPE, documents: procedures.searchDocuments },
    { type: feedback.FEEDBACK_SEARCH_TYPE, documents: feedback.searchDocuments },
  ]
}

/** Adds `search` and its subcommands to the program. */
export function register(program: Command, cli: Cli): void {
  const search = program.command('search').description('the site search index')

  search
    .command('reindex')
    .description('rebuild the search index of news, procedures and answered public feedback from their records, one transaction per type')
    .option('--type <type>', 'rebuild only this type: news, procedure or feedback')
    .addHelpText('after', '\nSearches keep answering while it runs: each type is replaced in one transaction.')
    .action((options: { type?: string }) =>
      cli.withDatabase(async ({ db }) => {
        const { replaceDocuments } = await import('../platform/search/search.ts')
        const sources = await searchSources()
        const chosen = options.type === undefined ? sources : sources.filter((s) => s.type === options.type)
        if (chosen.length === 0) throw new UsageError(`--type: expected one of ${sources.map((s) => s.type).join(', ')}, got "${options.type}"`)
        for (const source of chosen) {
          const documents = await source.documents(db)
          const progress = cli.progress(`Indexing ${source.type}`)
          try {
            await db.transaction().execute((trx) => replaceDocuments(trx, source.type, documents, (done, total) => progress.update(done, total)))
          } finally {
            progress.stop()
          }
          cli.out(`${source.type}: ${documents.length} document(s) indexed.`)
        }
      }),
    )
}
