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
      rule: {
        notSatisfied: 'Tỷ lệ người dân không hài lòng cao',
        lateDossiers: 'Nhiều hồ sơ trễ hẹn',
        upheldLetters: 'Thư góp ý về thái độ, tác phong được xác minh là đúng',
      },
      caseStatus: { open: 'Chờ xử lý', action_recorded: 'Đã xử lý, chờ theo dõi', closed: 'Đã đóng' },
      caseAction: { reminder: 'Nhắc nhở', correction: 'Chấn chỉnh', no_action: 'Không xử lý (có lý do)' },
      notify: {
        caseOpened: {
          subject: 'Cần xem xét chấn chỉnh, nhắc nhở công chức (kỳ {{month}})',
          body: 'Hệ thống ghi nhận: {{rule}} trong kỳ {{month}}. Đề nghị đồng chí xem bằng chứng và ghi nhận biện pháp xử lý: {{url}}',
        },
      },
      errors: {
        notFinished: 'Chỉ đánh giá được khi hồ sơ đã trả kết quả, bị từ chối hoặc dừng giải quyết.',
        alreadyEvaluated: 'Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ đánh giá một lần.',
        score: 'Chọn mức điểm 0, 1 hoặc 2.',
        notAsked: 'Tiêu chí này được tính từ hồ sơ, không cần chấm.',
        overall: 'Chọn mức độ hài lòng chung.',
        comment: 'Ý kiến tối đa 2000 ký tự.',
        period: 'Ngày có dạng 2026-05-04, và ngày đầu kỳ không sau ngày cuối kỳ.',
        unit: 'Không có đơn vị với mã này.',
        caseNotFound: 'Không tìm thấy vụ việc.',
        caseClosed: 'Vụ việc đã đóng.',
        caseAction: 'Chọn biện pháp: nhắc nhở, chấn chỉnh hoặc không xử lý.',
        caseNote: 'Khi không xử lý, nêu lý do (5–2000 ký tự).',
        followUp: 'Chọn ngày theo dõi, từ hôm nay trở đi.',
        ruleCount: 'Nhập số nguyên từ 1 trở lên.',
        ruleShare: 'Nhập tỷ lệ lớn hơn 0 và không quá 1 (ví dụ 0,3 là 30%).',
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
      rule: {
        notSatisfied: 'A high share of residents not satisfied',
        lateDossiers: 'Many dossiers returned late',
        upheldLetters: "Feedback letters about the official's conduct found to be justified",
      },
      caseStatus: { open: 'Waiting for the leader', action_recorded: 'Action recorded, follow-up pending', closed: 'Closed' },
      caseAction: { reminder: 'Reminder', correction: 'Correction', no_action: 'No action (with a reason)' },
      notify: {
        caseOpened: {
          subject: 'An official needs a reminder or correction ({{month}})',
          body: 'Found: {{rule}} in {{month}}. Please review the evidence and record what was done: {{url}}',
        },
      },
      errors: {
        notFinished: 'A dossier can be evaluated once it is returned, refused or stopped.',
        alreadyEvaluated: 'This dossier has already been evaluated. Each dossier is evaluated once.',
        score: 'Choose a score of 0, 1 or 2.',
        notAsked: 'This indicator is computed from the dossier; it is not scored by hand.',
        overall: 'Choose your overall satisfaction.',
        comment: 'The comment has at most 2000 characters.',
        period: 'Dates look like 2026-05-04, and the period must not end before it starts.',
        unit: 'No unit with this code.',
        caseNotFound: 'No such case.',
        caseClosed: 'The case is closed.',
        caseAction: 'Choose what was done: reminder, correction or no action.',
        caseNote: 'With no action, give the reason (5–2000 characters).',
        followUp: 'Choose a follow-up date from today on.',
        ruleCount: 'Enter a whole number of 1 or more.',
        ruleShare: 'Enter a share above 0 and at most 1 (0.3 is 30%).',
      },
    },
  },
}
