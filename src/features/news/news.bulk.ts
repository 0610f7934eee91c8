/**
 * Generates many realistic published news articles fast, for benchmarks and province-scale data:
 * varied Vietnamese titles, leads and bodies put together from our own word lists, categories and
 * tags, related lists picked by the app's own scoring, and each article's document and postings
 * in the site search index exactly as publishing would write them. Rows go in multi-row batches,
 * one transaction per batch, straight into the tables (no audit entries, which a generated
 * history does not need). Deterministic for a given seed.
 *
 * THIS IS GENERATED DATA: every sentence, figure and name is invented from the lists below.
 */
import type { Insertable } from 'kysely'
import { sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import { dialectOf, instant } from '../../db/portable.ts'
import { generatedName, pick, seededRandom } from '../../platform/seeded-random.ts'
import { addDocuments } from '../../platform/search/search.ts'
import { renderMarkdown } from './news.markdown.ts'
import { candidateOf, searchDocumentOf } from './news.service.ts'
import type { NewsArticlesTable } from './news.table.ts'
import { initialsOf, parseTags, pickRelated, slugify, uniqueSlug } from './news.ts'
import type { RelatedCandidate, RelatedPick } from './news.ts'

/** Where generated articles are spread: the units that publish them. */
export interface NewsBulkContext {
  readonly units: readonly { id: number; name: string }[]
}

/** Options of a generation run. */
export interface NewsBulkOptions {
  readonly count: number
  /** Articles are published between these instants, oldest first. */
  readonly from: Date
  readonly to: Date
  readonly seed?: number
  readonly batchSize?: number
  readonly onProgress?: (done: number, total: number) => void
}

/** A generated article, as the sample returned names it. */
export interface GeneratedArticle {
  readonly id: number
  readonly slug: string
  readonly category: string
  readonly title: string
}

/**
 * How many earlier articles the related scoring looks at per tag, in the same category and
 * overall. The app looks at more when one article is saved (news.service.ts); here every article
 * is scored, so the windows are smaller, and each list names articles published before it.
 */
const RELATED_WINDOWS = Object.freeze({ perTag: 16, category: 16, overall: 8 })

const HOUR_MS = 3_600_000

/** What an article is about, per category: noun phrases that follow a verb in a title. */
const TOPICS: Readonly<Record<string, readonly string[]>> = {
  'chinh-quyen': [
    'kế hoạch đầu tư công trung hạn',
    'nghị quyết phát triển kinh tế – xã hội',
    'chương trình giám sát chuyên đề',
    'công tác tiếp xúc cử tri',
    'kế hoạch phòng, chống thiên tai',
    'dự toán ngân sách năm sau',
    'quy chế dân chủ ở cơ sở',
    'công tác phòng cháy, chữa cháy',
    'phong trào thi đua yêu nước',
    'phương án sắp xếp khu phố, ấp',
    'chương trình xây dựng nông thôn mới',
    'công tác quản lý đất đai',
  ],
  'cai-cach-hanh-chinh': [
    'dịch vụ công trực tuyến toàn trình',
    'thanh toán không dùng tiền mặt tại bộ phận một cửa',
    'số hóa hồ sơ và kết quả giải quyết thủ tục hành chính',
    'chữ ký số cho người dân',
    'dữ liệu dân cư trong giải quyết thủ tục hành chính',
    'tiếp nhận hồ sơ ngoài giờ hành chính',
    'khảo sát sự hài lòng của người dân',
    'rút ngắn thời gian giải quyết hồ sơ đất đai',
    'trả kết quả qua dịch vụ bưu chính công ích',
    'niêm yết công khai thủ tục hành chính',
    'chuyển đổi số trong cơ quan nhà nước',
    'liên thông thủ tục khai sinh, thường trú và bảo hiểm y tế',
  ],
  'do-thi-moi-truong': [
    'thu gom và phân loại rác tại nguồn',
    'nạo vét hệ thống thoát nước',
    'trồng cây xanh trên các tuyến đường',
    'chỉnh trang vỉa hè, lòng đường',
    'lắp đặt đèn chiếu sáng công cộng',
    'xử lý các điểm đổ rác tự phát',
    'chống ngập tại các khu dân cư',
    'kiểm tra trật tự xây dựng',
    'cải tạo kênh mương nội đồng',
    'bảo vệ nguồn nước sinh hoạt',
    'xây dựng tuyến phố văn minh',
    'giảm rác thải nhựa trong chợ truyền thống',
  ],
  'doi-thoai-tiep-dan': [
    'đối thoại về bồi thường, giải phóng mặt bằng',
    'tiếp công dân định kỳ',
    'giải quyết kiến nghị của cử tri',
    'đối thoại với hộ kinh doanh',
    'lắng nghe ý kiến đoàn viên thanh niên',
    'giải quyết đơn thư khiếu nại, tố cáo',
    'đối thoại với công nhân các khu công nghiệp',
    'trả lời phản ánh về ô nhiễm tiếng ồn',
    'tiếp nhận phản ánh qua đường dây nóng',
    'đối thoại về cấp giấy chứng nhận quyền sử dụng đất',
  ],
  'van-hoa-xa-hoi': [
    'hội thao người cao tuổi',
    'tiêm chủng mở rộng cho trẻ em',
    'khám sức khỏe miễn phí cho người có công',
    'trao học bổng cho học sinh nghèo hiếu học',
    'ngày hội văn hóa các dân tộc',
    'phòng, chống sốt xuất huyết',
    'xây dựng gia đình văn hóa',
    'hỗ trợ nhà ở cho hộ nghèo',
    'giải bóng đá thiếu niên',
    'ngày hội đọc sách',
    'tuyển sinh đầu cấp',
    'chăm lo Tết cho hộ khó khăn',
  ],
  'thong-bao': [
    'lịch tiếp công dân',
    'lịch tạm ngừng cấp điện để bảo trì lưới điện',
    'kế hoạch tuyển dụng viên chức',
    'lịch thu gom rác dịp lễ',
    'giờ làm việc mới của bộ phận một cửa',
    'kết quả bình chọn khu phố văn hóa',
    'việc lấy ý kiến dự thảo quy hoạch',
    'phương án phân luồng giao thông',
    'lịch nghỉ lễ của cơ quan',
    'kế hoạch diễn tập phòng cháy',
  ],
}

/** Verbs a title puts between the unit and the topic. */
const ACTIONS = ['triển khai', 'đẩy mạnh', 'tổng kết', 'ra quân', 'hoàn thành', 'sơ kết', 'rà soát', 'kiểm tra', 'tăng cường', 'phát động', 'thí điểm', 'mở rộng', 'lấy ý kiến về', 'thông qua', 'công bố', 'hướng dẫn']

/** Tags per category, as editors type them. */
const TAGS: Readonly<Record<string, readonly string[]>> = {
  'chinh-quyen': ['HĐND', 'đầu tư công', 'ngân sách', 'cử tri', 'nông thôn mới', 'thi đua'],
  'cai-cach-hanh-chinh': ['một cửa', 'dịch vụ công', 'chuyển đổi số', 'thủ tục hành chính', 'chữ ký số', 'cải cách hành chính'],
  'do-thi-moi-truong': ['môi trường', 'rác thải', 'thoát nước', 'cây xanh', 'trật tự đô thị', 'chống ngập'],
  'doi-thoai-tiep-dan': ['đối thoại', 'tiếp công dân', 'khiếu nại', 'kiến nghị', 'giải phóng mặt bằng'],
  'van-hoa-xa-hoi': ['y tế', 'giáo dục', 'thể thao', 'an sinh xã hội', 'văn hóa', 'người cao tuổi'],
  'thong-bao': ['thông báo', 'lịch làm việc', 'tuyển dụng', 'giao thông', 'điện lực'],
}

const PARTICIPANTS = ['cán bộ, công chức', 'đoàn viên thanh niên', 'hội viên phụ nữ', 'người dân', 'hộ kinh doanh', 'học sinh', 'đại biểu', 'tình nguyện viên', 'cựu chiến binh']
const GOALS = [
  'nâng cao chất lượng phục vụ người dân',
  'giảm thời gian đi lại của người dân',
  'bảo đảm vệ sinh môi trường',
  'tạo thuận lợi cho doanh nghiệp',
  'giữ gìn trật tự đô thị',
  'chăm lo đời sống người dân',
  'công khai, minh bạch hoạt động của chính quyền',
  'lắng nghe tâm tư, nguyện vọng của người dân',
]
const TIMES = ['Sáng', 'Chiều', 'Sáng sớm', 'Tối']
const WEEKDAYS = ['thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy', 'Chủ nhật']
const ROLES = ['Chủ tịch UBND', 'Phó Chủ tịch UBND', 'Bí thư Đảng ủy', 'Trưởng phòng Văn hóa – Thông tin', 'Trưởng khu phố', 'Trưởng ấp', 'Chủ tịch Ủy ban MTTQ']
const SOURCES = ['Văn phòng HĐND và UBND', 'Trung tâm Văn hóa – Thông tin', 'Phòng Tài nguyên và Môi trường', 'Bộ phận một cửa', 'Ủy ban MTTQ', 'Đoàn Thanh niên']
const HEADINGS = ['Kết quả bước đầu', 'Những việc cần làm tiếp', 'Ý kiến người dân', 'Thời gian và địa điểm', 'Một số lưu ý', 'Cách thực hiện']

/** Body sentences any article may use; {u} unit, {n} a count, {p} a percentage, {d} a date, {who} a person, {g} a goal, {m} an amount. */
const SENTENCES = [
  'Theo báo cáo của {u}, đến nay đã có {n} hồ sơ được tiếp nhận và giải quyết đúng hạn, đạt {p}%.',
  'Phát biểu tại buổi làm việc, đồng chí {who} đề nghị các đơn vị phối hợp chặt chẽ và báo cáo kết quả trước ngày {d}.',
  'Ý kiến của người dân được ghi nhận đầy đủ và chuyển đến bộ phận chuyên môn để xem xét, trả lời trong thời hạn quy định.',
  'Trong thời gian tới, {u} sẽ tiếp tục kiểm tra, đôn đốc và công khai kết quả trên cổng thông tin điện tử.',
  'Người dân cần hỗ trợ có thể liên hệ bộ phận một cửa trong giờ hành chính hoặc gọi đường dây nóng của {u}.',
  'Qua {k} tháng thực hiện, nhiều khu phố, ấp đã có chuyển biến rõ rệt, được người dân đồng tình ủng hộ.',
  'Tổng kinh phí thực hiện khoảng {m} triệu đồng, từ nguồn ngân sách và vận động xã hội hóa.',
  'Hoạt động nhằm {g}, đồng thời tạo sự đồng thuận trong cộng đồng dân cư.',
  'Đến ngày {d}, toàn địa bàn đã có {n} lượt người dân tham gia, tăng {p}% so với cùng kỳ năm trước.',
  'Đồng chí {who} cho biết đơn vị sẽ rút kinh nghiệm những việc còn chậm và nhân rộng các cách làm hay.',
  'Các khu phố, ấp được giao chỉ tiêu cụ thể, có phân công cán bộ theo dõi và báo cáo hằng tuần.',
  'Nhiều hộ gia đình chủ động tham gia, góp thêm ngày công và vật liệu để công việc hoàn thành sớm.',
  'Kết quả được đánh giá công khai tại kỳ họp tới, làm căn cứ xét thi đua cuối năm.',
  'Lực lượng đoàn viên, hội viên được huy động hỗ trợ người cao tuổi và người khuyết tật.',
]

/** Sentences that belong to one category. */
const CATEGORY_SENTENCES: Readonly<Record<string, readonly string[]>> = {
  'chinh-quyen': [
    'Các đại biểu thảo luận kỹ từng nội dung trước khi biểu quyết thông qua với tỷ lệ tán thành {p}%.',
    'Cử tri kiến nghị ưu tiên vốn cho đường giao thông nông thôn, trường học và hệ thống thoát nước.',
    'Ủy ban nhân dân được giao tổ chức thực hiện và báo cáo tiến độ tại kỳ họp giữa năm.',
  ],
  'cai-cach-hanh-chinh': [
    'Người dân có thể nộp hồ sơ trực tuyến, theo dõi tiến độ bằng mã hồ sơ và nhận kết quả tại nhà.',
    'Tỷ lệ hồ sơ trực tuyến toàn trình đạt {p}%, thời gian chờ tại quầy giảm còn khoảng {k} phút.',
    'Cán bộ bộ phận một cửa hướng dẫn người dân cài đặt ứng dụng và sử dụng tài khoản định danh điện tử.',
  ],
  'do-thi-moi-truong': [
    'Lực lượng ra quân đã thu gom khoảng {k} tấn rác, phát quang bụi rậm và khơi thông cống rãnh.',
    'Các tuyến đường sau chỉnh trang được lắp thêm đèn chiếu sáng và trồng mới {n} cây xanh.',
    'Người dân được hướng dẫn phân loại rác thành rác hữu cơ, rác tái chế và rác còn lại.',
  ],
  'doi-thoai-tiep-dan': [
    'Tại buổi đối thoại, {n} ý kiến được nêu, phần lớn liên quan đến đất đai, môi trường và an ninh trật tự.',
    'Những nội dung chưa thể trả lời ngay được ghi nhận và hẹn trả lời bằng văn bản trong {k} ngày.',
    'Lãnh đạo địa phương trực tiếp trả lời, giải thích chính sách và hướng dẫn thủ tục cho người dân.',
  ],
  'van-hoa-xa-hoi': [
    'Chương trình thu hút {n} lượt người tham gia, trong đó có nhiều thanh thiếu niên và người cao tuổi.',
    'Các suất quà và học bổng được trao tận tay gia đình, với tổng trị giá khoảng {m} triệu đồng.',
    'Ngành y tế khuyến cáo người dân diệt lăng quăng, vệ sinh nhà cửa và đưa trẻ đi tiêm đúng lịch.',
  ],
  'thong-bao': [
    'Thời gian áp dụng từ ngày {d}; mọi thay đổi tiếp theo sẽ được thông báo trên cổng thông tin này.',
    'Cơ quan, đơn vị và người dân trên địa bàn chủ động sắp xếp công việc phù hợp.',
    'Mọi thắc mắc xin liên hệ Văn phòng {u} trong giờ hành chính để được giải đáp.',
  ],
}

/** Short items of a bullet list in a body. */
const LIST_ITEMS = [
  'rà soát và cập nhật danh sách hộ dân',
  'niêm yết thông tin tại nhà văn hóa khu phố',
  'bố trí cán bộ trực hỗ trợ vào cuối tuần',
  'tuyên truyền qua loa phát thanh và mạng xã hội',
  'phối hợp với các đoàn thể vận động người dân',
  'báo cáo kết quả định kỳ hằng tháng',
  'kiểm tra thực tế tại các điểm nóng',
  'lấy ý kiến đánh giá của người dân sau khi thực hiện',
  'biểu dương tập thể, cá nhân tiêu biểu',
]

/** A unit's name where it stands inside a sentence: "Phường An" → "phường An". */
function inSentence(name: string): string {
  return /^(Phường|Xã|Thị xã|Thị trấn|Thành phố|Huyện|Quận|Tỉnh)\b/u.test(name) ? name.charAt(0).toLocaleLowerCase('vi') + name.slice(1) : name
}

/** A unit's name without its level, as a tag: "Phường Uyên Hưng" → "Uyên Hưng". */
function placeTag(name: string): string {
  return name.replace(/^(Phường|Xã|Thị xã|Thị trấn|Thành phố|Huyện|Quận|Tỉnh)\s+/u, '')
}

/** A number with Vietnamese thousands dots: 12500 → "12.500". */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.')
}

