import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { testDialects } from '../../test/support/databases.ts'
import { migrateDown, migrateUp, migrationStatus } from './migrate.ts'
import { migrations } from './migrations/index.ts'

for (const dialect of testDialects) {
  describe(`migrations on ${dialect.name}`, () => {
    it('go all the way up, all the way down, and up again', async () => {
      const database = await dialect.open({ migrate: false })
      try {
        const names = Object.keys(migrations)
        assert.deepEqual(names, [...names].sort(), 'migration names sort in the order they run')
        assert.deepEqual(await migrateUp(database.db), names)
        assert.ok((await migrationStatus(database.db)).every((m) => m.isApplied))
        for (let i = names.length - 1; i >= 0; i--) assert.deepEqual(await migrateDown(database.db), [names[i]])
        assert.ok((await migrationStatus(database.db)).every((m) => !m.isApplied))
        assert.deepEqual(await migrateUp(database.db), names)
        assert.deepEqual(await migrateUp(database.db), [])
      } finally {
        await database.close()
      }
    })
  })
}
