import CommuneScoring

/// What a commune sends for recognition (Decision 06/QĐ-TTg's procedure): the request letter,
/// the self-assessment scoring sheet, the report explaining the results and the source of each
/// figure, and the minutes of the commune's assessment council. Pre-filled from the record and
/// its assessment; what only people can write is left blank.
public struct Dossier: Renderer {
  public let explainer: Explainer
  public let values: FrameValues

  public init(rulebook: Rulebook, language: Language, frame: FrameValues = FrameValues()) {
    explainer = Explainer(rulebook: rulebook, language: language)
    values = frame
  }

  /// One document of the dossier and the file name it is saved under (without extension).
  public struct Part: Sendable {
    public var name: String
    public var document: Document
  }

  /// The four documents, in the order they are filed. `assessment` is the commune's own
  /// (self-assessed) result for `record`. The frame's number (`--number`) is the request
  /// letter's: each of the other documents has a number of its own, left blank to be written in.
  public func parts(_ assessment: Assessment, record: EvidenceRecord) -> [Part] {
    [
      Part(name: w.t("1-to-trinh", "1-request-letter"), document: letter(assessment)),
      Part(
        name: w.t("2-bang-diem", "2-scoring-sheet"),
        document: HTMLReport(rulebook: rulebook, language: language, frame: unnumbered).document(
          assessment)),
      Part(
        name: w.t("3-bao-cao-giai-trinh", "3-report"),
        document: report(assessment, record: record)),
      Part(name: w.t("4-bien-ban-hop", "4-minutes"), document: minutes(assessment)),
    ]
  }

  var paper: Paperwork { Paperwork(w: w, values: values) }

  /// The frame values of a document other than the request letter: the same, without its number.
  var unnumbered: FrameValues {
    var copy = values
    copy.number = nil
    return copy
  }

  /// "Xã Bằng Mạc" → "xã Bằng Mạc" inside a sentence.
  func inText(_ name: String) -> String {
    for prefix in ["Xã ", "Phường ", "Thị trấn ", "Huyện ", "Quận ", "Thị xã ", "Thành phố "]
    where name.hasPrefix(prefix) {
      return prefix.lowercased() + name.dropFirst(prefix.count)
    }
    return name
  }

  func district(_ assessment: Assessment) -> String {
    assessment.commune.district.map(inText) ?? Paperwork.blank
  }

  func committee(_ assessment: Assessment) -> String {
    w.t("Ủy ban nhân dân ", "the People's Committee of ") + inText(assessment.commune.name)
  }

  func totals(_ assessment: Assessment) -> String {
    let result = assessment.result
    let zero = result.criteria.contains { $0.status == .zero }
    // The category's wording may hold commas and semicolons of its own: quoted, it reads as one.
    let category = explainer.categoryName(assessment.commune.category).lowercased()
    return w.t(
      "tổng số điểm đạt \(w.plain(result.total))/\(w.plain(result.maxTotal)) điểm; ngưỡng công nhận đối với loại “\(category)” là \(w.plain(result.threshold)) điểm; \(zero ? "có tiêu chí bị 0 điểm" : "không có tiêu chí nào bị 0 điểm").",
      "a total of \(w.plain(result.total))/\(w.plain(result.maxTotal)) points; the threshold for the category “\(category)” is \(w.plain(result.threshold)) points; \(zero ? "a criterion scored 0" : "no criterion scored 0")."
    )
  }

  // MARK: - The request letter