/** One block of a body: its Markdown and the HTML that rendering it gives. */
interface Block {
  readonly md: string
  readonly html: string
}

/** Inline Markdown of generated text: only **bold** (the text has no other Markdown character). */
function inlineHtml(text: string): string {
  return text.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
}

/** A paragraph block. */
function paragraph(text: string): Block {
  return { md: text, html: `<p>${inlineHtml(text)}</p>` }
}

/** A heading block (## in Markdown; the renderer shifts headings one level down, under the page's h1 and h2). */
function heading(text: string): Block {
  return { md: `## ${text}`, html: `<h3>${text}</h3>` }
}

/** A bullet list block. */
function list(items: readonly string[]): Block {
  return { md: items.map((i) => `- ${i}`).join('\n'), html: `<ul>\n${items.map((i) => `<li>${inlineHtml(i)}</li>`).join('\n')}\n</ul>` }
}

/** What the generator makes of one article before it has an id. */
interface Draft {
  readonly row: Insertable<NewsArticlesTable>
  readonly tags: ReturnType<typeof parseTags>
  readonly publishedAt: Date
}

/** A sentence with its slots filled. */
function fill(random: () => number, template: string, unit: string, goal: string): string {
  return template.replace(/\{(\w+)\}/g, (_whole, slot: string) => {
    switch (slot) {
      case 'u':
        return unit
      case 'n':
        return thousands(20 + Math.floor(random() * 4000))
      case 'p':
        return String(60 + Math.floor(random() * 40))
      case 'k':
        return String(2 + Math.floor(random() * 20))
      case 'm':
        return thousands(50 + Math.floor(random() * 3000))
      case 'd':
        return `${1 + Math.floor(random() * 28)}/${1 + Math.floor(random() * 12)}`
      case 'who':
        return `${generatedName(random)}, ${pick(random, ROLES)}`
      case 'g':
        return goal
      default:
        return slot
    }
  })
}

