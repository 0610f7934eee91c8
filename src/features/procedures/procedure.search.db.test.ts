/**
 * Procedures in the site search, against a real database: the seeded catalogue is indexed through
 * its use cases, an edit re-indexes, a procedure taken out of use leaves the index and comes back
 * with it, and searchDocuments lists what a rebuild indexes.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { testDialects } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { createUnitTree } from '../../../test/support/factories.ts'
import { FixedClock } from '../../platform/clock.ts'
import { countDocuments, search } from '../../platform/search/search.ts'
import { PROCEDURE_CATALOGUE } from './procedure.catalogue-data.ts'
import { searchDocuments } from './procedure.search.ts'
import { seedDemoProcedures } from './procedure.seed.ts'
import { getProcedure, inputOf, updateProcedure } from './procedure.service.ts'

for (const dialect of testDialects) {
  describe(`procedures in the search on ${dialect.name}`, () => {
    let database: TestDatabase
    const clock = new FixedClock('2026-03-02T02:00:00Z')
    const deps = () => ({ db: database.db, clock })
    before(async () => {
      database = await dialect.open()
      await createUnitTree(deps())
      await seedDemoProcedures(deps())
    })
    after(() => database.close())

    it('indexes every seeded procedure with its page address and its facts', async () => {
      assert.deepEqual(await countDocuments(database.db), { procedure: PROCEDURE_CATALOGUE.length })
      const { results } = await search(database.db, { q: 'khai sinh', type: 'procedure', pageSize: 50 })
      const birth = results.find((r) => r.key === '1.001193')
      assert.ok(birth)
      assert.equal(birth.url, '/thu-tuc/1.001193')
      assert.equal(birth.title, 'Thủ tục đăng ký khai sinh')
      assert.equal(birth.publishedAt, null)
      // Its documents and result are searchable too, and the code by its digits.
      assert.equal((await search(database.db, { q: 'giay chung sinh', type: 'procedure' })).results[0]?.key, '1.001193')
      assert.ok((await search(database.db, { q: '1.001193' })).results.some((r) => r.key === '1.001193'))
    })

    it('re-indexes an edited procedure, drops one taken out of use and takes it back when it returns', async () => {
      const before = await getProcedure(deps(), '1.001193')
      await updateProcedure(deps(), 'system', '1.001193', { ...inputOf(before), name: 'Thủ tục đăng ký khai sinh lưu động' })
      assert.deepEqual((await search(database.db, { q: 'luu dong' })).results.map((r) => r.key), ['1.001193'])

      await updateProcedure(deps(), 'system', '1.001193', { ...inputOf(before), isActive: false })
      assert.equal((await search(database.db, { q: 'luu dong' })).total, 0)
      assert.ok(!(await search(database.db, { q: 'khai sinh', pageSize: 50 })).results.some((r) => r.key === '1.001193'))
      assert.equal((await searchDocuments(database.db)).length, PROCEDURE_CATALOGUE.length - 1)

      await updateProcedure(deps(), 'system', '1.001193', inputOf(before))
      assert.ok((await search(database.db, { q: 'khai sinh', pageSize: 50 })).results.some((r) => r.key === '1.001193'))
      assert.deepEqual(await countDocuments(database.db), { procedure: PROCEDURE_CATALOGUE.length })
    })

    it('lists, for a rebuild, the procedures in use as the index holds them', async () => {
      const documents = await searchDocuments(database.db)
      assert.equal(documents.length, PROCEDURE_CATALOGUE.length)
      const birth = documents.find((d) => d.key === '1.001193')!
      assert.deepEqual({ type: birth.type, url: birth.url, title: birth.title }, { type: 'procedure', url: '/thu-tuc/1.001193', title: 'Thủ tục đăng ký khai sinh' })
      assert.match(birth.body, /^Lĩnh vực: Hộ tịch\. Mã thủ tục: 1\.001193\. Thời hạn giải quyết: Trong ngày\./)
      assert.match(birth.body, /Thành phần hồ sơ: Tờ khai đăng ký khai sinh theo mẫu; Giấy chứng sinh;/)
    })
  })
}