  func letter(_ assessment: Assessment) -> Document {
    let commune = assessment.commune
    let name = inText(commune.name)
    let year = assessment.year
    let recognized = assessment.result.status == .recognized
    var body: [Block] = [
      .title(w.t("TỜ TRÌNH", "REQUEST")),
      .subtitle(
        w.t(
          "Về việc đề nghị công nhận \(name) đạt tiêu chuẩn xã, phường, thị trấn phù hợp với trẻ em năm \(year)",
          "Recognition of \(commune.name) as a child-friendly commune in \(year)"), italic: false),
      .subtitle(
        w.t("Kính gửi: Chủ tịch Ủy ban nhân dân ", "To: the Chair of the People's Committee of ")
          + district(assessment), italic: false),
      .paragraph(w.t("Căn cứ \(rulebook.citation);", "Under \(rulebook.citation);")),
      .paragraph(
        w.t(
          "Căn cứ kết quả tự đánh giá và Biên bản họp Hội đồng đánh giá \(name) ngày … tháng … năm ……;",
          "Having regard to the self-assessment and the minutes of the assessment council of \(commune.name) of …… / …… / ……;"
        )),
      .paragraph(
        w.t(
          "\(committee(assessment)) báo cáo kết quả tự đánh giá năm \(year): ",
          "\(committee(assessment)) reports the self-assessment of \(year): ")
          + totals(assessment)),
    ]
    if recognized {
      body.append(
        .paragraph(
          w.t(
            "Đối chiếu với tiêu chuẩn, \(name) đủ điều kiện đề nghị công nhận. \(committee(assessment)) kính trình Chủ tịch Ủy ban nhân dân \(district(assessment)) xem xét, công nhận \(name) đạt tiêu chuẩn xã, phường, thị trấn phù hợp với trẻ em năm \(year).",
            "Against the standard, \(commune.name) qualifies for recognition. \(committee(assessment)) asks the Chair of the People's Committee of \(district(assessment)) to recognise \(commune.name) as a child-friendly commune in \(year)."
          )))
    } else {
      body.append(
        .paragraph(
          w.t(
            "Đối chiếu với tiêu chuẩn, \(name) chưa đủ điều kiện đề nghị công nhận:",
            "Against the standard, \(commune.name) does not yet qualify for recognition:")))
      body.append(
        .list(
          assessment.result.reasons.map { explainer.reason($0, category: commune.category) },
          ordered: false))
    }
    body.append(.paragraph(w.t("Hồ sơ kèm theo:", "Enclosed:")))
    body.append(
      .list(
        [
          w.t("Bảng điểm tự đánh giá;", "the self-assessment scoring sheet;"),
          w.t(
            "Báo cáo giải trình kết quả tự đánh giá và nguồn số liệu;",
            "the report explaining the results and the source of each figure;"),
          w.t(
            "Biên bản họp Hội đồng đánh giá xã.", "the minutes of the commune council's meeting."),
        ], ordered: true))
    body.append(
      .paragraph(
        w.t(
          "\(committee(assessment)) kính trình./.", "\(committee(assessment)) submits this request."
        )
      ))
    return committeeDocument(
      commune.name, title: w.t("Tờ trình đề nghị công nhận", "Request"), kind: "TTr-UBND",
      body: body, recipients: [w.t("Như trên", "As above")], numbered: true)
  }

  /// A document the commune's People's Committee issues under `kind`'s number and its chair signs.
  /// Only the request letter is `numbered` with `--number`; the others keep a blank.
  func committeeDocument(
    _ communeName: String, title: String, kind: String, body: [Block], recipients: [String],
    numbered: Bool = false
  ) -> Document {
    let paper = numbered ? self.paper : Paperwork(w: w, values: unnumbered)
    return Document(
      title: "\(title) — \(communeName)", language: language,
      frame: Frame(
        issuer: paper.issuer(default: Issuer.committee(of: communeName, w)),
        number: paper.number(kind: kind), placeDate: paper.placeDate),
      body: body,
      closing: Closing(
        signers: [paper.chair(w.t("ỦY BAN NHÂN DÂN", "PEOPLE'S COMMITTEE"))],
        recipients: paper.recipients(default: recipients)))
  }

  // MARK: - The report explaining the results and the sources

