/**
 * Demo data of news: twenty articles about the demo town's work — the one-stop desk, digital
 * public services, dialogues and citizen reception, sanitation campaigns and waste collection —
 * published over the past five months, plus one scheduled for the coming days and one draft.
 * They are written through the same use cases editors use, so each has its audit entries, its
 * place in the search index and its related articles.
 *
 * THIS IS DEMO DATA: every article, figure and name is invented for this product. The editor is
 * the town's portal moderator of the units feature's demo (unit.seed.ts).
 */
import type { Db } from '../../db/database.ts'
import type { Clock } from '../../platform/clock.ts'
import type { FileStore } from '../../platform/files/files.ts'
import * as units from '../units/index.ts'
import { createArticle, recomputeAllRelated } from './news.service.ts'
import type { ArticleInput } from './news.service.ts'

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000

/** The demo town's portal moderator, who writes and publishes the news. */
const EDITOR = 'kiemduyet.tanuyen'

/** One demo article: when it went out (days before now, at an hour of the day in Vietnam time) and what it says. */
interface DemoArticle {
  readonly daysAgo: number
  readonly hour: number
  readonly status?: 'draft' | 'scheduled'
  readonly input: ArticleInput
}

const SOURCE = 'Văn phòng HĐND và UBND thị xã'

