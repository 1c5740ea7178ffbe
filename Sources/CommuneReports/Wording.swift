import CommuneScoring

/// Every fixed phrase the reports use, in Vietnamese and English. Labels of fields, criteria and
/// categories come from the rulebook, not from here.
public struct Wording: Sendable {
  public let language: Language

  public init(_ language: Language) { self.language = language }

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

  func points(_ value: Int) -> String {
    "\(Format.integer(value, language)) " + t("điểm", value == 1 ? "point" : "points")
  }
}
