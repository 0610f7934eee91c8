/** Messages of satisfaction and accountability, Vietnamese first. */
import type { Catalogue } from '../../platform/i18n/i18n.ts'

/** The ratings catalogue. */
export const messages: Catalogue = {
  vi: {
    ratings: {
      indicator: {
        total_time: 'Tổng thời gian giải quyết so với quy định',
        time_per_agency: 'Thời gian giải quyết tại từng cơ quan',
        return_visits: 'Số lần phải đi lại',
        agencies_contacted: 'Số cơ quan phải liên hệ',
        desk_service: 'Tiếp nhận và trả kết quả tại Bộ phận một cửa',
        procedure_publication: 'Công khai thủ tục hành chính',
        official_attitude: 'Thái độ của công chức',
        feedback_handling: 'Tiếp nhận, xử lý phản ánh, kiến nghị',
        online_quality: 'Chất lượng dịch vụ công trực tuyến',
      },
      overall: { very_satisfied: 'Rất hài lòng', satisfied: 'Hài lòng', not_satisfied: 'Không hài lòng' },
      band: { good: 'Tốt', fair: 'Đạt', poor: 'Chưa đạt' },
      errors: {
        notFinished: 'Chỉ đánh giá được khi hồ sơ đã trả kết quả, bị từ chối hoặc dừng giải quyết.',
        alreadyEvaluated: 'Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ đánh giá một lần.',
        score: 'Chọn mức điểm 0, 1 hoặc 2.',
        notAsked: 'Tiêu chí này được tính từ hồ sơ, không cần chấm.',
        overall: 'Chọn mức độ hài lòng chung.',
        comment: 'Ý kiến tối đa 2000 ký tự.',
        period: 'Ngày có dạng 2026-05-04, và ngày đầu kỳ không sau ngày cuối kỳ.',
        unit: 'Không có đơn vị với mã này.',
      },
    },
  },
  en: {
    ratings: {
      indicator: {
        total_time: 'Total time against the legal limit',
        time_per_agency: 'Time at each agency',
        return_visits: 'Times the applicant had to come back',
        agencies_contacted: 'Agencies the applicant had to contact',
        desk_service: 'Receiving and returning at the one-stop desk',
        procedure_publication: 'Publication of the procedure',
        official_attitude: "Officials' attitude",
        feedback_handling: 'Handling of feedback and petitions',
        online_quality: 'Quality of the online service',
      },
      overall: { very_satisfied: 'Very satisfied', satisfied: 'Satisfied', not_satisfied: 'Not satisfied' },
      band: { good: 'Good', fair: 'Fair', poor: 'Poor' },
      errors: {
        notFinished: 'A dossier can be evaluated once it is returned, refused or stopped.',
        alreadyEvaluated: 'This dossier has already been evaluated. Each dossier is evaluated once.',
        score: 'Choose a score of 0, 1 or 2.',
        notAsked: 'This indicator is computed from the dossier; it is not scored by hand.',
        overall: 'Choose your overall satisfaction.',
        comment: 'The comment has at most 2000 characters.',
        period: 'Dates look like 2026-05-04, and the period must not end before it starts.',
        unit: 'No unit with this code.',
      },
    },
  },
}