/** One article's content, made up from the lists. */
function draftArticle(random: () => number, context: NewsBulkContext, publishedAt: Date, takenSlugs: Set<string>): Draft {
  const category = pick(random, Object.keys(TOPICS))
  const topic = pick(random, TOPICS[category]!)
  const unit = pick(random, context.units)
  const unitName = inSentence(unit.name)
  const local = new Date(publishedAt.getTime() + 7 * HOUR_MS)
  const qualifier = pick(random, ['', '', ` năm ${local.getUTCFullYear()}`, ` tháng ${local.getUTCMonth() + 1}`, ` quý ${['I', 'II', 'III', 'IV'][Math.floor(local.getUTCMonth() / 3)]}`, ` đợt ${1 + Math.floor(random() * 4)}`])
  const title =
    category === 'thong-bao'
      ? random() < 0.5
        ? `Thông báo ${topic}${qualifier} của ${unitName}`
        : `${unit.name} thông báo ${topic}${qualifier}`
      : `${unit.name} ${pick(random, ACTIONS)} ${topic}${qualifier}`
  const goal = pick(random, GOALS)
  const lead =
    random() < 0.5
      ? `${pick(random, TIMES)} ${pick(random, WEEKDAYS)}, ${unitName} đã ${pick(random, ACTIONS)} ${topic}, với sự tham gia của ${thousands(20 + Math.floor(random() * 900))} ${pick(random, PARTICIPANTS)}.`
      : `Nhằm ${goal}, ${unitName} ${pick(random, ACTIONS)} ${topic} từ ngày ${local.getUTCDate()}/${local.getUTCMonth() + 1} đến hết tháng ${1 + ((local.getUTCMonth() + 1) % 12)}.`
  // No sentence twice in one article, as a writer would not repeat one.
  const used = new Set<string>()
  const sentence = () => {
    let template = ''
    do template = random() < 0.4 ? pick(random, CATEGORY_SENTENCES[category]!) : pick(random, SENTENCES)
    while (used.has(template) && used.size < SENTENCES.length)
    used.add(template)
    return fill(random, template, unitName, goal)
  }
  const paragraphText = (sentences: number) => {
    const parts = Array.from({ length: sentences }, sentence)
    // Now and then a phrase in bold, as editors stress the key figure or date.
    if (random() < 0.3) parts[0] = `**${topic.charAt(0).toLocaleUpperCase('vi')}${topic.slice(1)}:** ${parts[0]}`
    return parts.join(' ')
  }
  const blocks: Block[] = [paragraph(paragraphText(2 + Math.floor(random() * 2)))]
  const sections = 1 + Math.floor(random() * 3)
  for (let s = 0; s < sections; s++) {
    if (random() < 0.6) blocks.push(heading(pick(random, HEADINGS)))
    blocks.push(paragraph(paragraphText(2 + Math.floor(random() * 3))))
    if (random() < 0.35) {
      const items = new Set<string>()
      const wanted = 2 + Math.floor(random() * 3)
      while (items.size < wanted) items.add(pick(random, LIST_ITEMS))
      blocks.push(list([...items].map((i) => `${i.charAt(0).toLocaleUpperCase('vi')}${i.slice(1)};`)))
    }
  }
  const bodyMd = blocks.map((b) => b.md).join('\n\n')
  const bodyHtml = blocks.map((b) => b.html).join('\n')
  const tagPool = TAGS[category]!
  const tagTexts = new Set<string>()
  const tagCount = 1 + Math.floor(random() * 3)
  while (tagTexts.size < tagCount) tagTexts.add(pick(random, tagPool))
  if (random() < 0.5) tagTexts.add(placeTag(unit.name))
  const tags = parseTags([...tagTexts].join(', '))
  const slug = uniqueSlug(slugify(title), (s) => takenSlugs.has(s))
  takenSlugs.add(slug)
  const createdAt = new Date(publishedAt.getTime() - Math.floor(random() * 48 * HOUR_MS))
  return {
    row: {
      unit_id: unit.id,
      slug,
      title,
      lead,
      body_md: bodyMd,
      body_html: bodyHtml,
      category,
      source: random() < 0.8 ? `${pick(random, SOURCES)} ${placeTag(unit.name)}` : null,
      author_id: null,
      author_initials: initialsOf(generatedName(random)),
      status: 'published',
      publish_at: null,
      published_at: instant(publishedAt),
      cover_image_id: null,
      comments_enabled: random() < 0.9 ? 1 : 0,
      created_at: instant(createdAt),
      updated_at: instant(publishedAt),
    },
    tags,
    publishedAt,
  }
}

