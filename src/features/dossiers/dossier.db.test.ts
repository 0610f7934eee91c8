import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openDatabase } from '../../db/database.ts'
import { FixedClock } from '../../platform/clock.ts'
import { createI18n, mergeCatalogues } from '../../platform/i18n/i18n.ts'
import { createCalendarService } from '../calendar/index.ts'
import { loadPrincipal } from '../units/index.ts'
import { testDialects } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { createTestProcedures, TEST_DOCUMENTS } from '../../../test/support/desk.ts'
import { createTestStaff, createUnitTree } from '../../../test/support/factories.ts'
import { messages } from './dossier.messages.ts'
import { receiveDossier } from './dossier.service.ts'
import type { DossierDeps } from './dossier.service.ts'

for (const dialect of testDialects) {
  describe(`dossier codes on ${dialect.name}`, () => {
    let database: TestDatabase
    const clock = new FixedClock('2026-03-02T02:00:00Z')
    before(async () => {
      database = await dialect.open()
      await createUnitTree({ db: database.db, clock })
      await createTestProcedures({ db: database.db, clock })
      await createTestStaff({ db: database.db, clock }, 'desk.a', 'WARD-A', ['desk_officer'])
      await createTestStaff({ db: database.db, clock }, 'desk.a2', 'WARD-A', ['desk_officer'])
    })
    after(() => database.close())

    const depsOn = (db: TestDatabase['db']): DossierDeps => ({
      db,
      clock,
      calendar: createCalendarService({ db, clock }),
      i18n: createI18n(mergeCatalogues([messages])),
      baseUrl: 'http://localhost:3000',
    })

    it('never gives two dossiers the same code, with two desks on two app instances at the same instant', async () => {
      // A second connection pool plays the second app instance (on SQLite, the same process serialises).
      const second = dialect.name === 'postgresql' ? openDatabase({ databaseUrl: database.url, dialect: 'postgresql', sqlitePath: null, poolSize: 5 }) : null
      try {
        const first = depsOn(database.db)
        const other = depsOn(second?.db ?? database.db)
        const desk1 = (await loadPrincipal(first, (await database.db.selectFrom('staff').select('id').where('username', '=', 'desk.a').executeTakeFirstOrThrow()).id))!
        const desk2 = (await loadPrincipal(first, (await database.db.selectFrom('staff').select('id').where('username', '=', 'desk.a2').executeTakeFirstOrThrow()).id))!
        const input = {
          procedureCode: '9.000003',
          unitCode: 'WARD-A',
          applicant: { fullName: 'Trần Thị Bình' },
          documents: [TEST_DOCUMENTS.form, TEST_DOCUMENTS.residence],
        }
        const results = await Promise.all(
          Array.from({ length: 30 }, (_, i) => receiveDossier(i % 2 ? other : first, i % 2 ? desk2 : desk1, input)),
        )
        const codes = results.map((d) => d.code!)
        assert.equal(new Set(codes).size, 30)
        const sequences = codes.map((c) => Number(c.slice(-4))).sort((a, b) => a - b)
        assert.deepEqual(sequences, Array.from({ length: 30 }, (_, i) => i + 1))
        assert.ok(codes.every((c) => c.startsWith('000.01.01.H99-260302-')))
      } finally {
        await second?.close()
      }
    })

    it('starts a new sequence each day and per agency', async () => {
      const deps = depsOn(database.db)
      const desk = (await loadPrincipal(deps, (await database.db.selectFrom('staff').select('id').where('username', '=', 'desk.a').executeTakeFirstOrThrow()).id))!
      clock.set('2026-03-03T02:00:00Z')
      const next = await receiveDossier(deps, desk, { procedureCode: '9.000000', unitCode: 'WARD-A', applicant: { fullName: 'Lê Văn Cường' }, documents: [TEST_DOCUMENTS.form, TEST_DOCUMENTS.residence] })
      assert.equal(next.code, '000.01.01.H99-260303-0001')
      // Within the day, received 09:00: due at the end of office hours the same day.
      assert.equal(next.dueAt?.toISOString(), '2026-03-03T10:00:00.000Z')
    })
  })
}
