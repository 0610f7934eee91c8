/** Factories for the one-stop desk: a test procedure with a known document list. */
import type { Db } from '../../src/db/database.ts'
import type { Clock } from '../../src/platform/clock.ts'
import { createProcedure } from '../../src/features/procedures/procedure.service.ts'

/** The documents of the test procedure: two required, one optional. */
export const TEST_DOCUMENTS = { form: 'Tờ khai theo mẫu', residence: 'Giấy tờ chứng minh nơi cư trú', idCopy: 'Bản sao căn cước' } as const

/** Creates procedure 9.000003 (3 working days) and 9.000000 (within the day) with TEST_DOCUMENTS. */
export async function createTestProcedures(deps: { db: Db; clock: Clock }): Promise<void> {
  const common = {
    field: 'Thử nghiệm',
    level: 'commune',
    feeVnd: 0,
    resultName: 'Giấy xác nhận',
    legalBasis: ['Văn bản thử nghiệm'],
    documents: [
      { name: TEST_DOCUMENTS.form, copies: 1, form: 'original', isRequired: true },
      { name: TEST_DOCUMENTS.residence, copies: 1, form: 'copy', isRequired: true },
      { name: TEST_DOCUMENTS.idCopy, copies: 1, form: 'copy', isRequired: false, note: 'Khi nộp thay' },
    ],
    steps: [
      { name: 'Tiếp nhận', role: 'desk_officer', sharePercent: 10 },
      { name: 'Thẩm định', role: 'specialist', sharePercent: 60 },
      { name: 'Ký duyệt', role: 'leader', sharePercent: 20 },
      { name: 'Trả kết quả', role: 'desk_officer', sharePercent: 10 },
    ],
  }
  await createProcedure(deps, 'system', { ...common, code: '9.000003', name: 'Thủ tục thử nghiệm ba ngày', timeLimit: { kind: 'days', days: 3 } })
  await createProcedure(deps, 'system', { ...common, code: '9.000000', name: 'Thủ tục thử nghiệm trong ngày', timeLimit: { kind: 'sameDay' } })
}
