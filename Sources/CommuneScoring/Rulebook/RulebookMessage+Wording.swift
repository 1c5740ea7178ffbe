extension RulebookMessage {
  /// Every mistake a rulebook (or a rule test file) can have. The raw value names it in tests.
  public enum ID: String, Sendable, CaseIterable {
    // Decoding the rulebook.
    case schemaVersion, codeDigits, fieldKind, unknownRuleKind, provenanceStatus, quoteEither
    case tooManyDecimals, unusablePoints, notPlainDecimal, notADay, untilBeforeFrom
    case ruleFieldNotDeclared, ruleFieldKind, unknownMeasure, countLimitWhole
    case gateFieldOrWhen, gateComparison, bandCondition, betterValue, countBandWhole
    case directionValue, rangeBoth, rangeNoBound, itemTwice, noItems, categoryNotDeclared
    // Validating it.
    case idUsed, noCategory, thresholdRange, minimumOnlyCounts, minimumNegative
    case partOfNotDeclared, partOfKinds, partOfCycle, noCriterion, noIndicator
    case maxPointsNotPositive, maxPointsRule, criterionSum, totalSum, fieldUnused
    case verifiedSource, verifiedQuote
    case minimumPerCriterionZero, minimumPerCriterionAbove, minimumAboveMax, minimumAlwaysMet
    case gateRateLimit, gateNeverAboveHundred, gateNeverBelow, gateAlwaysHolds
    case whenNoneNegative, whenNoneRequired, whenNoneCount
    case perCaseNotPositive, floorNegative, startNotAboveFloor, tooManyCases
    case pointsNotPositive, noCategoryListed, pointsNegative, pointsEachNotPositive, capNotPositive,
      capUnreachable
    case bandsEmpty, bandDirection, bandLimitAbove, bandPointsNegative, bandOrder, bandPointsOrder
    case otherwiseOrder, otherwiseNegative
    case everyNotPositive, pointsPerStepNotPositive, basePointsNegative, capNotAboveBase
    case floorNotBelowBase, tooManySteps, aboveHundred
    case rangesEmpty, rangePointsNegative, rangeHoldsNothing, rangeOverlap
    // Rule test files.
    case testNoCase, testRecordOrFigures, testNoBase, testStatus, testExpectsNothing

    /// The wording in both languages; `$0`, `$1` … are the arguments.
    public var wording: LocalizedText {
      switch self {
      case .schemaVersion:
        w(
          "schema version $0 is not supported (this cfc reads $1)",
          "phiên bản lược đồ $0 không được hỗ trợ (cfc này đọc phiên bản $1)")
      case .codeDigits:
        w("a code has from 1 to 18 digits, not $0", "mã xã có từ 1 đến 18 chữ số, không phải $0")
      case .fieldKind:
        w(
          "'$0' is not 'flag' or 'count'", "'$0' không phải 'flag' (có/không) hoặc 'count' (số đếm)"
        )
      case .unknownRuleKind:
        w(
          "unknown rule kind '$0'$1; known kinds: $2",
          "không có loại quy tắc '$0'$1; các loại có: $2")
      case .provenanceStatus:
        w(
          "'$0' is not 'verified' or 'reconstructed'",
          "'$0' không phải 'verified' (đã xác minh) hoặc 'reconstructed' (tái dựng)")
      case .quoteEither:
        w(
          "a quote needs exactly one of 'text' (the official wording, verbatim) or 'missing' (why it is not quoted, {\"vi\": …, \"en\": …})",
          "phần trích dẫn cần đúng một trong hai khóa: 'text' (nguyên văn chính thức) hoặc 'missing' (lý do không trích, {\"vi\": …, \"en\": …})"
        )
      case .tooManyDecimals:
        w(
          "points '$0' have more than $1 decimal places (write at most thousandths, e.g. 0.25)",
          "số điểm '$0' có quá $1 chữ số thập phân (viết tối đa đến phần nghìn, ví dụ 0.25)")
      case .unusablePoints:
        w("'$0' is not a usable number of points", "'$0' không phải số điểm dùng được")
      case .notPlainDecimal:
        w(
          "'$0' is not a plain non-negative decimal (at most 6 decimal places, no exponent)",
          "'$0' không phải số thập phân không âm viết thường (tối đa 6 chữ số thập phân, không dùng số mũ)"
        )
      case .notADay:
        w("'$0' is not a day written YYYY-MM-DD", "'$0' không phải ngày viết theo dạng YYYY-MM-DD")
      case .untilBeforeFrom:
        w(
          "the last day in force ($0) is before the first ($1)",
          "ngày hết hiệu lực ($0) trước ngày bắt đầu hiệu lực ($1)")
      case .ruleFieldNotDeclared:
        w(
          "field '$0' is not declared in 'fields'$1",
          "trường số liệu '$0' chưa được khai báo trong 'fields'$1")
      case .ruleFieldKind:
        w(
          "field '$0' is a $1, this rule needs a $2",
          "trường số liệu '$0' thuộc kiểu $1, quy tắc này cần kiểu $2")
      case .unknownMeasure:
        w("'$0' is not a measure (use $1)", "'$0' không phải cách đo (dùng $1)")
      case .countLimitWhole:
        w("a count limit must be a whole number", "ngưỡng của số đếm phải là số nguyên")
      case .gateFieldOrWhen:
        w(
          "a gate needs exactly one of 'field' (a count above 0 zeroes the criterion) or 'when' (a condition: {\"measure\": …, \"above\": …} or {\"flag\": …, \"is\": true|false})",
          "điều kiện 0 điểm cần đúng một trong hai khóa: 'field' (số đếm lớn hơn 0 thì tiêu chí bị 0 điểm) hoặc 'when' (một điều kiện: {\"measure\": …, \"above\": …} hoặc {\"flag\": …, \"is\": true|false})"
        )
      case .gateComparison:
        w(
          "a gate's condition needs exactly one of 'above', 'atLeast', 'below', 'atMost' (or a 'flag' and 'is')",
          "điều kiện 0 điểm cần đúng một trong các khóa 'above', 'atLeast', 'below', 'atMost' (hoặc 'flag' và 'is')"
        )
      case .bandCondition:
        w(
          "a band needs exactly one of 'atLeast', 'atMost', 'equals'",
          "mỗi mức điểm cần đúng một trong các khóa 'atLeast', 'atMost', 'equals'")
      case .betterValue:
        w(
          "'$0' is not 'higher' or 'lower'",
          "'$0' không phải 'higher' (càng cao càng tốt) hoặc 'lower' (càng thấp càng tốt)")
      case .countBandWhole:
        w(
          "a count band's limit must be a whole number",
          "ngưỡng của mức điểm theo số đếm phải là số nguyên")
      case .directionValue:
        w("'$0' is not 'add' or 'deduct'", "'$0' không phải 'add' (cộng) hoặc 'deduct' (trừ)")
      case .rangeBoth:
        w(
          "a range takes '$0' or '$1', not both",
          "một khoảng chỉ nhận '$0' hoặc '$1', không nhận cả hai")
      case .rangeNoBound:
        w(
          "a range needs a lower ('atLeast'/'above') or upper ('atMost'/'below') bound",
          "một khoảng cần cận dưới ('atLeast'/'above') hoặc cận trên ('atMost'/'below')")
      case .itemTwice: w("item '$0' is listed twice", "mục '$0' được liệt kê hai lần")
      case .noItems: w("'items' needs at least one flag", "'items' cần ít nhất một trường có/không")
      case .categoryNotDeclared:
        w(
          "'$0' is not a category declared in 'categories'$1",
          "'$0' không phải loại xã được khai báo trong 'categories'$1")
      case .idUsed: w("id '$0' is already used at $1", "mã '$0' đã được dùng tại $1")
      case .noCategory: w("at least one category is needed", "cần ít nhất một loại xã")
      case .thresholdRange:
        w(
          "threshold $0 must be between 1 and maxTotal ($1)",
          "ngưỡng $0 phải từ 1 đến tổng điểm tối đa maxTotal ($1)")
      case .minimumOnlyCounts:
        w("only counts can have a minimum", "chỉ số đếm mới có giá trị tối thiểu")
      case .minimumNegative: w("minimum must not be negative", "giá trị tối thiểu không được âm")
      case .partOfNotDeclared:
        w("field '$0' is not declared$1", "trường số liệu '$0' chưa được khai báo$1")
      case .partOfKinds:
        w("only a count can be part of a count", "chỉ số đếm mới là phần của một số đếm")
      case .partOfCycle:
        w("'partOf' forms a cycle through '$0'", "'partOf' tạo thành vòng lặp qua '$0'")
      case .noCriterion: w("at least one criterion is needed", "cần ít nhất một tiêu chí")
      case .noIndicator:
        w("a criterion needs at least one indicator", "mỗi tiêu chí cần ít nhất một chỉ tiêu")
      case .maxPointsNotPositive: w("maxPoints must be above 0", "maxPoints phải lớn hơn 0")
      case .maxPointsRule:
        w(
          "maxPoints is $0 but the rule can give at most $1",
          "maxPoints là $0 nhưng quy tắc chỉ cho tối đa $1")
      case .criterionSum:
        w(
          "maxPoints is $0 but its indicators add up to $1",
          "maxPoints là $0 nhưng các chỉ tiêu cộng lại được $1")
      case .totalSum:
        w(
          "maxTotal is $0 but the criteria add up to $1",
          "maxTotal là $0 nhưng các tiêu chí cộng lại được $1")
      case .fieldUnused:
        w(
          "field '$0' is declared but no rule or gate uses it",
          "trường số liệu '$0' được khai báo nhưng không quy tắc hay điều kiện nào dùng đến")
      case .verifiedSource:
        w(
          "a verified rule names its source: {\"document\": …, \"article\": …, \"clause\": …}",
          "quy tắc đã xác minh phải ghi nguồn: {\"document\": …, \"article\": …, \"clause\": …}")
      case .verifiedQuote:
        w(
          "a verified rule quotes the official wording it encodes: \"quote\": {\"text\": …} (without it, mark the rule 'reconstructed')",
          "quy tắc đã xác minh phải trích nguyên văn chính thức mà nó thể hiện: \"quote\": {\"text\": …} (nếu không có, ghi quy tắc là 'reconstructed')"
        )
      case .minimumPerCriterionZero:
        w(
          "a minimum of $0 points is always met: it must be above 0",
          "mức tối thiểu $0 điểm lúc nào cũng đạt: phải lớn hơn 0")
      case .minimumPerCriterionAbove:
        w(
          "$0 points is above the $1 criterion $2 can score: it could never be recognised (give $2 its own 'minimumPoints')",
          "$0 điểm cao hơn mức $1 điểm tối đa của tiêu chí $2: không xã nào có thể được công nhận (hãy ghi 'minimumPoints' riêng cho $2)"
        )
      case .minimumAboveMax:
        w(
          "minimum $0 is above maxPoints ($1): it could never be met",
          "mức tối thiểu $0 cao hơn maxPoints ($1): không bao giờ đạt được")
      case .minimumAlwaysMet:
        w(
          "minimum $0 is always met (the fewest points possible are $1): it must be above that",
          "mức tối thiểu $0 lúc nào cũng đạt (điểm thấp nhất có thể là $1): phải cao hơn mức đó")
      case .gateRateLimit:
        w(
          "$0: a rate limit is a percentage from 0 to 100",
          "$0: ngưỡng tỷ lệ là phần trăm từ 0 đến 100")
      case .gateNeverAboveHundred:
        w(
          "$0 can never hold ($1 is never above 100%): the gate could never fire",
          "$0 không bao giờ xảy ra ($1 không bao giờ vượt 100%): điều kiện 0 điểm không bao giờ áp dụng"
        )
      case .gateNeverBelow:
        w(
          "$0 can never hold ($1 is never below $2): the gate could never fire",
          "$0 không bao giờ xảy ra ($1 không bao giờ dưới $2): điều kiện 0 điểm không bao giờ áp dụng"
        )
      case .gateAlwaysHolds:
        w(
          "$0 holds whatever $1 is: the gate would zero the criterion in every commune",
          "$0 luôn đúng dù $1 là bao nhiêu: tiêu chí sẽ bị 0 điểm ở mọi xã")
      case .whenNoneNegative:
        w("'whenNone' must not be negative", "'whenNone' không được âm")
      case .whenNoneRequired:
        w(
          "'whenNone' is required: '$0' may be 0 (give it a minimum of at least 1, or say what 0 scores)",
          "cần 'whenNone': '$0' có thể bằng 0 (ghi giá trị tối thiểu ít nhất là 1, hoặc ghi số điểm khi bằng 0)"
        )
      case .whenNoneCount:
        w("'whenNone' does not apply to a count", "'whenNone' không dùng cho số đếm")
      case .perCaseNotPositive: w("'perCase' must be above 0", "'perCase' phải lớn hơn 0")
      case .floorNegative: w("'floor' must not be negative", "'floor' không được âm")
      case .startNotAboveFloor:
        w("'start' ($0) must be above 'floor' ($1)", "'start' ($0) phải lớn hơn 'floor' ($1)")
      case .tooManyCases:
        w(
          "$0 cases before the floor: at most 1,000 are allowed",
          "$0 trường hợp mới chạm mức sàn: tối đa là 1.000")
      case .pointsNotPositive: w("'points' must be above 0", "'points' phải lớn hơn 0")
      case .noCategoryListed: w("'points' lists no category", "'points' không ghi loại xã nào")
      case .pointsNegative: w("points must not be negative", "số điểm không được âm")
      case .pointsEachNotPositive:
        w("'pointsEach' must be above 0", "'pointsEach' phải lớn hơn 0")
      case .capNotPositive: w("'cap' must be above 0", "'cap' phải lớn hơn 0")
      case .capUnreachable:
        w(
          "'cap' ($0) is more than all items can give ($1): it can never be reached",
          "'cap' ($0) lớn hơn số điểm mọi mục cộng lại ($1): không bao giờ đạt tới")
      case .bandsEmpty: w("'bands' is empty", "'bands' trống")
      case .bandDirection:
        w(
          "bands[$0]: '$1' does not fit better: '$2'",
          "bands[$0]: '$1' không hợp với better: '$2'")
      case .bandLimitAbove:
        w("bands[$0]: limit $1 is above $2", "bands[$0]: ngưỡng $1 vượt quá $2")
      case .bandPointsNegative:
        w("bands[$0]: points must not be negative", "bands[$0]: số điểm không được âm")
      case .bandOrder:
        w(
          "bands[$0]: limit $1 must be $2 the limit of bands[$3] ($4): bands are read top-down, so this band could never be reached",
          "bands[$0]: ngưỡng $1 phải $2 ngưỡng của bands[$3] ($4): các mức được xét từ trên xuống, nên mức này không bao giờ được dùng"
        )
      case .bandPointsOrder:
        w(
          "bands[$0]: points ($1) must be fewer than those of bands[$2] ($3)",
          "bands[$0]: số điểm ($1) phải ít hơn của bands[$2] ($3)")
      case .otherwiseOrder:
        w(
          "'otherwise' ($0) must be fewer than the last band's points ($1)",
          "'otherwise' ($0) phải ít hơn số điểm của mức cuối cùng ($1)")
      case .otherwiseNegative: w("'otherwise' must not be negative", "'otherwise' không được âm")
      case .everyNotPositive: w("'every' must be above 0", "'every' phải lớn hơn 0")
      case .pointsPerStepNotPositive:
        w("'pointsPerStep' must be above 0", "'pointsPerStep' phải lớn hơn 0")
      case .basePointsNegative: w("'basePoints' must not be negative", "'basePoints' không được âm")
      case .capNotAboveBase:
        w(
          "'cap' ($0) must be above 'basePoints' ($1): no step could add",
          "'cap' ($0) phải lớn hơn 'basePoints' ($1): không bước nào cộng được điểm")
      case .floorNotBelowBase:
        w(
          "'floor' ($0) must be below 'basePoints' ($1): no step could deduct",
          "'floor' ($0) phải nhỏ hơn 'basePoints' ($1): không bước nào trừ được điểm")
      case .tooManySteps:
        w(
          "$0 steps before the $1: at most 1,000 are allowed (use larger steps)",
          "$0 bước mới chạm $1: tối đa là 1.000 (hãy dùng bước lớn hơn)")
      case .aboveHundred:
        w(
          "'above' must be below 100%: no rate could go beyond it",
          "'above' phải dưới 100%: không tỷ lệ nào vượt được mức đó")
      case .rangesEmpty: w("'ranges' is empty", "'ranges' trống")
      case .rangePointsNegative:
        w("ranges[$0]: points must not be negative", "ranges[$0]: số điểm không được âm")
      case .rangeHoldsNothing:
        w(
          "ranges[$0]: holds no value (its upper bound is below its lower)",
          "ranges[$0]: không chứa giá trị nào (cận trên thấp hơn cận dưới)")
      case .rangeOverlap:
        w(
          "ranges[$0] overlaps ranges[$1]: a value would be in both",
          "ranges[$0] chồng lên ranges[$1]: một giá trị sẽ thuộc cả hai")
      case .testNoCase:
        w("a test file needs at least one case", "tệp thử cần ít nhất một trường hợp")
      case .testRecordOrFigures:
        w(
          "give either 'record' or '$0' (laid over 'base')",
          "ghi 'record' hoặc '$0' (đặt chồng lên 'base'), không ghi cả hai")
      case .testNoBase:
        w(
          "a case without 'record' needs the file's 'base' record to lay over",
          "trường hợp không có 'record' cần hồ sơ 'base' của tệp để đặt chồng lên")
      case .testStatus:
        w(
          "'$0' is not 'recognized', 'not_recognized' or 'incomplete'",
          "'$0' không phải 'recognized', 'not_recognized' hoặc 'incomplete'")
      case .testExpectsNothing:
        w(
          "expect nothing? give 'indicators', 'criteria', 'total' or 'status'",
          "không chờ đợi kết quả nào? hãy ghi 'indicators', 'criteria', 'total' hoặc 'status'")
      }
    }

    func w(_ en: String, _ vi: String) -> LocalizedText { LocalizedText(vi: vi, en: en) }
  }
}
