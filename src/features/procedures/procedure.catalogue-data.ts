/** Real commune-level administrative procedures for the demo catalogue (facts looked up; see sources). */
//
// Conventions of this file (read before editing the data):
// - `code` is the national code of the National Database of Administrative Procedures (CSDLQG về TTHC,
//   dichvucong.gov.vn). Provinces publish it with a suffix (e.g. `1.004873.000.00.00.H14`); only the
//   national part is kept here.
// - `timeLimit.kind === 'days'` counts working days from receipt of a complete, valid dossier. Where the
//   law counts calendar days (land-dispute mediation) or is silent (building permits), a comment says so:
//   the seed type has no calendar-day kind.
// - `sameDay` means "within the day; a request received after 15:00 is returned the next working day"
//   (Decree 23/2015/NĐ-CP for certification, Decree 123/2015/NĐ-CP and the DVCQG entries for civil status).
// - Fees fixed nationally (certification: Circular 226/2016/TT-BTC; civil-status extract copies: Circular
//   281/2016/TT-BTC) apply everywhere. Fees that the provincial People's Council sets (civil-status fees,
//   building-permit fees, business-household registration fees; Circular 85/2019/TT-BTC) are given at the
//   rates of Hải Phòng City, the reference province of this demo, and every such `feeNote` says so; other
//   provinces differ. Since 08/8/2026 Hải Phòng charges 0 for these fees when the dossier is filed online
//   (Resolution 23/2026/NQ-HĐND); `feeVnd` is the counter (paper) rate.
// - A document with `form: 'show_original'` is only shown to the desk officer (xuất trình) and handed back,
//   so its `copies` is 0. Every other document is handed in (nộp) in `copies` copies.
// - Step names and their `sharePercent` are our own design (the law gives no split); they sum to 100.

/** How long a procedure may take by law. */
export type TimeLimitSeed = { readonly kind: 'days'; readonly days: number } | { readonly kind: 'hours'; readonly hours: number } | { readonly kind: 'sameDay' }

/** One required document of a procedure. */
export interface DocumentSeed {
  readonly name: string            // Vietnamese
  readonly copies: number          // number of copies handed in
  readonly form: 'original' | 'copy' | 'certified_copy' | 'original_or_copy' | 'show_original'
  readonly isRequired: boolean     // false = only in some cases (say which in `note`)
  readonly note?: string           // Vietnamese, when needed
}

/** One processing step with its share of the time limit. */
export interface StepSeed {
  readonly name: string                                   // Vietnamese
  readonly role: 'desk_officer' | 'specialist' | 'leader'
  readonly sharePercent: number                           // the shares of a procedure sum to 100
}

/** A procedure as seeded. */
export interface ProcedureSeed {
  readonly code: string              // national code, e.g. '1.001193'
  readonly name: string              // Vietnamese official name
  readonly nameEn: string            // our English gloss
  readonly field: string             // lĩnh vực, Vietnamese (Hộ tịch, Chứng thực, Đất đai, Xây dựng, Hộ kinh doanh, Bảo trợ xã hội, …)
  readonly level: 'commune'
  readonly timeLimit: TimeLimitSeed
  readonly feeVnd: number
  readonly feeNote?: string          // Vietnamese
  readonly documents: readonly DocumentSeed[]
  readonly steps: readonly StepSeed[]
  readonly legalBasis: readonly string[]   // e.g. 'Luật Hộ tịch 2014', 'Nghị định 123/2015/NĐ-CP'
  readonly resultName: string        // what the applicant receives, Vietnamese (e.g. 'Giấy khai sinh (bản chính)')
}

