import CommuneScoring

/// Every fixed phrase the reports use, in Vietnamese and English. Labels of fields, criteria and
/// categories come from the rulebook, not from here.
public struct Wording: Sendable {
  public let language: Language
  /// Units per point of the rulebook whose points are shown (1 when all points are whole).
  public let pointScale: Int

  public init(_ language: Language, pointScale: Int = 1) {
    self.language = language
    self.pointScale = pointScale
  }

  package func t(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }

  /// The verdict as a word.
  public func status(_ status: AssessmentStatus) -> String {
    switch status {
    case .recognized: t("ĐẠT chuẩn phù hợp với trẻ em", "RECOGNISED as child-friendly")
    case .notRecognized: t("KHÔNG ĐẠT chuẩn", "NOT RECOGNISED")
    case .incomplete:
      t("CHƯA ĐỦ SỐ LIỆU để kết luận", "INCOMPLETE: not enough evidence for a verdict")
    }
  }

  /// A criterion's or indicator's status as a short word.
  public func score(_ status: ScoreStatus) -> String {
    switch status {
    case .met: t("đạt", "met")
    case .zero: t("0 điểm", "zero")
    case .notVerifiable: t("chưa xác minh", "not verifiable")
    }
  }

  /// Points with their unit: "50 điểm", "0,25 điểm", "1 point".
  func points(_ value: Int) -> String {
    "\(number(value)) " + t("điểm", value == pointScale ? "point" : "points")
  }

  /// Points without thousands separators ("1000", "0,25"), for tables; whole-point rulebooks
  /// print exactly as integers.
  package func plain(_ units: Int) -> String {
    guard pointScale > 1 else { return String(units) }
    let text = PointScale.text(units, scale: pointScale)
    return language == .vi ? text.replacing(".", with: ",") : text
  }

  /// Points as a number for people: "1.000", "0,25" (Vietnamese), "0.25" (English).
  package func number(_ units: Int) -> String {
    Format.points(units, scale: pointScale, language)
  }
}