  func report(_ assessment: Assessment, record: EvidenceRecord) -> Document {
    let commune = assessment.commune
    let sheet = HTMLReport(rulebook: rulebook, language: language, frame: values)
    var body: [Block] = [
      .title(w.t("BÁO CÁO", "REPORT")),
      .subtitle(
        w.t(
          "Giải trình kết quả tự đánh giá xã, phường, thị trấn phù hợp với trẻ em năm \(assessment.year) và nguồn số liệu",
          "The \(assessment.year) child-friendly self-assessment explained, with the source of each figure"
        ), italic: false),
      .heading(w.t("I. KẾT QUẢ CHUNG", "I. OVERALL RESULT")),
      .paragraph(
        w.t(
          "Kết quả tự đánh giá của \(inText(commune.name)): ",
          "Self-assessment of \(commune.name): ")
          + totals(assessment) + " " + w.t("Kết luận: ", "Verdict: ")
          + w.status(assessment.result.status) + "."),
    ]
    if !assessment.result.reasons.isEmpty {
      body.append(
        .list(
          assessment.result.reasons.map { explainer.reason($0, category: commune.category) },
          ordered: false))
    }
    body.append(.heading(w.t("II. KẾT QUẢ TỪNG CHỈ TIÊU", "II. EACH INDICATOR")))
    body.append(.table(sheet.explanations(assessment.result)))
    body.append(.heading(w.t("III. SỐ LIỆU VÀ NGUỒN SỐ LIỆU", "III. FIGURES AND THEIR SOURCES")))
    body.append(
      .paragraph(
        w.t(
          "Các số liệu dưới đây là số liệu xã dùng để tự chấm điểm; nguồn chưa ghi thì bổ sung trước khi gửi hồ sơ.",
          "The figures below are those the commune scored itself on; fill in any source not given before sending the dossier."
        )))
    body.append(.table(figures(record)))
    body.append(.heading(w.t("IV. KIẾN NGHỊ, ĐỀ XUẤT", "IV. PROPOSALS")))
    body.append(.fillIn("", lines: 4))
    body += sheet.notes(assessment)
    return committeeDocument(
      commune.name, title: w.t("Báo cáo giải trình", "Report"), kind: "BC-UBND", body: body,
      recipients: [
        commune.district.map {
          w.t("Ủy ban nhân dân \(inText($0))", "People's Committee of \($0)")
        }
          ?? w.t("Ủy ban nhân dân cấp huyện", "District People's Committee")
      ])
  }

  /// Every figure the rulebook declares: its label, the commune's value, and its source.
  func figures(_ record: EvidenceRecord) -> Table {
    let rows = rulebook.fields.enumerated().map { index, field in
      Table.Row(
        [
          .init("\(index + 1)"), .init(field.label.text(language)),
          .init(explainer.value(field.id, record.evidence[field.index])),
          .init(record.sources[field.id] ?? Paperwork.blank + Paperwork.blank),
        ], attributes: [Attribute("data-field", field.id)])
    }
    return Table(
      className: "figures",
      columns: [
        .init(w.t("TT", "No."), width: 6, numeric: true),
        .init(w.t("Số liệu", "Figure"), width: 50),
        .init(w.t("Giá trị", "Value"), width: 12, numeric: true),
        .init(w.t("Nguồn số liệu", "Source"), width: 32),
      ], groups: [.init(rows)])
  }

  // MARK: - The minutes of the council's meeting

