import CommuneScoring

/// A calendar date given by people (`--date 2025-03-05`); no clock is read.
public struct CalendarDate: Sendable, Equatable {
  public var year: Int
  public var month: Int
  public var day: Int

  /// Parses `YYYY-MM-DD` (or `DD/MM/YYYY`, as Vietnamese offices write it); nil when it is not a
  /// real date.
  public init?(_ text: String) {
    let iso = text.split(separator: "-", omittingEmptySubsequences: false)
    let vn = text.split(separator: "/", omittingEmptySubsequences: false)
    let parts: [Int]
    if iso.count == 3 {
      parts = iso.compactMap { Int($0) }
    } else if vn.count == 3 {
      parts = vn.reversed().compactMap { Int($0) }
    } else {
      return nil
    }
    guard parts.count == 3 else { return nil }
    let (year, month, day) = (parts[0], parts[1], parts[2])
    guard (1900...2999).contains(year), (1...12).contains(month), day >= 1 else { return nil }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    guard day <= lengths[month - 1] else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }
}

/// What people fill into a document's frame (`--issuer`, `--number`, `--place`, `--date`,
/// `--signer`, `--preparer`, `--recipient`). Whatever is not given is left blank ("…") for the
/// office to write by hand.
public struct FrameValues: Sendable, Equatable {
  /// The issuing body, one line per level; nil for the document's default.
  public var issuer: [String]?
  /// The document's number as written after "Số:" (for the certification list: the number of
  /// the decision it is annexed to).
  public var number: String?
  public var place: String?
  public var date: CalendarDate?
  /// The name of who signs for the issuing body.
  public var signer: String?
  /// The name of who drew up the document.
  public var preparer: String?
  /// Recipients ("Nơi nhận"); nil for the document's default.
  public var recipients: [String]?

  public init(
    issuer: [String]? = nil, number: String? = nil, place: String? = nil,
    date: CalendarDate? = nil, signer: String? = nil, preparer: String? = nil,
    recipients: [String]? = nil
  ) {
    self.issuer = issuer
    self.number = number
    self.place = place
    self.date = date
    self.signer = signer
    self.preparer = preparer
    self.recipients = recipients
  }
}

/// The fixed pieces of an official frame, with blanks for what is not given.
struct Paperwork {
  let w: Wording
  let values: FrameValues

  static let blank = "……"

  /// "Số: 12/BC-UBND", or "Số: ……/BC-UBND" with the document's kind code when not given.
  func number(kind: String) -> String {
    w.t("Số: ", "No.: ") + (values.number ?? "\(Self.blank)/\(kind)")
  }

  /// The decision number alone, or a blank.
  var decisionNumber: String { values.number ?? "\(Self.blank)/QĐ-UBND" }

  /// "ngày 05 tháng 3 năm 2025", or "ngày … tháng … năm …".
  var date: String {
    guard let date = values.date else {
      return w.t("ngày … tháng … năm ……", "date: …… / …… / ……")
    }
    // Decree 30/2020: days below 10 and the months January and February take a leading zero.
    let day = date.day < 10 ? "0\(date.day)" : "\(date.day)"
    let month = date.month < 3 ? "0\(date.month)" : "\(date.month)"
    let months = [
      "January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December",
    ]
    return w.t(
      "ngày \(day) tháng \(month) năm \(date.year)",
      "\(date.day) \(months[date.month - 1]) \(date.year)")
  }

  /// "Bằng Mạc, ngày 05 tháng 3 năm 2025" or "……, ngày … tháng … năm ……".
  var placeDate: String { (values.place ?? Self.blank) + ", " + date }

  /// The issuer lines: what people gave, or the default.
  func issuer(default lines: [String]) -> [String] { values.issuer ?? lines }

  /// The signature of who drew the document up.
  var preparer: Signer {
    Signer(
      capacity: [w.t("NGƯỜI LẬP BIỂU", "PREPARED BY")],
      hint: w.t("(Ký, ghi rõ họ tên)", "(signature and full name)"), name: values.preparer)
  }

  /// The signature of the People's Committee's chair (or the body given).
  func chair(_ body: String) -> Signer {
    Signer(
      capacity: [w.t("TM. \(body)", "FOR THE \(body)"), w.t("CHỦ TỊCH", "CHAIR")],
      hint: w.t("(Ký tên, đóng dấu)", "(signature and seal)"), name: values.signer)
  }

  /// Recipients: what people gave, or the default, always ending with the archive.
  func recipients(default lines: [String]) -> [String] {
    (values.recipients ?? lines) + [w.t("Lưu: VT.", "Archive.")]
  }
}

/// The People's Committee of a commune, ward or township as an issuer: "ỦY BAN NHÂN DÂN" over
/// the unit's name in capitals ("XÃ BẰNG MẠC").
enum Issuer {
  static func committee(of unit: String, _ w: Wording) -> [String] {
    [w.t("ỦY BAN NHÂN DÂN", "PEOPLE'S COMMITTEE"), vietnameseUppercase(unit)]
  }

  /// Upper case that keeps Vietnamese letters whole.
  static func vietnameseUppercase(_ text: String) -> String { text.uppercased() }
}