/** The demo articles, oldest first. */
const DEMO_ARTICLES: readonly DemoArticle[] = [
  {
    daysAgo: 150,
    hour: 8,
    input: {
      title: 'Kỳ họp HĐND thị xã thông qua kế hoạch đầu tư công năm tới',
      lead: 'Kỳ họp thường lệ của Hội đồng nhân dân thị xã Tân Uyên đã thông qua kế hoạch đầu tư công với ưu tiên cho thoát nước, trường học và đường nội ô.',
      bodyMd: `Trong hai ngày làm việc, các đại biểu Hội đồng nhân dân thị xã đã thảo luận báo cáo tình hình kinh tế – xã hội và thông qua kế hoạch đầu tư công năm tới.

## Ba nhóm công trình ưu tiên

- Hệ thống thoát nước ở các khu vực thường ngập tại phường Khánh Bình và Uyên Hưng;
- Xây thêm phòng học cho hai trường tiểu học đang quá tải;
- Nâng cấp các tuyến đường nội ô xuống cấp.

Tại phiên chất vấn, nhiều đại biểu đề nghị công khai tiến độ từng công trình để người dân theo dõi. Ủy ban nhân dân thị xã cho biết tiến độ sẽ được đăng định kỳ trên cổng thông tin này.`,
      category: 'chinh-quyen',
      tags: 'HĐND, đầu tư công, thoát nước',
      source: SOURCE,
    },
  },
  {
    daysAgo: 141,
    hour: 9,
    input: {
      title: 'Bộ phận một cửa thị xã làm việc sáng thứ Bảy',
      lead: 'Từ đầu tháng, Bộ phận tiếp nhận và trả kết quả thị xã mở cửa thêm sáng thứ Bảy để người lao động làm thủ tục mà không phải nghỉ làm.',
      bodyMd: `Bộ phận một cửa thị xã tiếp nhận hồ sơ từ 7 giờ 30 đến 11 giờ 30 sáng thứ Bảy hằng tuần, với đủ các lĩnh vực như ngày thường.

Theo khảo sát của thị xã, gần một nửa người đến làm thủ tục là công nhân các khu công nghiệp, phải xin nghỉ việc để nộp hoặc nhận hồ sơ. Việc làm thêm sáng thứ Bảy giúp họ không mất ngày công.

Hồ sơ nhận sáng thứ Bảy được tính thời hạn giải quyết từ ngày làm việc kế tiếp. Người dân có thể tra cứu tình trạng hồ sơ bằng mã hồ sơ và mã PIN in trên giấy tiếp nhận.`,
      category: 'cai-cach-hanh-chinh',
      tags: 'một cửa, cải cách hành chính',
      source: SOURCE,
    },
  },
  {
    daysAgo: 133,
    hour: 7,
    input: {
      title: 'Ra quân “Ngày Chủ nhật xanh” trên toàn thị xã',
      lead: 'Hơn hai nghìn đoàn viên, hội viên và người dân ở 12 phường, xã cùng dọn dẹp kênh mương, đường làng và các điểm rác tồn đọng.',
      bodyMd: `Sáng Chủ nhật, chiến dịch “Ngày Chủ nhật xanh” được phát động đồng loạt ở tất cả các phường, xã của thị xã Tân Uyên.

Các lực lượng đã thu gom khoảng 40 tấn rác, phát quang bụi rậm dọc các tuyến kênh và xóa 15 điểm đổ rác tự phát. Nhiều khu phố tự tổ chức trồng hoa trên những khoảnh đất trước đây là nơi bỏ rác.

Ủy ban nhân dân thị xã đề nghị các phường, xã duy trì chiến dịch vào Chủ nhật cuối mỗi tháng và giao tổ dân phố giám sát các điểm đã dọn để rác không quay lại.`,
      category: 'do-thi-moi-truong',
      tags: 'vệ sinh môi trường, Chủ nhật xanh',
      source: 'Thị đoàn Tân Uyên',
    },
  },
  {
    daysAgo: 124,
    hour: 10,
    input: {
      title: 'Hướng dẫn đăng ký hộ kinh doanh trực tuyến',
      lead: 'Người dân có thể nộp hồ sơ đăng ký hộ kinh doanh qua mạng, nhận kết quả tại nhà mà không cần đến Bộ phận một cửa.',
      bodyMd: `Đăng ký hộ kinh doanh là một trong những thủ tục được cung cấp trực tuyến toàn trình. Quy trình gồm bốn bước:

1. Đăng nhập Cổng dịch vụ công bằng tài khoản định danh điện tử;
2. Chọn thủ tục “Đăng ký thành lập hộ kinh doanh” và khai tờ khai điện tử;
3. Đính kèm bản chụp giấy tờ theo hướng dẫn;
4. Chọn nhận kết quả qua bưu điện hoặc trực tuyến.

Thời hạn giải quyết là 3 ngày làm việc. Nếu hồ sơ cần bổ sung, cán bộ sẽ thông báo một lần qua tin nhắn và thư điện tử, nêu rõ giấy tờ còn thiếu.`,
      category: 'cai-cach-hanh-chinh',
      tags: 'dịch vụ công trực tuyến, chuyển đổi số, hộ kinh doanh',
      source: 'Phòng Tài chính – Kế hoạch',
    },
  },
  {
    daysAgo: 116,
    hour: 14,
    input: {
      title: 'Chủ tịch UBND thị xã đối thoại với người dân Khánh Bình về ngập nước',
      lead: 'Hơn trăm người dân phường Khánh Bình đã nêu ý kiến về tình trạng ngập sau mưa lớn; thị xã hứa nạo vét cống trước mùa mưa.',
      bodyMd: `Buổi đối thoại trực tiếp diễn ra tại hội trường khu phố Khánh Long với sự tham gia của Chủ tịch Ủy ban nhân dân thị xã và lãnh đạo các phòng chuyên môn.

Người dân phản ánh nhiều tuyến hẻm ngập đến nửa bánh xe sau mỗi cơn mưa lớn, nước tràn vào nhà và sạp hàng ở chợ. Nguyên nhân chính được xác định là cống thoát nước bị bùn, rác lấp kín và một đoạn cống bị lấn chiếm.

## Những việc thị xã cam kết

- Nạo vét toàn bộ tuyến cống trước chợ trong tháng tới;
- Kiểm tra, xử lý việc lấn chiếm hành lang thoát nước;
- Đưa tuyến cống mới vào kế hoạch đầu tư công.

Các cam kết được ghi vào biên bản và sẽ được công bố tiến độ trên cổng thông tin.`,
      category: 'doi-thoai-tiep-dan',
      tags: 'đối thoại, ngập nước, thoát nước, Khánh Bình',
      source: SOURCE,
    },
  },
  {
    daysAgo: 108,
    hour: 9,
    input: {
      title: 'Điều chỉnh lịch thu gom rác sinh hoạt tại các phường',
      lead: 'Từ tuần sau, xe thu gom rác đến sớm hơn, vào 6 giờ sáng, theo lịch cố định cho từng khu phố.',
      bodyMd: `Để rác không tồn đọng qua ngày và tránh giờ cao điểm, đơn vị thu gom điều chỉnh lịch như sau:

| Khu vực | Ngày thu gom |
|---|---|
| Uyên Hưng, Khánh Bình | Thứ Hai, Tư, Sáu |
| Tân Phước Khánh, Thái Hòa | Thứ Ba, Năm, Bảy |
| Các phường, xã còn lại | Thứ Hai, Năm |

Người dân vui lòng để rác đúng nơi tập kết trước 6 giờ sáng. Khi xe không đến đúng lịch, xin gửi phản ánh qua mục “Phản ánh, kiến nghị” trên cổng này để được xử lý trong ngày.`,
      category: 'thong-bao',
      tags: 'thu gom rác, lịch thu gom',
      source: 'Phòng Tài nguyên và Môi trường',
    },
  },
  {
    daysAgo: 99,
    hour: 15,
    input: {
      title: 'Đối thoại với tiểu thương chợ Tân Phước Khánh về sắp xếp sạp hàng',
      lead: 'Ban quản lý chợ và Ủy ban nhân dân phường đã lắng nghe tiểu thương trước khi sắp xếp lại khu vực bán hàng tươi sống.',
      bodyMd: `Việc sắp xếp lại sạp hàng nhằm tách khu tươi sống khỏi khu hàng khô, bảo đảm an toàn thực phẩm và lối thoát hiểm.

Tại buổi đối thoại, nhiều tiểu thương lo ngại vị trí mới ít khách qua lại. Phường đã đồng ý bốc thăm công khai vị trí, giữ nguyên mức phí trong sáu tháng đầu và làm thêm biển chỉ dẫn ở các cổng chợ.

Những ý kiến chưa thống nhất được ghi nhận để trả lời bằng văn bản trong vòng mười ngày làm việc.`,
      category: 'doi-thoai-tiep-dan',
      tags: 'đối thoại, chợ, Tân Phước Khánh',
      source: 'UBND phường Tân Phước Khánh',
    },
  },
  {
    daysAgo: 91,
    hour: 8,
    input: {
      title: 'Ra mắt tổ công nghệ số cộng đồng ở 12 phường, xã',
      lead: 'Mỗi khu phố, ấp có một tổ công nghệ số cộng đồng giúp người dân cài ứng dụng, tạo tài khoản định danh và nộp hồ sơ trực tuyến.',
      bodyMd: `Các tổ gồm cán bộ khu phố, đoàn viên thanh niên và những người dân am hiểu công nghệ, được tập huấn về dịch vụ công trực tuyến và an toàn thông tin.

Tổ sẽ hỗ trợ tận nhà cho người cao tuổi và người khuyết tật, và trực tại nhà văn hóa khu phố vào tối thứ Năm hằng tuần.

Thị xã đặt mục tiêu mỗi hộ gia đình có ít nhất một người biết sử dụng dịch vụ công trực tuyến trước cuối năm.`,
      category: 'van-hoa-xa-hoi',
      tags: 'chuyển đổi số, tổ công nghệ số cộng đồng, dịch vụ công trực tuyến',
      source: SOURCE,
    },
  },
  {
    daysAgo: 83,
    hour: 9,
    input: {
      title: 'Thí điểm phân loại rác tại nguồn ở khu phố Long Bình',
      lead: 'Hai trăm hộ dân khu phố Long Bình bắt đầu phân loại rác thành ba nhóm: hữu cơ, tái chế và rác còn lại.',
      bodyMd: `Mỗi hộ tham gia được phát hai thùng chứa và tài liệu hướng dẫn. Rác hữu cơ được thu gom riêng để làm phân bón; rác tái chế được các tổ thu mua phế liệu nhận lại.

Sau ba tháng thí điểm, phường sẽ đánh giá lượng rác giảm được và ý kiến của người dân trước khi mở rộng ra các khu phố khác.

Người dân có câu hỏi về cách phân loại có thể hỏi tổ trưởng khu phố hoặc gửi qua cổng thông tin này.`,
      category: 'do-thi-moi-truong',
      tags: 'phân loại rác, thu gom rác, vệ sinh môi trường',
      source: 'UBND phường Uyên Hưng',
    },
  },
  {
    daysAgo: 75,
    hour: 10,
    input: {
      title: 'Phường Uyên Hưng trả kết quả đúng hạn 98% hồ sơ trong quý',
      lead: 'Bộ phận một cửa phường Uyên Hưng đã giải quyết gần 1.900 hồ sơ, trong đó 98% trả kết quả đúng hoặc trước hạn.',
      bodyMd: `Số hồ sơ trễ hạn chủ yếu thuộc lĩnh vực đất đai, do phải chờ ý kiến của cơ quan khác. Với mỗi hồ sơ trễ hạn, phường đã gửi thư xin lỗi và hẹn lại ngày trả kết quả cho người dân.

Phường công khai số liệu đúng hạn theo từng lĩnh vực trên bảng tin tại trụ sở và trên cổng thông tin, để người dân cùng giám sát.

Trong quý tới, phường sẽ số hóa toàn bộ kết quả giải quyết thủ tục để người dân không phải nộp lại giấy tờ đã có.`,
      category: 'cai-cach-hanh-chinh',
      tags: 'một cửa, hồ sơ đúng hạn, Uyên Hưng',
      source: 'UBND phường Uyên Hưng',
    },
  },
  {
    daysAgo: 66,
    hour: 7,
    input: {
      title: 'Nạo vét cống thoát nước trước mùa mưa',
      lead: 'Thị xã đã nạo vét hơn 12 km cống, mương thoát nước ở những nơi thường ngập, thực hiện cam kết tại buổi đối thoại với người dân Khánh Bình.',
      bodyMd: `Các đội công nhân làm việc cả ban đêm để không ảnh hưởng việc đi lại và buôn bán. Đoạn cống trước chợ Khánh Bình, nơi người dân phản ánh nhiều nhất, đã được nạo vét xong và lắp thêm song chắn rác.

Hai trường hợp xây dựng lấn lên hành lang thoát nước đã được lập biên bản và yêu cầu tháo dỡ.

Người dân phát hiện miệng cống bị tắc có thể chụp ảnh, gửi phản ánh qua cổng thông tin kèm địa chỉ để được xử lý.`,
      category: 'do-thi-moi-truong',
      tags: 'thoát nước, ngập nước, Khánh Bình',
      source: 'Phòng Quản lý đô thị',
    },
  },
  {
    daysAgo: 58,
    hour: 14,
    input: {
      title: 'Hội nghị sơ kết sáu tháng công tác cải cách hành chính',
      lead: 'Thị xã đánh giá kết quả cải cách hành chính sáu tháng và đặt mục tiêu nâng tỷ lệ hồ sơ nộp trực tuyến.',
      bodyMd: `Hội nghị ghi nhận tỷ lệ hồ sơ đúng hạn toàn thị xã đạt trên 96%, chỉ số hài lòng của người dân tăng so với cùng kỳ.

Tuy nhiên, tỷ lệ hồ sơ nộp trực tuyến mới đạt khoảng một phần ba. Chủ tịch Ủy ban nhân dân thị xã yêu cầu các phường, xã phát huy tổ công nghệ số cộng đồng, hướng dẫn người dân ngay tại Bộ phận một cửa.

Hội nghị cũng biểu dương ba cán bộ một cửa được người dân đánh giá cao nhất qua máy đánh giá tại quầy.`,
      category: 'chinh-quyen',
      tags: 'cải cách hành chính, chỉ số hài lòng, một cửa',
      source: SOURCE,
    },
  },
  {
    daysAgo: 50,
    hour: 9,
    input: {
      title: 'Kết quả khảo sát mức độ hài lòng của người dân',
      lead: 'Gần 3.000 lượt đánh giá qua máy tại quầy và phiếu khảo sát cho thấy người dân hài lòng nhất với thái độ phục vụ của cán bộ.',
      bodyMd: `Khảo sát hỏi người dân về năm nhóm tiêu chí: tiếp cận dịch vụ, thủ tục, công chức, kết quả và việc tiếp nhận góp ý.

Điểm thấp nhất thuộc về thời gian chờ tại quầy vào sáng thứ Hai. Thị xã sẽ bố trí thêm một quầy tiếp nhận vào khung giờ này và hướng dẫn người dân đặt lịch hẹn trước.

Kết quả chi tiết theo từng phường, xã được công bố tại mục thống kê của cổng thông tin.`,
      category: 'cai-cach-hanh-chinh',
      tags: 'chỉ số hài lòng, một cửa, khảo sát',
      source: SOURCE,
    },
  },
  {
    daysAgo: 43,
    hour: 8,
    input: {
      title: 'Xử lý các điểm đổ rác trái phép ven đường',
      lead: 'Lực lượng chức năng đã xử phạt bảy trường hợp đổ rác, xà bần trái phép và lắp camera giám sát tại ba điểm nóng.',
      bodyMd: `Các điểm đổ rác trái phép thường nằm trên những tuyến đường vắng, giáp ranh giữa các phường. Sau khi dọn sạch, thị xã lắp camera và biển cảnh báo.

Mức phạt với hành vi đổ chất thải rắn không đúng nơi quy định có thể lên đến hàng chục triệu đồng đối với tổ chức.

Thị xã cảm ơn những người dân đã gửi ảnh và vị trí qua mục phản ánh, giúp lực lượng chức năng xử lý kịp thời.`,
      category: 'do-thi-moi-truong',
      tags: 'vệ sinh môi trường, xử phạt, phản ánh kiến nghị',
      source: 'Phòng Tài nguyên và Môi trường',
    },
  },
  {
    daysAgo: 36,
    hour: 16,
    input: {
      title: 'Thông báo tạm ngừng nhận hồ sơ đất đai hai ngày để chuyển đổi phần mềm',
      lead: 'Bộ phận một cửa tạm ngừng tiếp nhận hồ sơ lĩnh vực đất đai trong hai ngày cuối tuần tới; các lĩnh vực khác vẫn làm việc bình thường.',
      bodyMd: `Việc chuyển dữ liệu sang phần mềm quản lý mới giúp tra cứu hồ sơ đất đai nhanh hơn và liên thông với cơ quan thuế.

Hồ sơ đã nhận trước thời gian này vẫn được giải quyết theo đúng hẹn. Người dân có thể tra cứu tình trạng hồ sơ trên cổng thông tin như thường lệ.

Thị xã xin lỗi vì sự bất tiện và cảm ơn người dân đã thông cảm.`,
      category: 'thong-bao',
      tags: 'một cửa, đất đai, chuyển đổi số',
      source: 'Văn phòng Đăng ký đất đai',
    },
  },
  {
    daysAgo: 29,
    hour: 7,
    input: {
      title: 'Làm căn cước lưu động cho người dân xã Bạch Đằng',
      lead: 'Công an thị xã phối hợp với xã Bạch Đằng làm thủ tục cấp căn cước ngay tại nhà văn hóa ấp cho người cao tuổi và người ở xa.',
      bodyMd: `Trong hai ngày, tổ lưu động đã tiếp nhận gần 600 hồ sơ cấp, đổi căn cước và kích hoạt tài khoản định danh điện tử.

Nhiều cụ cao tuổi được các đoàn viên đưa đón đến điểm làm thủ tục. Với người nằm liệt giường, tổ đến làm tại nhà.

Xã Bạch Đằng sẽ thông báo lịch đợt tiếp theo qua loa truyền thanh và cổng thông tin.`,
      category: 'van-hoa-xa-hoi',
      tags: 'căn cước, lưu động, Bạch Đằng',
      source: 'UBND xã Bạch Đằng',
    },
  },
  {
    daysAgo: 22,
    hour: 9,
    input: {
      title: 'Thăm hỏi, tặng quà gia đình chính sách',
      lead: 'Lãnh đạo thị xã và các phường, xã đã thăm hỏi, tặng quà các gia đình thương binh, liệt sĩ và người có công trên địa bàn.',
      bodyMd: `Các đoàn đã đến thăm hơn 400 gia đình, trao quà và lắng nghe tâm tư, nguyện vọng của các gia đình.

Những kiến nghị về chế độ chính sách được ghi nhận và chuyển đến phòng chuyên môn trả lời trong thời hạn luật định.

Thị xã cũng tổ chức dọn dẹp, thắp hương tại nghĩa trang liệt sĩ với sự tham gia của đông đảo đoàn viên thanh niên.`,
      category: 'van-hoa-xa-hoi',
      tags: 'an sinh xã hội, người có công',
      source: SOURCE,
    },
  },
  {
    daysAgo: 15,
    hour: 10,
    input: {
      title: 'Chín trên mười phản ánh của người dân được trả lời đúng hạn',
      lead: 'Sau năm tháng vận hành mục “Phản ánh, kiến nghị” trên cổng thông tin, phần lớn phản ánh được trả lời trong thời hạn cam kết.',
      bodyMd: `Các phản ánh nhiều nhất liên quan đến thu gom rác, ngập nước và trật tự đô thị. Mỗi phản ánh được chuyển đến đúng phường, xã và cán bộ phụ trách, với thời hạn trả lời tính theo ngày làm việc.

Những phản ánh người gửi đồng ý công khai được đăng cùng câu trả lời, để người có cùng vấn đề không phải gửi lại.

Người dân có thể đánh giá câu trả lời và đề nghị xem xét lại nếu chưa hài lòng.`,
      category: 'chinh-quyen',
      tags: 'phản ánh kiến nghị, chuyển đổi số, thu gom rác',
      source: SOURCE,
    },
  },
  {
    daysAgo: 9,
    hour: 8,
    input: {
      title: 'Ngày hội thanh toán không dùng tiền mặt ở chợ Uyên Hưng',
      lead: 'Tiểu thương chợ Uyên Hưng được hướng dẫn mở tài khoản và in mã QR để nhận tiền, người mua thanh toán bằng điện thoại.',
      bodyMd: `Tổ công nghệ số cộng đồng phường cùng các ngân hàng đã hỗ trợ hơn 150 tiểu thương ngay tại sạp hàng.

Người dân cũng được hướng dẫn nộp phí, lệ phí thủ tục hành chính bằng hình thức trực tuyến, không phải xếp hàng nộp tiền mặt tại quầy.

Phường sẽ tiếp tục tổ chức ngày hội tại chợ Tân Phước Khánh vào tháng sau.`,
      category: 'van-hoa-xa-hoi',
      tags: 'chuyển đổi số, thanh toán không dùng tiền mặt, chợ',
      source: 'UBND phường Uyên Hưng',
    },
  },
  {
    daysAgo: 3,
    hour: 16,
    input: {
      title: 'Lịch tiếp công dân định kỳ của lãnh đạo thị xã',
      lead: 'Chủ tịch Ủy ban nhân dân thị xã tiếp công dân định kỳ vào ngày 15 hằng tháng tại Trụ sở tiếp công dân.',
      bodyMd: `Người dân có khiếu nại, tố cáo, kiến nghị, phản ánh có thể đến trực tiếp vào giờ hành chính của ngày tiếp dân. Nếu ngày 15 trùng ngày nghỉ, buổi tiếp dân chuyển sang ngày làm việc kế tiếp.

Khi đến, xin mang theo căn cước và các giấy tờ liên quan đến nội dung trình bày.

Lịch tiếp công dân của các phường, xã được đăng tại mục “Tiếp công dân” trên cổng thông tin.`,
      category: 'doi-thoai-tiep-dan',
      tags: 'tiếp công dân, khiếu nại, đối thoại',
      source: 'Ban Tiếp công dân thị xã',
    },
  },
  {
    daysAgo: -3,
    hour: 7,
    status: 'scheduled',
    input: {
      title: 'Đối thoại với người dân phường Thái Hòa về chỉnh trang đô thị',
      lead: 'Ủy ban nhân dân thị xã sẽ đối thoại với người dân phường Thái Hòa về kế hoạch chỉnh trang vỉa hè và chiếu sáng.',
      bodyMd: `Buổi đối thoại nhằm lấy ý kiến người dân trước khi triển khai chỉnh trang vỉa hè, lắp đèn chiếu sáng và trồng cây xanh trên ba tuyến đường chính.

Người dân có thể gửi câu hỏi trước qua cổng thông tin để được trả lời tại buổi đối thoại.`,
      category: 'doi-thoai-tiep-dan',
      tags: 'đối thoại, chỉnh trang đô thị, Thái Hòa',
      source: SOURCE,
    },
  },
  {
    daysAgo: 1,
    hour: 11,
    status: 'draft',
    input: {
      title: 'Tổng kết một năm vận hành cổng thông tin (bản nháp)',
      lead: 'Bài tổng kết đang được biên tập, chưa đăng.',
      bodyMd: 'Số liệu tổng kết sẽ được bổ sung khi có báo cáo chính thức.',
      category: 'chinh-quyen',
      tags: 'chuyển đổi số',
      source: SOURCE,
    },
  },
]