/** The demo catalogue. */
export const PROCEDURE_CATALOGUE: readonly ProcedureSeed[] = [
  // ───────────────────────────── Hộ tịch (civil status) ─────────────────────────────
  {
    code: '1.001193',
    name: 'Thủ tục đăng ký khai sinh',
    nameEn: 'Birth registration',
    field: 'Hộ tịch',
    level: 'commune',
    // Law: within the day (after 15:00 → next working day); the DVCQG record lists "1 working day".
    timeLimit: { kind: 'sameDay' },
    feeVnd: 0,
    feeNote: 'Miễn lệ phí khi đăng ký đúng hạn (trong 60 ngày kể từ ngày sinh). Đăng ký không đúng hạn: 8.000 đồng (mức của TP Hải Phòng, Nghị quyết 12/2018/NQ-HĐND; tỉnh khác có thể khác). Bản sao Giấy khai sinh nếu có yêu cầu: 8.000 đồng/bản (Thông tư 281/2016/TT-BTC).',
    documents: [
      { name: 'Tờ khai đăng ký khai sinh theo mẫu', copies: 1, form: 'original', isRequired: true, note: 'Nộp trực tuyến thì khai trên mẫu hộ tịch điện tử tương tác thay cho tờ khai giấy.' },
      { name: 'Giấy chứng sinh', copies: 1, form: 'original', isRequired: true, note: 'Không có Giấy chứng sinh thì nộp văn bản của người làm chứng xác nhận việc sinh; không có người làm chứng thì nộp giấy cam đoan về việc sinh. Không phải nộp bản giấy nếu cơ quan đăng ký đã khai thác được Giấy chứng sinh điện tử.' },
      { name: 'Biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập', copies: 1, form: 'original', isRequired: false, note: 'Chỉ khi đăng ký khai sinh cho trẻ bị bỏ rơi.' },
      { name: 'Văn bản xác nhận của cơ sở y tế đã thực hiện kỹ thuật hỗ trợ sinh sản cho việc mang thai hộ', copies: 1, form: 'original', isRequired: false, note: 'Chỉ khi trẻ được sinh ra do mang thai hộ.' },
      { name: 'Văn bản ủy quyền', copies: 1, form: 'original', isRequired: false, note: 'Khi ủy quyền người khác đi đăng ký; phải được chứng thực, trừ khi người được ủy quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột.' },
      { name: 'Giấy tờ tùy thân của người đi đăng ký (thẻ căn cước, căn cước công dân, hộ chiếu…)', copies: 0, form: 'show_original', isRequired: true },
      { name: 'Giấy tờ chứng minh nơi cư trú', copies: 0, form: 'show_original', isRequired: false, note: 'Chỉ khi cơ quan đăng ký không khai thác được thông tin cư trú từ Cơ sở dữ liệu quốc gia về dân cư.' },
    ],
    steps: [
      { name: 'Tiếp nhận, kiểm tra hồ sơ', role: 'desk_officer', sharePercent: 20 },
      { name: 'Thẩm tra, ghi Sổ đăng ký khai sinh, lấy số định danh cá nhân', role: 'specialist', sharePercent: 50 },
      { name: 'Ký Giấy khai sinh', role: 'leader', sharePercent: 20 },
      { name: 'Trả kết quả', role: 'desk_officer', sharePercent: 10 },
    ],
    legalBasis: ['Luật Hộ tịch 2014', 'Nghị định 123/2015/NĐ-CP', 'Nghị định 87/2020/NĐ-CP', 'Nghị định 104/2022/NĐ-CP', 'Nghị định 07/2025/NĐ-CP', 'Nghị định 120/2025/NĐ-CP', 'Thông tư 04/2020/TT-BTP', 'Thông tư 04/2024/TT-BTP', 'Thông tư 85/2019/TT-BTC', 'Thông tư 281/2016/TT-BTC'],
    resultName: 'Giấy khai sinh (bản chính)',
  },
  {
    code: '1.000894',
    name: 'Thủ tục đăng ký kết hôn',
    nameEn: 'Marriage registration',
    field: 'Hộ tịch',
    level: 'commune',
    // Within the day; if the conditions of marriage must be verified, up to 05 working days (Luật Hộ tịch Art. 18).
    timeLimit: { kind: 'sameDay' },
    feeVnd: 0,
    feeNote: 'Miễn lệ phí đăng ký kết hôn của công dân Việt Nam cư trú ở trong nước (Luật Hộ tịch 2014, Điều 11).',
    documents: [
      { name: 'Tờ khai đăng ký kết hôn theo mẫu', copies: 1, form: 'original', isRequired: true, note: 'Hai bên có thể khai chung một tờ khai.' },
      { name: 'Giấy tờ tùy thân của hai bên nam, nữ', copies: 0, form: 'show_original', isRequired: true, note: 'Cả hai bên phải có mặt khi đăng ký kết hôn; không ủy quyền.' },
      // A secondary source says that since 01/01/2026 (Nghị quyết 66.7/2025/NQ-CP) two Vietnamese citizens no longer hand
      // in this certificate because the officer looks the status up; not checked against the decision itself.
      { name: 'Giấy xác nhận tình trạng hôn nhân', copies: 1, form: 'original', isRequired: false, note: 'Chỉ khi cơ quan đăng ký không tra cứu được tình trạng hôn nhân của người yêu cầu trong cơ sở dữ liệu hộ tịch.' },
    ],
    steps: [
      { name: 'Tiếp nhận, kiểm tra hồ sơ', role: 'desk_officer', sharePercent: 20 },
      { name: 'Kiểm tra điều kiện kết hôn, ghi Sổ đăng ký kết hôn', role: 'specialist', sharePercent: 40 },
      { name: 'Ký, tổ chức trao Giấy chứng nhận kết hôn', role: 'leader', sharePercent: 30 },
      { name: 'Trả kết quả, lưu hồ sơ', role: 'desk_officer', sharePercent: 10 },
    ],
    legalBasis: ['Luật Hôn nhân và gia đình 2014', 'Luật Hộ tịch 2014', 'Nghị định 123/2015/NĐ-CP', 'Nghị định 07/2025/NĐ-CP', 'Nghị định 120/2025/NĐ-CP', 'Thông tư 04/2020/TT-BTP', 'Nghị quyết 66.7/2025/NQ-CP'],
    resultName: 'Giấy chứng nhận kết hôn (mỗi bên một bản chính)',
  },
  {
    code: '1.000656',
    name: 'Thủ tục đăng ký khai tử',
    nameEn: 'Death registration',
    field: 'Hộ tịch',
    level: 'commune',
    // Within the day; verification up to 03 working days (Luật Hộ tịch Art. 34(2), recalled, not re-read here).
    timeLimit: { kind: 'sameDay' },
    feeVnd: 0,
    feeNote: 'Miễn lệ phí khi khai tử đúng hạn (trong 15 ngày kể từ ngày chết). Đăng ký khai tử không đúng hạn: 8.000 đồng (mức của TP Hải Phòng, Nghị quyết 12/2018/NQ-HĐND).',
    documents: [
      { name: 'Tờ khai đăng ký khai tử theo mẫu', copies: 1, form: 'original', isRequired: true },
      { name: 'Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử do cơ quan có thẩm quyền cấp', copies: 1, form: 'original', isRequired: true },
      { name: 'Văn bản ủy quyền', copies: 1, form: 'original', isRequired: false, note: 'Khi ủy quyền đi khai tử; không phải chứng thực nếu người được ủy quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột.' },
      { name: 'Giấy tờ tùy thân của người đi khai tử', copies: 0, form: 'show_original', isRequired: true },
    ],
    steps: [
      { name: 'Tiếp nhận, kiểm tra hồ sơ', role: 'desk_officer', sharePercent: 20 },
      { name: 'Thẩm tra, ghi Sổ đăng ký khai tử', role: 'specialist', sharePercent: 50 },
      { name: 'Ký Trích lục khai tử', role: 'leader', sharePercent: 20 },
      { name: 'Trả kết quả', role: 'desk_officer', sharePercent: 10 },
    ],
    legalBasis: ['Luật Hộ tịch 2014', 'Nghị định 123/2015/NĐ-CP', 'Nghị định 07/2025/NĐ-CP', 'Nghị định 120/2025/NĐ-CP', 'Thông tư 04/2020/TT-BTP', 'Thông tư 85/2019/TT-BTC'],
    resultName: 'Trích lục khai tử (bản chính)',
  },
  {
    code: '1.001022',
    name: 'Thủ tục đăng ký nhận cha, mẹ, con',
    nameEn: 'Registration of acknowledgement of parentage',
    field: 'Hộ tịch',
    level: 'commune',
    // 03 working days; if verification is needed, up to 05 more working days (Luật Hộ tịch Art. 25(2)).
    timeLimit: { kind: 'days', days: 3 },
    feeVnd: 10_000,
    feeNote: 'Mức của TP Hải Phòng (Nghị quyết 12/2018/NQ-HĐND); tỉnh khác do HĐND tỉnh quy định (ví dụ Đắk Lắk 15.000 đồng). Miễn cho người thuộc hộ nghèo, người khuyết tật, người cao tuổi, người có công, trẻ em.',
    documents: [
      { name: 'Tờ khai đăng ký nhận cha, mẹ, con theo mẫu', copies: 1, form: 'original', isRequired: true },
      { name: 'Chứng cứ chứng minh quan hệ cha, mẹ, con', copies: 1, form: 'original_or_copy', isRequired: true, note: 'Văn bản của cơ quan y tế, cơ quan giám định hoặc cơ quan có thẩm quyền xác nhận quan hệ cha con, mẹ con; nếu không có thì thư từ, phim ảnh, đồ vật… kèm văn bản cam đoan và ít nhất hai người làm chứng (Thông tư 04/2020/TT-BTP, Điều 14).' },
      { name: 'Giấy tờ tùy thân của các bên', copies: 0, form: 'show_original', isRequired: true, note: 'Các bên nhận và được nhận phải có mặt.' },
    ],
    steps: [
      { name: 'Tiếp nhận, kiểm tra hồ sơ', role: 'desk_officer', sharePercent: 10 },
      { name: 'Thẩm tra, xác minh, ghi Sổ đăng ký nhận cha, mẹ, con', role: 'specialist', sharePercent: 60 },
      { name: 'Ký Trích lục đăng ký nhận cha, mẹ, con', role: 'leader', sharePercent: 20 },
      { name: 'Trả kết quả', role: 'desk_officer', sharePercent: 10 },
    ],
    legalBasis: ['Luật Hộ tịch 2014', 'Nghị định 123/2015/NĐ-CP', 'Nghị định 07/2025/NĐ-CP', 'Nghị định 120/2025/NĐ-CP', 'Thông tư 04/2020/TT-BTP', 'Thông tư 85/2019/TT-BTC'],
    resultName: 'Trích lục đăng ký nhận cha, mẹ, con',
  },
  {
    code: '1.000689',
    name: 'Thủ tục đăng ký khai sinh kết hợp nhận cha, mẹ, con',
    nameEn: 'Birth registration combined with acknowledgement of parentage',
    field: 'Hộ tịch',
    level: 'commune',
    timeLimit: { kind: 'days', days: 3 },
    feeVnd: 10_000,
    feeNote: 'Phần khai sinh (đúng hạn) miễn lệ phí; lệ phí đăng ký nhận cha, mẹ, con 10.000 đồng (mức của TP Hải Phòng, Nghị quyết 12/2018/NQ-HĐND; Cẩm Phả, Quảng Ninh công bố cùng mức).',
    documents: [
      { name: 'Tờ khai đăng ký khai sinh theo mẫu', copies: 1, form: 'original', isRequired: true },
      { name: 'Tờ khai đăng ký nhận cha, mẹ, con theo mẫu', copies: 1, form: 'original', isRequired: true },
      { name: 'Giấy chứng sinh', copies: 1, form: 'original', isRequired: true, note: 'Không có thì nộp văn bản của người làm chứng hoặc giấy cam đoan về việc sinh.' },
      { name: 'Chứng cứ chứng minh quan hệ cha, mẹ, con', copies: 1, form: 'original_or_copy', isRequired: true, note: 'Văn bản của cơ quan y tế, cơ quan giám định; nếu không có thì thư từ, phim ảnh, đồ vật… kèm văn bản cam đoan của cha, mẹ và ít nhất hai người thân thích làm chứng.' },
      { name: 'Giấy tờ tùy thân của người đi đăng ký', copies: 0, form: 'show_original', isRequired: true },
    ],
    steps: [
      { name: 'Tiếp nhận, kiểm tra hồ sơ', role: 'desk_officer', sharePercent: 10 },
      { name: 'Thẩm tra, ghi Sổ hộ tịch, lấy số định danh cá nhân', role: 'specialist', sharePercent: 60 },
      { name: 'Ký Giấy khai sinh và Trích lục nhận cha, mẹ, con', role: 'leader', sharePercent: 20 },
      { name: 'Trả kết quả', role: 'desk_officer', sharePercent: 10 },
    ],
    legalBasis: ['Luật Hộ tịch 2014', 'Nghị định 123/2015/NĐ-CP', 'Nghị định 07/2025/NĐ-CP', 'Nghị định 120/2025/NĐ-CP', 'Thông tư 04/2020/TT-BTP', 'Thông tư 85/2019/TT-BTC'],
    resultName: 'Giấy khai sinh và Trích lục đăng ký nhận cha, mẹ, con',
  },
  {
    code: '1.004873',
    name: 'Thủ tục cấp Giấy xác nhận tình trạng hôn nhân',
    nameEn: 'Certificate of marital status',
    field: 'Hộ tịch',
    level: 'commune',
    // 03 working days (Nghị định 123/2015 Art. 22); longer when another commune must be asked to verify (not re-read here).
    timeLimit: { kind: 'days', days: 3 },
    feeVnd: 5_000,
    feeNote: 'Mức của TP Hải Phòng (Nghị quyết 12/2018/NQ-HĐND); Hà Nội 3.000 đồng (Nghị quyết 06/2020/NQ-HĐND). Miễn cho các đối tượng được miễn lệ phí hộ tịch.',
    documents: [
      { name: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu', copies: 1, form: 'original', isRequired: true },
      { name: 'Giấy tờ chứng minh hôn nhân trước đã chấm dứt (bản án, quyết định ly hôn đã có hiệu lực; trích lục khai tử của vợ hoặc chồng)', copies: 1, form: 'copy', isRequired: false, note: 'Chỉ khi người yêu cầu đã từng có vợ hoặc chồng.' },
      { name: 'Giấy xác nhận tình trạng hôn nhân đã được cấp trước đây', copies: 1, form: 'original', isRequired: false, note: 'Khi xin cấp lại Giấy xác nhận để dùng vào mục đích khác hoặc khi giấy cũ đã hết thời hạn sử dụng.' },
      { name: 'Văn bản ủy quyền', copies: 1, form: 'original', isRequired: false, note: 'Khi ủy quyền người khác đi làm thủ tục.' },
      { name: 'Giấy tờ tùy thân của người yêu cầu', copies: 0, form: 'show_original', isRequired: true },
    ],
    steps: [
      { name: 'Tiếp nhận, kiểm tra hồ sơ', role: 'desk_officer', sharePercent: 10 },
      { name: 'Kiểm tra, xác minh tình trạng hôn nhân', role: 'specialist', sharePercent: 60 },
      { name: 'Ký Giấy xác nhận tình trạng hôn nhân', role: 'leader', sharePercent: 20 },
      { name: 'Trả kết quả', role: 'desk_officer', sharePercent: 10 },
    ],
    legalBasis: ['Luật Hộ tịch 2014', 'Nghị định 123/2015/NĐ-CP', 'Nghị định 07/2025/NĐ-CP', 'Nghị định 120/2025/NĐ-CP', 'Thông tư 04/2020/TT-BTP', 'Thông tư 85/2019/TT-BTC'],
    resultName: 'Giấy xác nhận tình trạng hôn nhân',
  },
  {
    code: '1.004884',
    name: 'Thủ tục đăng ký lại khai sinh',
    nameEn: 'Re-registration of a birth',
    field: 'Hộ tịch',
    level: 'commune',
    // 05 working days (Nghị định 123/2015 Art. 26(2)); longer when the commune of the first registration must verify.
    timeLimit: { kind: 'days', days: 5 },
    feeVnd: 8_000,
    feeNote: 'Mức của TP Hải Phòng (Nghị quyết 12/2018/NQ-HĐND); tỉnh khác do HĐND tỉnh quy định.',
    documents: [
      { name: 'Tờ khai đăng ký lại khai sinh theo mẫu', copies: 1, form: 'original', isRequired: true },
      { name: 'Bản sao hồ sơ, giấy tờ cá nhân có thông tin về nội dung khai sinh của người yêu cầu', copies: 1, form: 'copy', isRequired: true, note: 'Bản sao Giấy khai sinh cũ nếu còn; nếu không thì bản sao toàn bộ hồ sơ, giấy tờ, tài liệu khác có thông tin khai sinh.' },
      { name: 'Văn bản xác nhận của thủ trưởng cơ quan, đơn vị về nội dung khai sinh', copies: 1, form: 'original', isRequired: false, note: 'Khi người yêu cầu là cán bộ, công chức, viên chức hoặc người đang công tác trong lực lượng vũ trang.' },
      { name: 'Giấy tờ tùy thân của người yêu cầu', copies: 0, form: 'show_original', isRequired: true },
    ],
    steps: [
      { name: 'Tiếp nhận, kiểm tra hồ sơ', role: 'desk_officer', sharePercent: 10 },
      { name: 'Kiểm tra, xác minh việc đăng ký khai sinh trước đây', role: 'specialist', sharePercent: 60 },
      { name: 'Ký Giấy khai sinh', role: 'leader', sharePercent: 20 },
      { name: 'Trả kết quả', role: 'desk_officer', sharePercent: 10 },
    ],
    legalBasis: ['Luật Hộ tịch 2014', 'Nghị định 123/2015/NĐ-CP', 'Nghị định 07/2025/NĐ-CP', 'Nghị định 120/2025/NĐ-CP', 'Thông tư 04/2020/TT-BTP', 'Thông tư 85/2019/TT-BTC'],
    resultName: 'Giấy khai sinh (bản chính)',
  },
  {
    code: '1.004859',
    name: 'Thủ tục thay đổi, cải chính, bổ sung thông tin hộ tịch',
    nameEn: 'Change, correction or supplement of civil-status information',
    field: 'Hộ tịch',
    level: 'commune',
    // 03 working days for a change or correction, +03 if verification is needed (Luật Hộ tịch Art. 28(2));
    // a mere supplement of information is done within the day.
    timeLimit: { kind: 'days', days: 3 },
    feeVnd: 10_000,
    feeNote: 'Mức của TP Hải Phòng cho thay đổi, cải chính hộ tịch của người chưa đủ 14 tuổi và bổ sung hộ tịch (Nghị quyết 12/2018/NQ-HĐND); mức cho người từ đủ 14 tuổi trở lên (trước đây thuộc cấp huyện) chưa xác minh được sau khi bỏ cấp huyện.',
    documents: [
      { name: 'Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch theo mẫu', copies: 1, form: 'original', isRequired: true },
      { name: 'Giấy tờ làm căn cứ cho việc thay đổi, cải chính, bổ sung thông tin hộ tịch', copies: 1, form: 'original_or_copy', isRequired: true },
      { name: 'Văn bản ủy quyền', copies: 1, form: 'original', isRequired: false, note: 'Khi ủy quyền người khác đi làm thủ tục.' },
      { name: 'Giấy tờ tùy thân của người yêu cầu', copies: 0, form: 'show_original', isRequired: true },
    ],
    steps: [
      { name: 'Tiếp nhận, kiểm tra hồ sơ', role: 'desk_officer', sharePercent: 10 },
      { name: 'Thẩm tra căn cứ, ghi Sổ hộ tịch', role: 'specialist', sharePercent: 60 },
      { name: 'Ký Trích lục thay đổi, cải chính, bổ sung', role: 'leader', sharePercent: 20 },
      { name: 'Trả kết quả', role: 'desk_officer', sharePercent: 10 },
    ],
    legalBasis: ['Luật Hộ tịch 2014', 'Nghị định 123/2015/NĐ-CP', 'Nghị định 07/2025/NĐ-CP', 'Nghị định 120/2025/NĐ-CP', 'Thông tư 04/2020/TT-BTP', 'Thông tư 85/2019/TT-BTC'],
    resultName: 'Trích lục thay đổi, cải chính, bổ sung thông tin hộ tịch',
  },
  {
    code: '2.000635',
    name: 'Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh',
    nameEn: 'Copy of a civil-status extract or birth certificate',
    field: 'Hộ tịch',
    level: 'commune',
    timeLimit: { kind: 'sameDay' },
    feeVnd: 8_000,
    feeNote: 'Phí 8.000 đồng/bản sao (Thông tư 281/2016/TT-BTC). Theo một nguồn thứ cấp, từ 15/8/2026 đến hết 28/02/2027 được miễn khi có tài khoản định danh điện tử mức 2 (Thông tư 117/2026/TT-BTC) – chưa đối chiếu văn bản.',
    documents: [
      { name: 'Tờ khai cấp bản sao Trích lục hộ tịch theo mẫu', copies: 1, form: 'original', isRequired: true },
      { name: 'Văn bản ủy quyền', copies: 1, form: 'original', isRequired: false, note: 'Khi ủy quyền người khác yêu cầu cấp bản sao.' },
      { name: 'Giấy tờ tùy thân của người yêu cầu', copies: 0, form: 'show_original', isRequired: true },
    ],
    steps: [
      { name: 'Tiếp nhận yêu cầu', role: 'desk_officer', sharePercent: 20 },
      { name: 'Tra cứu Sổ hộ tịch, Cơ sở dữ liệu hộ tịch điện tử, in bản sao', role: 'specialist', sharePercent: 50 },
      { name: 'Ký bản sao', role: 'leader', sharePercent: 20 },
      { name: 'Thu phí, trả kết quả', role: 'desk_officer', sharePercent: 10 },
    ],
    legalBasis: ['Luật Hộ tịch 2014', 'Nghị định 123/2015/NĐ-CP', 'Nghị định 120/2025/NĐ-CP', 'Thông tư 04/2020/TT-BTP', 'Thông tư 04/2024/TT-BTP', 'Thông tư 281/2016/TT-BTC'],
    resultName: 'Bản sao Trích lục hộ tịch hoặc bản sao Giấy khai sinh',
  },
  {
    code: '1.004837',
    name: 'Thủ tục đăng ký giám hộ',
    nameEn: 'Guardianship registration',
    field: 'Hộ tịch',
    level: 'commune',
    timeLimit: { kind: 'days', days: 3 },
    feeVnd: 0,
    feeNote: 'Miễn lệ phí đăng ký giám hộ (Luật Hộ tịch 2014, Điều 11; Nghị quyết 16/2023/NQ-HĐND TP Hải Phòng).',
    documents: [
      { name: 'Tờ khai đăng ký giám hộ theo mẫu', copies: 1, form: 'original', isRequired: true },
      { name: 'Văn bản cử người giám hộ', copies: 1, form: 'original', isRequired: false, note: 'Khi đăng ký giám hộ cử.' },
      { name: 'Giấy tờ chứng minh điều kiện giám hộ đương nhiên theo Bộ luật Dân sự', copies: 1, form: 'original_or_copy', isRequired: false, note: 'Khi đăng ký giám hộ đương nhiên.' },
      { name: 'Giấy tờ tùy thân của người yêu cầu', copies: 0, form: 'show_original', isRequired: true },
    ],
    steps: [
      { name: 'Tiếp nhận, kiểm tra hồ sơ', role: 'desk_officer', sharePercent: 10 },
      { name: 'Thẩm tra điều kiện giám hộ, ghi Sổ đăng ký giám hộ', role: 'specialist', sharePercent: 60 },
      { name: 'Ký Trích lục đăng ký giám hộ', role: 'leader', sharePercent: 20 },
      { name: 'Trả kết quả', role: 'desk_officer', sharePercent: 10 },
    ],
    legalBasis: ['Bộ luật Dân sự 2015', 'Luật Hộ tịch 2014', 'Nghị định 123/2015/NĐ-CP', 'Nghị định 120/2025/NĐ-CP', 'Thông tư 04/2020/TT-BTP'],
    resultName: 'Trích lục đăng ký giám hộ',
  },
  {
    // code unverified: Hải Phòng's Decision 3582/QĐ-UBND lists 3.000722 as the new code replacing 2.000986 and 2.002621
    // for this inter-agency group; the name below is the one used since Decree 63/2024 and may differ on DVCQG. A
    // secondary source says a new version (adding the child's identity card) applies from 01/9/2026.
    code: '3.000722',
    name: 'Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi',
    nameEn: 'Joined procedure: birth registration, permanent residence and health-insurance card for a child under 6',
    field: 'Hộ tịch',
    level: 'commune',
    // "Not over 3 working days" per the 2024 guidance of Decision 296/QĐ-VPCP (secondary report); the birth part is done
    // the same day, residence by the police and the card by social insurance.
    timeLimit: { kind: 'days', days: 3 },
    feeVnd: 0,
    feeNote: 'Đăng ký khai sinh đúng hạn được miễn lệ phí; nếu khai sinh không đúng hạn thì thu lệ phí hộ tịch theo mức của tỉnh.',
    documents: [
      { name: 'Tờ khai điện tử liên thông (Mẫu số 01 ban hành kèm Nghị định 63/2024/NĐ-CP)', copies: 1, form: 'original', isRequired: true, note: 'Nộp trên Cổng Dịch vụ công quốc gia hoặc ứng dụng VNeID; tại bộ phận một cửa thì công chức hỗ trợ số hóa.' },
      { name: 'Giấy chứng sinh', copies: 1, form: 'original', isRequired: true, note: 'Ưu tiên dữ liệu điện tử có ký số liên thông từ cơ sở khám bệnh, chữa bệnh; không có thì giấy tờ thay thế theo pháp luật hộ tịch.' },
      { name: 'Giấy tờ về chỗ ở để đăng ký thường trú cho trẻ khác nơi thường trú của cha, mẹ', copies: 1, form: 'copy', isRequired: false, note: 'Chỉ khi đăng ký thường trú cho trẻ ở nơi khác nơi thường trú của cha, mẹ (được cha, mẹ đồng ý).' },
    ],
    steps: [
      { name: 'Tiếp nhận hồ sơ liên thông', role: 'desk_officer', sharePercent: 10 },
      { name: 'Đăng ký khai sinh trên phần mềm hộ tịch dùng chung', role: 'specialist', sharePercent: 40 },
      { name: 'Ký Giấy khai sinh', role: 'leader', sharePercent: 20 },
      { name: 'Chuyển liên thông Công an (thường trú), Bảo hiểm xã hội (thẻ BHYT) và trả kết quả', role: 'desk_officer', sharePercent: 30 },
    ],
    legalBasis: ['Nghị định 63/2024/NĐ-CP', 'Luật Hộ tịch 2014', 'Luật Cư trú 2020', 'Luật Bảo hiểm y tế 2008'],
    resultName: 'Giấy khai sinh (bản điện tử, bản giấy nếu có yêu cầu), kết quả đăng ký thường trú và thẻ bảo hiểm y tế của trẻ',
  },

  // ───────────────────────────── Chứng thực (certification) ─────────────────────────────
  {
    code: '2.000815',
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam; cơ quan, tổ chức có thẩm quyền của nước ngoài; cơ quan, tổ chức có thẩm quyền của Việt Nam liên kết với cơ quan, tổ chức có thẩm quyền của nước ngoài cấp hoặc chứng nhận',
    nameEn: 'Certified copy from an original',
    field: 'Chứng thực',
    level: 'commune',
    // Within the day (after 15:00 → next working day); many documents or pages: up to 02 more working days or as
    // agreed in writing (Nghị định 23/2015/NĐ-CP). DVCQG lists 1 working day.
    timeLimit: { kind: 'sameDay' },
    feeVnd: 2_000,
    feeNote: 'Phí 2.000 đồng/trang; từ trang thứ ba trở lên 1.000 đồng/trang, tối đa 200.000 đồng/bản; trang tính theo bản chính (Thông tư 226/2016/TT-BTC).',
    documents: [
      { name: 'Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao', copies: 0, form: 'show_original', isRequired: true, note: 'Không chứng thực từ bản chính bị tẩy xóa, hư hỏng, đóng dấu mật, có nội dung trái pháp luật, hoặc giấy tờ nước ngoài chưa hợp pháp hóa lãnh sự (trừ các loại được miễn).' },
      { name: 'Bản sao cần chứng thực', copies: 1, form: 'copy', isRequired: true, note: 'Phải có đủ các trang có thông tin của bản chính; nếu chỉ mang bản chính thì nơi chứng thực chụp từ bản chính (khi có phương tiện).' },
    ],
    steps: [
      { name: 'Tiếp nhận, đối chiếu bản sao với bản chính', role: 'desk_officer', sharePercent: 40 },
      { name: 'Ghi lời chứng, vào Sổ chứng thực', role: 'specialist', sharePercent: 30 },
      { name: 'Ký, đóng dấu chứng thực', role: 'leader', sharePercent: 20 },
      { name: 'Thu phí, trả kết quả', role: 'desk_officer', sharePercent: 10 },
    ],
    legalBasis: ['Nghị định 23/2015/NĐ-CP', 'Nghị định 07/2025/NĐ-CP', 'Nghị định 280/2025/NĐ-CP', 'Thông tư 01/2020/TT-BTP', 'Thông tư 226/2016/TT-BTC'],
    resultName: 'Bản sao được chứng thực từ bản chính',
  },
  {
    code: '2.000884',
    name: 'Thủ tục chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực điểm chỉ và trường hợp người yêu cầu chứng thực không thể ký, không thể điểm chỉ được)',
    nameEn: 'Certification of a signature (or fingerprint)',
    field: 'Chứng thực',
    level: 'commune',
    timeLimit: { kind: 'sameDay' },
    feeVnd: 10_000,
    feeNote: 'Phí 10.000 đồng/trường hợp; một trường hợp là một hoặc nhiều chữ ký trong cùng một giấy tờ, văn bản (Thông tư 226/2016/TT-BTC).',
    documents: [
      { name: 'Giấy tờ tùy thân còn giá trị sử dụng của người yêu cầu chứng thực', copies: 0, form: 'show_original', isRequired: true },
      { name: 'Giấy tờ, văn bản cần chứng thực chữ ký', copies: 1, form: 'original', isRequired: true, note: 'Người yêu cầu ký hoặc điểm chỉ trước mặt người thực hiện chứng thực. Văn bản bằng tiếng nước ngoài có thể phải kèm bản dịch tiếng Việt.' },
    ],
    steps: [
      { name: 'Tiếp nhận, kiểm tra giấy tờ, người yêu cầu ký trước mặt', role: 'desk_officer', sharePercent: 40 },
      { name: 'Ghi lời chứng, vào Sổ chứng thực', role: 'specialist', sharePercent: 30 },
      { name: 'Ký, đóng dấu chứng thực', role: 'leader', sharePercent: 20 },
      { name: 'Thu phí, trả kết quả', role: 'desk_officer', sharePercent: 10 },
    ],
    legalBasis: ['Nghị định 23/2015/NĐ-CP', 'Nghị định 07/2025/NĐ-CP', 'Nghị định 280/2025/NĐ-CP', 'Thông tư 01/2020/TT-BTP', 'Thông tư 226/2016/TT-BTC'],
    resultName: 'Giấy tờ, văn bản đã được chứng thực chữ ký',
  },
  {
    code: '2.001035',
    // The DVCQG name since the 2025 amendments; earlier lists call it "chứng thực hợp đồng, giao dịch liên quan đến…".
    name: 'Chứng thực giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất, nhà ở',
    nameEn: 'Certification of a transaction on movable property, land-use rights or housing',
    field: 'Chứng thực',
    level: 'commune',
    // Not over 02 working days from a complete request, or longer as agreed in writing (Nghị định 23/2015/NĐ-CP).
    timeLimit: { kind: 'days', days: 2 },
    feeVnd: 50_000,
    feeNote: 'Phí 50.000 đồng/hợp đồng, giao dịch (Thông tư 226/2016/TT-BTC); sửa đổi, bổ sung, hủy bỏ: 30.000 đồng; sửa lỗi sai sót: 25.000 đồng.',
    documents: [
      { name: 'Dự thảo hợp đồng, giao dịch', copies: 1, form: 'original', isRequired: true, note: 'Số bản theo nhu cầu của các bên; các bên ký trước mặt người thực hiện chứng thực.' },
      { name: 'Giấy tờ tùy thân của người yêu cầu chứng thực', copies: 0, form: 'show_original', isRequired: true },
      { name: 'Giấy chứng nhận quyền sở hữu, quyền sử dụng tài sản hoặc giấy tờ thay thế', copies: 1, form: 'copy', isRequired: true, note: 'Nộp bản sao, xuất trình bản chính để đối chiếu; trừ giao dịch mà pháp luật không yêu cầu giấy chứng nhận.' },
    ],
    steps: [
      { name: 'Tiếp nhận, kiểm tra hồ sơ', role: 'desk_officer', sharePercent: 15 },
      { name: 'Kiểm tra nội dung giao dịch, năng lực các bên, ghi lời chứng', role: 'specialist', sharePercent: 55 },
      { name: 'Ký, đóng dấu chứng thực', role: 'leader', sharePercent: 20 },
      { name: 'Thu phí, trả kết quả', role: 'desk_officer', sharePercent: 10 },
    ],
    legalBasis: ['Bộ luật Dân sự 2015', 'Nghị định 23/2015/NĐ-CP', 'Nghị định 07/2025/NĐ-CP', 'Nghị định 280/2025/NĐ-CP', 'Thông tư 01/2020/TT-BTP', 'Thông tư 226/2016/TT-BTC'],
    resultName: 'Hợp đồng, giao dịch được chứng thực',
  },

  // ───────────────────────────── Đất đai (land) ─────────────────────────────
  {
    code: '1.012812',
    name: 'Hòa giải tranh chấp đất đai',
    nameEn: 'Mediation of a land dispute',
    field: 'Đất đai',
    level: 'commune',
    // Law: not over 30 days from receipt of the request (Luật Đất đai 2024 Art. 235(2)(c)) — calendar days; Hải Phòng's
    // published list says "30 ngày làm việc". The seed type cannot say "calendar days", so 30 is stored as days.
    timeLimit: { kind: 'days', days: 30 },
    feeVnd: 0,
    feeNote: 'Không thu phí, lệ phí.',
    documents: [
      { name: 'Đơn yêu cầu hòa giải tranh chấp đất đai', copies: 1, form: 'original', isRequired: true },
      { name: 'Giấy tờ, tài liệu liên quan đến việc sử dụng đất đang tranh chấp', copies: 1, form: 'original_or_copy', isRequired: false, note: 'Nếu có (giấy chứng nhận, giấy tờ về nguồn gốc, quá trình sử dụng đất…).' },
      { name: 'Giấy tờ tùy thân của người yêu cầu', copies: 0, form: 'show_original', isRequired: true },
    ],
    steps: [
      { name: 'Tiếp nhận đơn', role: 'desk_officer', sharePercent: 5 },
      { name: 'Thẩm tra, xác minh nguồn gốc đất, thu thập tài liệu, thành lập Hội đồng hòa giải', role: 'specialist', sharePercent: 45 },
      { name: 'Tổ chức họp hòa giải, lập biên bản', role: 'leader', sharePercent: 40 },
      { name: 'Gửi biên bản cho các bên, trả kết quả', role: 'desk_officer', sharePercent: 10 },
    ],
    legalBasis: ['Luật Đất đai 2024', 'Nghị định 102/2024/NĐ-CP'],
    resultName: 'Biên bản hòa giải thành hoặc hòa giải không thành',
  },

  // ───────────────────────────── Xây dựng (construction) ─────────────────────────────
  {
    code: '1.013225',
    // Short form of the DVCQG name, which continues with a parenthetical list of works (không theo tuyến, theo tuyến trong
    // đô thị, tín ngưỡng, tôn giáo, tượng đài…). Commune level since the two-level local government (07/2025).
    name: 'Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV và nhà ở riêng lẻ',
    nameEn: 'New building permit for a detached house (or a grade III/IV work)',
    field: 'Xây dựng',
    level: 'commune',
    // 15 days for a detached house (Luật Xây dựng Art. 102, as restated by the sources; the law text says "15 ngày"
    // without "làm việc", while provincial lists publish 15 working days) — not checked against the law itself.
    timeLimit: { kind: 'days', days: 15 },
    feeVnd: 75_000,
    feeNote: 'Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ: 75.000 đồng/giấy phép (mức của TP Hải Phòng, Nghị quyết 45/2018/NQ-HĐND, Phụ lục 10); công trình khác 150.000 đồng. Miễn cho người có công, hộ nghèo, người khuyết tật nặng được hỗ trợ xây nhà. Tỉnh khác do HĐND tỉnh quy định.',
    documents: [
      { name: 'Đơn đề nghị cấp giấy phép xây dựng theo mẫu', copies: 1, form: 'original', isRequired: true, note: 'Hồ sơ nộp 02 bộ.' },
      { name: 'Bản sao một trong những giấy tờ chứng minh quyền sử dụng đất theo pháp luật đất đai', copies: 1, form: 'copy', isRequired: true },
      { name: 'Bản vẽ thiết kế xây dựng', copies: 2, form: 'original', isRequired: true, note: 'Mặt bằng công trình trên lô đất, mặt bằng các tầng, mặt đứng và mặt cắt chính, mặt bằng móng, sơ đồ đấu nối hạ tầng kỹ thuật.' },
      { name: 'Bản kê khai năng lực, kinh nghiệm hoặc chứng chỉ của tổ chức, cá nhân thiết kế', copies: 1, form: 'original_or_copy', isRequired: false, note: 'Khi pháp luật yêu cầu đối với tổ chức, cá nhân thiết kế.' },
      { name: 'Văn bản cam kết bảo đảm an toàn đối với công trình liền kề', copies: 1, form: 'original', isRequired: false, note: 'Khi có công trình liền kề.' },
    ],
    steps: [
      { name: 'Tiếp nhận, kiểm tra hồ sơ', role: 'desk_officer', sharePercent: 5 },
      { name: 'Thẩm định hồ sơ, kiểm tra thực địa, đối chiếu quy hoạch', role: 'specialist', sharePercent: 70 },
      { name: 'Ký Giấy phép xây dựng', role: 'leader', sharePercent: 20 },
      { name: 'Thu lệ phí, trả kết quả', role: 'desk_officer', sharePercent: 5 },
    ],
    legalBasis: ['Luật Xây dựng 2014 (sửa đổi, bổ sung 2020)', 'Nghị định 175/2024/NĐ-CP', 'Thông tư 85/2019/TT-BTC', 'Nghị quyết 45/2018/NQ-HĐND TP Hải Phòng'],
    resultName: 'Giấy phép xây dựng (kèm bản vẽ được đóng dấu xác nhận)',
  },

  // ───────────────────────────── Hộ kinh doanh (business household) ─────────────────────────────
  {
    code: '1.001612',
    name: 'Đăng ký thành lập hộ kinh doanh',
    nameEn: 'Registration of a business household',
    field: 'Hộ kinh doanh',
    level: 'commune',
    // 03 working days; registered by the commune business-registration office since Decree 168/2025/NĐ-CP (07/2025).
    timeLimit: { kind: 'days', days: 3 },
    feeVnd: 0,
    feeNote: 'Lệ phí do HĐND tỉnh quy định. TP Hải Phòng: 0 đồng mọi hình thức nộp (Nghị quyết 12/2026/NQ-HĐND, từ 08/8/2026). Hà Nội: 100.000 đồng nộp giấy, 0 đồng trực tuyến (Nghị quyết 78/2026/NQ-HĐND, theo nguồn thứ cấp).',
    documents: [
      { name: 'Giấy đề nghị đăng ký hộ kinh doanh (theo mẫu)', copies: 1, form: 'original', isRequired: true },
      { name: 'Bản sao văn bản ủy quyền của thành viên hộ gia đình cho một thành viên làm chủ hộ kinh doanh', copies: 1, form: 'certified_copy', isRequired: false, note: 'Khi các thành viên hộ gia đình cùng đăng ký hộ kinh doanh.' },
      { name: 'Giấy tờ tùy thân của chủ hộ kinh doanh', copies: 0, form: 'show_original', isRequired: true, note: 'Thông tin cá nhân được đối chiếu với Cơ sở dữ liệu quốc gia về dân cư.' },
    ],
    steps: [
      { name: 'Tiếp nhận, kiểm tra hồ sơ', role: 'desk_officer', sharePercent: 15 },
      { name: 'Xem xét tính hợp lệ, tên hộ kinh doanh, ngành nghề', role: 'specialist', sharePercent: 55 },
      { name: 'Ký Giấy chứng nhận đăng ký hộ kinh doanh', role: 'leader', sharePercent: 20 },
      { name: 'Trả kết quả', role: 'desk_officer', sharePercent: 10 },
    ],
    legalBasis: ['Nghị định 168/2025/NĐ-CP', 'Thông tư 68/2025/TT-BTC', 'Thông tư 85/2019/TT-BTC'],
    resultName: 'Giấy chứng nhận đăng ký hộ kinh doanh',
  },
  {
    code: '2.000720',
    name: 'Đăng ký thay đổi nội dung đăng ký hộ kinh doanh',
    nameEn: 'Change of a business household registration',
    field: 'Hộ kinh doanh',
    level: 'commune',
    timeLimit: { kind: 'days', days: 3 },
    feeVnd: 0,
    feeNote: 'Lệ phí do HĐND tỉnh quy định; TP Hải Phòng 0 đồng (Nghị quyết 12/2026/NQ-HĐND). Không thu khi chỉ điều chỉnh địa chỉ do thay đổi địa giới hành chính (theo nguồn thứ cấp về Hà Nội).',
    documents: [
      { name: 'Thông báo thay đổi nội dung đăng ký hộ kinh doanh (theo mẫu)', copies: 1, form: 'original', isRequired: true },
      { name: 'Bản sao văn bản ủy quyền hoặc biên bản họp thành viên hộ gia đình về việc thay đổi', copies: 1, form: 'certified_copy', isRequired: false, note: 'Khi thay đổi chủ hộ hoặc khi hộ gia đình cùng đăng ký kinh doanh.' },
      { name: 'Giấy tờ tùy thân của chủ hộ kinh doanh', copies: 0, form: 'show_original', isRequired: true },
    ],
    steps: [
      { name: 'Tiếp nhận, kiểm tra hồ sơ', role: 'desk_officer', sharePercent: 15 },
      { name: 'Xem xét nội dung thay đổi', role: 'specialist', sharePercent: 55 },
      { name: 'Ký Giấy chứng nhận đăng ký hộ kinh doanh', role: 'leader', sharePercent: 20 },
      { name: 'Trả kết quả', role: 'desk_officer', sharePercent: 10 },
    ],
    legalBasis: ['Nghị định 168/2025/NĐ-CP', 'Thông tư 68/2025/TT-BTC', 'Thông tư 85/2019/TT-BTC'],
    resultName: 'Giấy chứng nhận đăng ký hộ kinh doanh (cấp theo nội dung thay đổi)',
  },
  {
    code: '1.001570',
    // Name as in Hải Phòng's Decision 2831/QĐ-UBND (07/2025); the earlier DVCQG name ends "…đã thông báo của hộ kinh doanh".
    name: 'Đăng ký tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã đăng ký của hộ kinh doanh',
    nameEn: 'Suspension or early resumption of a business household',
    field: 'Hộ kinh doanh',
    level: 'commune',
    timeLimit: { kind: 'days', days: 1 },
    feeVnd: 0,
    feeNote: 'Không thu lệ phí.',
    documents: [
      { name: 'Thông báo về việc tạm ngừng kinh doanh hoặc tiếp tục kinh doanh trước thời hạn (theo mẫu)', copies: 1, form: 'original', isRequired: true },
      { name: 'Giấy tờ tùy thân của chủ hộ kinh doanh', copies: 0, form: 'show_original', isRequired: true },
    ],
    steps: [
      { name: 'Tiếp nhận thông báo', role: 'desk_officer', sharePercent: 20 },
      { name: 'Kiểm tra, cập nhật tình trạng hộ kinh doanh', role: 'specialist', sharePercent: 50 },
      { name: 'Ký giấy xác nhận', role: 'leader', sharePercent: 20 },
      { name: 'Trả kết quả', role: 'desk_officer', sharePercent: 10 },
    ],
    legalBasis: ['Nghị định 168/2025/NĐ-CP', 'Thông tư 68/2025/TT-BTC'],
    resultName: 'Giấy xác nhận về việc hộ kinh doanh đăng ký tạm ngừng hoặc tiếp tục kinh doanh',
  },

  // ───────────────────────────── Bảo trợ xã hội (social support) ─────────────────────────────
  {
    code: '1.001776',
    name: 'Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hàng tháng',
    nameEn: 'Start, change or stop a monthly social allowance or care support',
    field: 'Bảo trợ xã hội',
    level: 'commune',
    // From 01/7/2025 the commune chairman decides within 10 working days (secondary report of the 2025 decentralisation;
    // the decree number was not checked). Before, the district chairman decided.
    timeLimit: { kind: 'days', days: 10 },
    feeVnd: 0,
    feeNote: 'Không thu phí, lệ phí.',
    documents: [
      { name: 'Tờ khai đề nghị trợ giúp xã hội theo mẫu', copies: 1, form: 'original', isRequired: true, note: 'Mẫu theo từng nhóm đối tượng, ban hành kèm Nghị định 20/2021/NĐ-CP.' },
      { name: 'Bản sao Giấy xác nhận khuyết tật', copies: 1, form: 'copy', isRequired: false, note: 'Khi đối tượng là người khuyết tật.' },
      { name: 'Giấy tờ tùy thân của đối tượng hoặc người đại diện', copies: 0, form: 'show_original', isRequired: true },
    ],
    steps: [
      { name: 'Tiếp nhận, kiểm tra hồ sơ', role: 'desk_officer', sharePercent: 10 },
      { name: 'Xem xét, xác minh, đối chiếu thông tin với Cơ sở dữ liệu quốc gia về dân cư', role: 'specialist', sharePercent: 60 },
      { name: 'Chủ tịch UBND cấp xã quyết định', role: 'leader', sharePercent: 20 },
      { name: 'Trả kết quả', role: 'desk_officer', sharePercent: 10 },
    ],
    legalBasis: ['Nghị định 20/2021/NĐ-CP', 'Nghị định 76/2024/NĐ-CP'],
    resultName: 'Quyết định của Chủ tịch UBND cấp xã về trợ cấp xã hội hằng tháng (hoặc văn bản trả lời nêu rõ lý do)',
  },
  {
    code: '1.001731',
    name: 'Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội',
    nameEn: 'Funeral cost support for a social-protection beneficiary',
    field: 'Bảo trợ xã hội',
    level: 'commune',
    // 05 working days as published by DVCQG / the Ministry of Health portal (02 at the commune + 03 at the district,
    // before 07/2025). The commune chairman now decides; the post-2025 limit was not verified.
    timeLimit: { kind: 'days', days: 5 },
    feeVnd: 0,
    feeNote: 'Không thu phí, lệ phí.',
    documents: [
      { name: 'Tờ khai đề nghị hỗ trợ chi phí mai táng (Mẫu số 04 ban hành kèm Nghị định 20/2021/NĐ-CP)', copies: 1, form: 'original', isRequired: true, note: 'Do cơ quan, tổ chức, hộ gia đình hoặc cá nhân đứng ra tổ chức mai táng lập.' },
      { name: 'Bản sao giấy chứng tử (trích lục khai tử) của đối tượng', copies: 1, form: 'copy', isRequired: true },
      { name: 'Bản sao quyết định hoặc danh sách thôi hưởng trợ cấp bảo hiểm xã hội, trợ cấp khác', copies: 1, form: 'copy', isRequired: false, note: 'Khi người chết từ đủ 80 tuổi đang hưởng trợ cấp tuất bảo hiểm xã hội hằng tháng hoặc trợ cấp hằng tháng khác.' },
    ],
    steps: [
      { name: 'Tiếp nhận, kiểm tra hồ sơ', role: 'desk_officer', sharePercent: 10 },
      { name: 'Xem xét, thẩm định hồ sơ', role: 'specialist', sharePercent: 50 },
      { name: 'Chủ tịch UBND cấp xã quyết định hỗ trợ', role: 'leader', sharePercent: 30 },
      { name: 'Trả kết quả, chi trả', role: 'desk_officer', sharePercent: 10 },
    ],
    legalBasis: ['Nghị định 20/2021/NĐ-CP', 'Nghị định 76/2024/NĐ-CP'],
    resultName: 'Quyết định hỗ trợ chi phí mai táng',
  },
  {
    code: '1.014028',
    name: 'Hỗ trợ chi phí mai táng đối với đối tượng hưởng trợ cấp hưu trí xã hội',
    nameEn: 'Funeral cost support for a recipient of the social pension',
    field: 'Bảo trợ xã hội',
    level: 'commune',
    // 03 working days (Nghị định 176/2025/NĐ-CP Art. 5(3)(b), as quoted by the press; Yên Bái/Lào Cai portal: 3 days).
    timeLimit: { kind: 'days', days: 3 },
    feeVnd: 0,
    feeNote: 'Không thu phí, lệ phí.',
    documents: [
      { name: 'Tờ khai đề nghị hỗ trợ chi phí mai táng (Mẫu số 02 ban hành kèm Nghị định 176/2025/NĐ-CP)', copies: 1, form: 'original', isRequired: true, note: 'Do tổ chức, cá nhân lo mai táng lập; nộp trực tiếp, qua bưu chính hoặc trực tuyến.' },
    ],
    steps: [
      { name: 'Tiếp nhận, kiểm tra hồ sơ', role: 'desk_officer', sharePercent: 10 },
      { name: 'Xem xét, đối chiếu danh sách hưởng trợ cấp hưu trí xã hội', role: 'specialist', sharePercent: 50 },
      { name: 'Chủ tịch UBND cấp xã quyết định hỗ trợ', role: 'leader', sharePercent: 30 },
      { name: 'Trả kết quả, chi trả', role: 'desk_officer', sharePercent: 10 },
    ],
    legalBasis: ['Luật Bảo hiểm xã hội 2024', 'Nghị định 176/2025/NĐ-CP', 'Nghị định 20/2021/NĐ-CP'],
    resultName: 'Quyết định hỗ trợ chi phí mai táng',
  },
  {
    code: '1.001699',
    name: 'Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật',
    nameEn: 'Assessment of disability level and disability certificate',
    field: 'Bảo trợ xã hội',
    level: 'commune',
    // DVCQG: 25 working days (council assessment, then 05 working days to post the conclusion and issue the certificate,
    // Thông tư 01/2019/TT-BLĐTBXH Art. 6). Some commune pages publish 20 days; Luật Người khuyết tật Art. 18 counts 30 days.
    timeLimit: { kind: 'days', days: 25 },
    feeVnd: 0,
    feeNote: 'Không thu phí, lệ phí.',
    documents: [
      { name: 'Đơn đề nghị xác định, xác định lại mức độ khuyết tật và cấp, cấp đổi, cấp lại Giấy xác nhận khuyết tật (Mẫu số 01 ban hành kèm Thông tư 01/2019/TT-BLĐTBXH)', copies: 1, form: 'original', isRequired: true },
      { name: 'Bản sao giấy tờ y tế chứng minh về khuyết tật (bệnh án, giấy khám, điều trị, phẫu thuật…)', copies: 1, form: 'copy', isRequired: false, note: 'Nếu có.' },
      { name: 'Bản sao kết luận của Hội đồng Giám định y khoa về khả năng tự phục vụ, mức độ suy giảm khả năng lao động', copies: 1, form: 'copy', isRequired: false, note: 'Khi người khuyết tật đã có kết luận của Hội đồng Giám định y khoa trước ngày 01/6/2012.' },
      { name: 'Giấy xác nhận khuyết tật đã cấp', copies: 1, form: 'original', isRequired: false, note: 'Khi đề nghị xác định lại mức độ khuyết tật.' },
    ],
    steps: [
      { name: 'Tiếp nhận, kiểm tra hồ sơ', role: 'desk_officer', sharePercent: 5 },
      { name: 'Hội đồng xác định mức độ khuyết tật quan sát, phỏng vấn, lập biên bản kết luận', role: 'specialist', sharePercent: 70 },
      { name: 'Niêm yết kết luận; Chủ tịch UBND cấp xã cấp Giấy xác nhận khuyết tật', role: 'leader', sharePercent: 20 },
      { name: 'Trả kết quả', role: 'desk_officer', sharePercent: 5 },
    ],
    legalBasis: ['Luật Người khuyết tật 2010', 'Nghị định 28/2012/NĐ-CP', 'Thông tư 01/2019/TT-BLĐTBXH', 'Thông tư 08/2023/TT-BLĐTBXH'],
    resultName: 'Giấy xác nhận khuyết tật',
  },

  // ───────────────────────────── Người có công (people with meritorious service) ─────────────────────────────
  {
    code: '1.010833',
    name: 'Cấp giấy xác nhận thân nhân của người có công',
    nameEn: 'Certificate of being a relative of a person with meritorious service',
    field: 'Người có công',
    level: 'commune',
    timeLimit: { kind: 'days', days: 5 },
    feeVnd: 0,
    feeNote: 'Không thu phí, lệ phí.',
    documents: [
      { name: 'Đơn đề nghị cấp giấy xác nhận thân nhân của người có công', copies: 1, form: 'original', isRequired: true },
      { name: 'Bản sao được chứng thực giấy chứng nhận người có công (hoặc kỷ niệm chương, huân chương, huy chương kháng chiến, bằng “Tổ quốc ghi công”, bằng “Có công với nước”…)', copies: 1, form: 'certified_copy', isRequired: true },
      { name: 'Bản sao được chứng thực giấy tờ xác nhận mối quan hệ với người có công', copies: 1, form: 'certified_copy', isRequired: false, note: 'Khi mối quan hệ chưa thể hiện trên giấy tờ của người có công (Nghị định 131/2021/NĐ-CP, Điều 116 khoản 1).' },
    ],
    steps: [
      { name: 'Tiếp nhận, kiểm tra hồ sơ', role: 'desk_officer', sharePercent: 10 },
      { name: 'Đối chiếu hồ sơ người có công, dự thảo giấy xác nhận', role: 'specialist', sharePercent: 60 },
      { name: 'Ký giấy xác nhận', role: 'leader', sharePercent: 20 },
      { name: 'Trả kết quả', role: 'desk_officer', sharePercent: 10 },
    ],
    legalBasis: ['Pháp lệnh Ưu đãi người có công với cách mạng 2020', 'Nghị định 131/2021/NĐ-CP'],
    resultName: 'Giấy xác nhận thân nhân của người có công (Mẫu số 45, Phụ lục I Nghị định 131/2021/NĐ-CP)',
  },
]

/** Documents and pages the facts above were taken from, for the maintainers to re-check. */
export const SOURCES: readonly string[] = [
  // National portal and ministry pages.
  'https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=187805 (đăng ký khai sinh: thời hạn, lệ phí)',
  'https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=2476 (xác định mức độ khuyết tật: 25 ngày làm việc, thành phần hồ sơ)',
  'https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=288416 (hỗ trợ chi phí mai táng: thành phần hồ sơ)',
  'dichvucong.moh.gov.vn – thủ tục 1.001731 Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội (05 ngày làm việc)',
  'https://moj.gov.vn/thutuchanhchinh/Pages/chi-tiet-tthc.aspx?ItemID=1202 (mã 1.000593, lĩnh vực hộ tịch)',
  // Provincial and commune one-stop portals.
  'https://dichvucong.laocai.gov.vn/trang-chu/tra-cuu/chi-tiet-thu-tuc?ma-thu-tuc=47936&represent=1 (2.000815: thời hạn chứng thực, kéo dài 02 ngày)',
  'https://dichvucong.laocai.gov.vn/yenbai/tra-cuu/chi-tiet-thu-tuc?ma-thu-tuc=116781&represent=1 (1.014028: 3 ngày)',
  'http://motcua.daklak.gov.vn/trang-chu/tra-cuu/chi-tiet-thu-tuc?ma-thu-tuc=25057 (1.001022: 03 ngày làm việc, phí 15.000 đồng ở Đắk Lắk)',
  'https://motcua.daklak.gov.vn/trang-chu/tra-cuu/chi-tiet-thu-tuc?ma-thu-tuc=39443 (1.010833: 05 ngày làm việc, hồ sơ)',
  'http://vunong.nguyenbinh.caobang.gov.vn/thu-tuc-hanh-chinh-cap-xa/thu-tuc-cap-giay-xac-nhan-tinh-trang-hon-nhan-964125 (1.004873: 03 ngày làm việc)',
  'https://dichvucong.tayninh.gov.vn/ThuTuc/ChiTietThuTuc?ThuTucID=5073 (xác nhận tình trạng hôn nhân: thành phần hồ sơ)',
  'https://phuongquanghanh.campha.gov.vn/phuongquanghanh/chi-tiet-thu-tuc-hanh-chinh/thu-tuc-%C4%91ang-ky-khai-sinh-ket-hop-nhan-cha-me-con-23294 (1.000689: 03 ngày, lệ phí)',
  'https://dichvucong.langson.gov.vn/trang-chu/tra-cuu/chi-tiet-thu-tuc?ma-thu-tuc=22584&represent=1 (căn cứ pháp lý hộ tịch 2025: NĐ 07/2025, NĐ 120/2025, TT 08/2025/TT-BTP)',
  'http://linhchieu.tpthuduc.hochiminhcity.gov.vn/cac-thu-tuc-hanh-chinh/dang-ky-ket-hon/ct/5206/3021 (kết hôn: xác minh không quá 05 ngày làm việc)',
  'http://linhtay.tpthuduc.hochiminhcity.gov.vn/thu-tuc-hanh-chinh/thu-tuc-dang-ky-khai-tu/ct/6073/10454 (khai tử: thời hạn 15 ngày kể từ ngày chết)',
  'http://huyendienbien.gov.vn/nongthonmoi/T/HC/View/Thu-tuc-chung-thuc-chu-ky-trong-cac-giay-to-van-ban-ap-dung-cho-ca-truong-hop-chung-thuc (chứng thực chữ ký: 10.000 đồng, trong ngày)',
  'http://namson.kienan.haiphong.gov.vn/linh-vuc-lao-dong-thuong-binh-xa-hoi/thu-tuc-cap-giay-xac-nhan-than-nhan-cua-nguoi-co-cong-595887 (1.010833)',
  // Secondary legal explainers.
  'https://lawnet.vn/ngan-hang-phap-luat/tu-van-phap-luat/dich-vu-phap-ly/phi-chung-thuc-hop-dong-giao-dich-2023-la-bao-nhieu-thoi-han-chung-thuc-hop-dong-giao-dich-toi-da-la-bao-nhieu-ngay-393954 (Thông tư 226/2016/TT-BTC, Điều 4)',
  'https://congchung2tphcm.com.vn/chung-thuc-ban-sao-2/ (phí chứng thực bản sao)',
  'https://pbgdpl.hanoi.gov.vn/ho-tich-quoc-tich/-/asset_publisher/sxBNLsQSLyY8/content/co-can-xet-nghiem-and-khi-lam-thu-tuc-nhan-cha-con- (Luật Hộ tịch Điều 25; Thông tư 04/2020/TT-BTP Điều 14: chứng cứ nhận cha, mẹ, con)',
  'https://vietthink.vn/1296/print-article.html (đăng ký giám hộ: 03 ngày làm việc, 0 đồng)',
  'https://luatdainam.vn/thu-tuc-cap-lai-giay-khai-sinh (đăng ký lại khai sinh: 05 ngày làm việc, hồ sơ)',
  'https://longphangemini.wixstudio.com/luatlongphanpmt/post/moc-thoi-gian-hoa-giai-tranh-chap-dat-dai-tai-ubnd-cap-xa (hòa giải: 30 ngày, Luật Đất đai 2024 Điều 235)',
  'https://luatlongphan.vn/?p=79018 (hòa giải tranh chấp đất đai tại UBND cấp xã, Nghị định 102/2024/NĐ-CP Điều 105)',
  'https://www.vietnam.vn/en/thu-tuc-huong-tro-cap-xa-hoi-hang-thang-voi-doi-tuong-bao-tro-xa-hoi-tu-1-7-2025 (trợ cấp xã hội hằng tháng từ 01/7/2025: Chủ tịch UBND cấp xã, 10 ngày làm việc)',
  'https://baonghean.vn/muc-huong-ho-tro-chi-phi-mai-tang-la-bao-nhieu-theo-quy-dinh-moi-nhat-10306042.html (Nghị định 176/2025/NĐ-CP: mai táng, 03 ngày làm việc)',
  'https://thuvienphapluat.vn/hoi-dap-phap-luat/45494-hd-trinh-tu-cap-giay-xac-nhan-khuyet-tat-duoc-thuc-hien-nhu-the-nao.html (Thông tư 01/2019/TT-BLĐTBXH Điều 6)',
  'https://thuvienphapluat.vn/hoi-dap-phap-luat/83A1FFB-hd-ho-so-thuc-hien-lien-thong-thu-tuc-hanh-chinh-dang-ky-khai-sinh-dang-ky-thuong-tru-cap-the-bao-hiem.html (Nghị định 63/2024/NĐ-CP Điều 5)',
  'https://amp.cand.com.vn/su-kien-binh-luan-thoi-su/huong-dan-dang-ky-khai-sinh-dang-ky-thuong-tru-cap-the-bhyt-online-cho-tre-duoi-6-tuoi-i734441 (Quyết định 296/QĐ-VPCP: không quá 3 ngày làm việc)',
  // Public data sets (GitHub) mirroring DVCQG records and Hải Phòng resolutions.
  'github.com/hongdienvbhp/BangNiemYetVinhBao data/priority-51-crosswalk.json (mã và tên 51 TTHC cấp xã, Vĩnh Bảo, Hải Phòng)',
  'github.com/hongdienvbhp/BangNiemYetVinhBao data/source-audit/dvc-api-detail-1.001193.json và dvc-api-detail-2.000815.json (bản ghi DVCQG: thành phần hồ sơ, căn cứ pháp lý)',
  'github.com/hongdienvbhp/BangNiemYetVinhBao data/source-audit/priority50-official-time-overrides.json (thời hạn 2.000635, 2.001035, 1.012812, 1.001612…)',
  'github.com/hongdienvbhp/BangNiemYetVinhBao data/phu-luc/phi-le-phi-van-ban.json (lệ phí hộ tịch cấp xã NQ 12/2018 và 16/2023, GPXD NQ 45/2018, ĐKKD NQ 12/2026 của TP Hải Phòng)',
  'github.com/hongdienvbhp/BangNiemYetVinhBao data/phu-luc/QD-2831-Ho-kinh-doanh.json (7 TTHC hộ kinh doanh cấp xã, thời hạn)',
  'github.com/hongdienvbhp/BangNiemYetVinhBao, kiểm tra dữ liệu city-updates (QĐ 3582/QĐ-UBND Hải Phòng: 3.000722, 2.002913 thay 2.000986, 2.001023, 2.002621, 2.002622)',
]
