import CommuneScoring

/// What every renderer shares: the explainer (rulebook labels and sentences in one language),
/// the fixed wording, and HTML escaping. A renderer only stores its explainer.
public protocol Renderer: Sendable {
  /// Sentences and labels in the chosen language.
  var explainer: Explainer { get }
}

extension Renderer {
  var w: Wording { explainer.w }
  var rulebook: Rulebook { explainer.rulebook }
  var language: Language { explainer.language }

  /// `text` escaped for HTML.
  func e(_ text: String) -> String { HTML.escape(text) }
}