/** How many times seedDemoNews calls `step`: once per article, once for the related lists. */
export const DEMO_NEWS_STEPS = DEMO_ARTICLES.length + 1

/** A file store for a seed that has no images: anything written to it is a bug. */
const NO_FILES: FileStore = {
  put: () => Promise.reject(new Error('the news demo has no images')),
  get: () => Promise.resolve(null),
  delete: () => Promise.resolve(),
}

/**
 * Seeds the demo articles through the use cases, with the clock set to when each was written;
 * calls `step` after each article and after rebuilding the related lists. Does nothing on a
 * database without the demo's editor.
 */
export async function seedDemoNews(deps: { readonly db: Db; readonly clock: Clock }, step: () => void = () => {}): Promise<void> {
  const editor = await units.getStaffByUsername(deps, EDITOR).catch(() => null)
  const principal = editor ? await units.loadPrincipal(deps, editor.id) : null
  if (!principal) return
  const start = deps.clock.now()
  let current = start
  const clock: Clock = { now: () => new Date(current) }
  for (const demo of DEMO_ARTICLES) {
    // At the hour given, Vietnam time, on the day; a scheduled article is written today for its day.
    const day = Math.floor((start.getTime() - demo.daysAgo * DAY_MS + 7 * HOUR_MS) / DAY_MS) * DAY_MS - 7 * HOUR_MS
    const at = new Date(day + demo.hour * HOUR_MS)
    current = demo.status === 'scheduled' ? start : new Date(Math.min(at.getTime(), start.getTime()))
    const status = demo.status === 'scheduled' ? { status: 'scheduled', publishAt: at.toISOString() } : { status: demo.status ?? 'published' }
    await createArticle({ db: deps.db, clock, files: NO_FILES }, principal, { ...demo.input, ...status })
    step()
  }
  // Articles written early could not name the later ones: every list once more, with all of them out.
  await recomputeAllRelated(deps)
  step()
}
