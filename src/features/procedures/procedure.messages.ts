/** Messages of the procedure catalogue, Vietnamese first. */
import type { Catalogue } from '../../platform/i18n/i18n.ts'

/** The procedures catalogue of messages. */
export const messages: Catalogue = {
  vi: {
    procedures: {
      errors: {
        notFound: 'Không tìm thấy thủ tục hành chính này.',
        code: 'Mã thủ tục theo Cơ sở dữ liệu quốc gia có dạng 1.001193.',
        codeTaken: 'Đã có thủ tục với mã này.',
        codeChange: 'Không được đổi mã của thủ tục đã có.',
        name: 'Tên thủ tục cần từ 3 đến 500 ký tự.',
        field: 'Nhập lĩnh vực (ví dụ: Hộ tịch).',
        level: 'Chọn cấp thực hiện.',
        timeLimit: 'Thời hạn giải quyết: số ngày làm việc (1–365), số giờ làm việc (1–2000) hoặc trong ngày.',
        fee: 'Phí, lệ phí là số tiền (đồng) không âm.',
        resultName: 'Nhập tên kết quả trả cho người dân.',
        documents: 'Thủ tục cần ít nhất một thành phần hồ sơ.',
        duplicateDocument: 'Có hai thành phần hồ sơ trùng tên.',
        document: 'Thành phần hồ sơ cần tên, số bản (0–20) và hình thức hợp lệ.',
        steps: 'Thủ tục cần ít nhất một bước xử lý.',
        step: 'Bước xử lý cần tên, vai trò và tỷ lệ thời gian hợp lệ.',
        shares: 'Tỷ lệ thời gian của các bước phải cộng lại đúng 100%.',
      },
    },
  },
  en: {
    procedures: {
      errors: {
        notFound: 'No such administrative procedure.',
        code: 'National procedure codes look like 1.001193.',
        codeTaken: 'A procedure with this code already exists.',
        codeChange: 'The code of an existing procedure cannot change.',
        name: 'The name needs 3 to 500 characters.',
        field: 'Enter the field (e.g. Civil status).',
        level: 'Choose the level of government.',
        timeLimit: 'Time limit: working days (1–365), working hours (1–2000) or within the day.',
        fee: 'The fee is a non-negative amount in VND.',
        resultName: 'Enter what the resident receives.',
        documents: 'A procedure needs at least one document.',
        duplicateDocument: 'Two documents have the same name.',
        document: 'A document needs a name, a number of copies (0–20) and a valid form.',
        steps: 'A procedure needs at least one processing step.',
        step: 'A step needs a name, a role and a valid share of the time limit.',
        shares: 'The shares of the steps must add up to exactly 100%.',
      },
    },
  },
}