/** The most recent related candidates, newest last, up to a size. */
class Window {
  readonly items: RelatedCandidate[] = []
  constructor(private readonly size: number) {}
  push(candidate: RelatedCandidate): void {
    this.items.push(candidate)
    if (this.items.length > this.size) this.items.shift()
  }
}

/**
 * Writes `count` published articles with their tags, related lists and search index entries;
 * returns a sample of them (about a thousand, spread over the run). Slugs continue from what the
 * database holds, so a second run never collides with the first or with written articles.
 */
export async function generateNews(db: Db, context: NewsBulkContext, options: NewsBulkOptions): Promise<GeneratedArticle[]> {
  if (context.units.length === 0) throw new Error('generateNews needs at least one unit')
  const random = seededRandom(options.seed ?? 20261128)
  const batchSize = options.batchSize ?? 1000
  const span = Math.max(options.to.getTime() - options.from.getTime(), 1)
  const takenSlugs = new Set((await db.selectFrom('news_articles').select('slug').execute()).map((r) => r.slug))
  const byTag = new Map<string, Window>()
  const byCategory = new Map<string, Window>()
  const overall = new Window(RELATED_WINDOWS.overall)
  const sample: GeneratedArticle[] = []
  const sampleEvery = Math.max(1, Math.floor(options.count / 1000))
  let done = 0
  while (done < options.count) {
    const size = Math.min(batchSize, options.count - done)
    const drafts: Draft[] = []
    for (let i = 0; i < size; i++) {
      const n = done + i
      const publishedAt = new Date(options.from.getTime() + Math.floor((n / options.count) * span) + Math.floor(random() * HOUR_MS))
      drafts.push(draftArticle(random, context, publishedAt, takenSlugs))
    }
    // The renderer here must give what saving gives: checked on one article of every batch.
    const probe = drafts[0]!.row
    if (renderMarkdown(probe.body_md, new Map()) !== probe.body_html) throw new Error(`generateNews: the body of "${probe.slug}" renders differently from what was generated`)
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('news_articles')
        .values(drafts.map((d) => d.row))
        .execute()
      // Engines do not promise the order of RETURNING rows of a multi-row insert: read the ids back by slug.
      const idRows = await trx
        .selectFrom('news_articles')
        .select(['id', 'slug'])
        .where(
          'slug',
          'in',
          drafts.map((d) => d.row.slug),
        )
        .execute()
      const idBySlug = new Map(idRows.map((r) => [r.slug, Number(r.id)]))
      const tagRows: { article_id: number; tag: string; folded: string }[] = []
      const relatedRows: { article_id: number; related_id: number; position: number; score: number }[] = []
      const documents = []
      for (const [i, draft] of drafts.entries()) {
        const { row, tags } = draft
        const id = idBySlug.get(row.slug)!
        for (const t of tags) tagRows.push({ article_id: id, tag: t.tag, folded: t.folded })
        const candidate = candidateOf({ id, category: row.category, title: row.title, lead: row.lead, publishedAt: draft.publishedAt, tags: tags.map((t) => t.folded) })
        // The articles it is scored against: the latest sharing one of its tags, of its category, and of all news.
        const pool = new Map<number, RelatedCandidate>()
        for (const t of candidate.tags) for (const c of byTag.get(t)?.items ?? []) pool.set(c.id, c)
        for (const c of byCategory.get(row.category)?.items ?? []) pool.set(c.id, c)
        for (const c of overall.items) pool.set(c.id, c)
        const picks: RelatedPick[] = pickRelated(candidate, [...pool.values()])
        picks.forEach((p, position) => relatedRows.push({ article_id: id, related_id: p.id, position, score: p.score }))
        for (const t of candidate.tags) {
          let window = byTag.get(t)
          if (!window) byTag.set(t, (window = new Window(RELATED_WINDOWS.perTag)))
          window.push(candidate)
        }
        let categoryWindow = byCategory.get(row.category)
        if (!categoryWindow) byCategory.set(row.category, (categoryWindow = new Window(RELATED_WINDOWS.category)))
        categoryWindow.push(candidate)
        overall.push(candidate)
        documents.push(searchDocumentOf({ id, slug: row.slug, category: row.category, title: row.title, lead: row.lead, bodyHtml: row.body_html, publishedAt: draft.publishedAt }))
        if ((done + i) % sampleEvery === 0) sample.push({ id, slug: row.slug, category: row.category, title: row.title })
      }
      for (let i = 0; i < tagRows.length; i += 1000) await trx.insertInto('news_tags').values(tagRows.slice(i, i + 1000)).execute()
      for (let i = 0; i < relatedRows.length; i += 1000) await trx.insertInto('news_related').values(relatedRows.slice(i, i + 1000)).execute()
      await addDocuments(trx, documents)
    })
    done += size
    options.onProgress?.(done, options.count)
  }
  // PostgreSQL plans by statistics, which autovacuum gathers only a while after a bulk load: until
  // then it guesses, and chose to read every posting of common words instead of looking them up.
  if (dialectOf(db) === 'postgresql') await sql`analyze news_articles, news_tags, news_related, search_documents, search_postings`.execute(db)
  return sample
}