  func minutes(_ assessment: Assessment) -> Document {
    let commune = assessment.commune
    let name = inText(commune.name)
    let year = assessment.year
    let result = assessment.result
    let council = w.t("HỘI ĐỒNG ĐÁNH GIÁ", "ASSESSMENT COUNCIL")
    var rows: [Table.Row] = result.criteria.enumerated().map { index, criterion in
      Table.Row(
        [
          .init("\(index + 1)"), .init(explainer.criterionName(criterion.id)),
          .init(w.plain(criterion.maxPoints)), .init(criterion.points.map(w.plain) ?? "—"),
        ], attributes: [Attribute("data-criterion", criterion.id)])
    }
    rows.append(
      Table.Row(
        [
          .init(""), .init(w.t("Tổng cộng", "Total")), .init(w.plain(result.maxTotal)),
          .init(w.plain(result.total)),
        ], style: .total))
    let conclusion =
      result.status == .recognized
      ? w.t(
        "đề nghị Chủ tịch Ủy ban nhân dân \(district(assessment)) xem xét, công nhận \(name) đạt tiêu chuẩn xã, phường, thị trấn phù hợp với trẻ em năm \(year).",
        "asks the Chair of the People's Committee of \(district(assessment)) to recognise \(commune.name) as a child-friendly commune in \(year)."
      )
      : w.t(
        "kết luận \(name) chưa đủ điều kiện đề nghị công nhận năm \(year).",
        "concludes that \(commune.name) does not yet qualify for recognition in \(year).")
    let body: [Block] = [
      .title(w.t("BIÊN BẢN", "MINUTES")),
      .subtitle(
        w.t(
          "Họp Hội đồng đánh giá xã, phường, thị trấn phù hợp với trẻ em năm \(year)",
          "Meeting of the child-friendly commune assessment council, \(year)"), italic: false),
      .paragraph(
        w.t(
          "Vào hồi … giờ … phút, ngày … tháng … năm ……, tại ……………………, Hội đồng đánh giá \(name) họp xét kết quả tự đánh giá xã, phường, thị trấn phù hợp với trẻ em năm \(year).",
          "At …… on …… / …… / ……, at ……………………, the assessment council of \(commune.name) met to examine the \(year) child-friendly self-assessment."
        )),
      .heading(w.t("I. THÀNH PHẦN", "I. ATTENDANCE")),
      .paragraph(
        w.t(
          "Chủ trì: ……………………, Chủ tịch (Phó Chủ tịch) Ủy ban nhân dân xã, Chủ tịch Hội đồng.",
          "Chair: ……………………, Chair (Vice-Chair) of the commune People's Committee, Chair of the council."
        )),
      .paragraph(w.t("Thư ký: ……………………", "Secretary: ……………………")),
      .paragraph(
        w.t(
          "Thành viên dự họp: …… /…… thành viên; vắng: …… (lý do: ……………………).",
          "Members present: …… of ……; absent: …… (reason: ……………………).")),
      .fillIn(w.t("Danh sách thành viên dự họp:", "Names of the members present:"), lines: 3),
      .heading(w.t("II. NỘI DUNG", "II. PROCEEDINGS")),
      .paragraph(
        w.t(
          "Hội đồng nghe báo cáo kết quả tự đánh giá năm \(year); kết quả chấm điểm từng tiêu chí như sau:",
          "The council heard the \(year) self-assessment; the points of each criterion are:")),
      .table(
        Table(
          className: "minutes",
          columns: [
            .init(w.t("TT", "No."), width: 7, numeric: true),
            .init(w.t("Tiêu chí", "Criterion"), width: 61),
            .init(w.t("Điểm tối đa", "Maximum"), width: 16, numeric: true),
            .init(w.t("Điểm tự đánh giá", "Self-assessed"), width: 16, numeric: true),
          ], groups: [.init(rows)])),
      .paragraph(
        w.t("Kết quả: ", "Result: ") + totals(assessment) + " " + w.status(result.status) + "."),
      .fillIn(w.t("Ý kiến thảo luận của các thành viên:", "Members' remarks:"), lines: 5),
      .heading(w.t("III. KẾT LUẬN", "III. CONCLUSION")),
      .paragraph(
        w.t(
          "Hội đồng thống nhất kết quả tự đánh giá nêu trên (…… /…… thành viên dự họp đồng ý) và ",
          "The council agrees with the self-assessment above (…… of …… members present in favour) and "
        ) + conclusion),
      .paragraph(
        w.t(
          "Cuộc họp kết thúc vào hồi … giờ … phút cùng ngày. Biên bản đã được đọc lại cho các thành viên dự họp và được nhất trí thông qua./.",
          "The meeting closed at …… the same day. These minutes were read out to the members present and approved."
        )),
    ]
    return Document(
      title: w.t("Biên bản họp Hội đồng đánh giá — \(commune.name)", "Minutes — \(commune.name)"),
      language: language,
      frame: Frame(
        issuer: paper.issuer(default: [
          // The governing body above the council, abbreviated as offices write it, so that it
          // fits one line of the issuer column.
          w.t("UBND ", "PEOPLE'S COMMITTEE OF ") + commune.name.uppercased(), council,
        ]), number: Paperwork(w: w, values: unnumbered).number(kind: "BB-HĐĐG"),
        placeDate: paper.placeDate),
      body: body,
      closing: Closing(
        signers: [
          Signer(
            capacity: [w.t("THƯ KÝ", "SECRETARY")],
            hint: w.t("(Ký, ghi rõ họ tên)", "(signature and full name)"), name: values.preparer),
          Signer(
            capacity: [w.t("CHỦ TỊCH HỘI ĐỒNG", "CHAIR OF THE COUNCIL")],
            hint: w.t("(Ký, ghi rõ họ tên)", "(signature and full name)"), name: values.signer),
        ], recipients: []))
  }
}
