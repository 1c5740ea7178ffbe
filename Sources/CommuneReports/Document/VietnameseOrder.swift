/// Sorting names as a Vietnamese reader expects: by the Vietnamese alphabet (a ă â b c d đ e ê
/// …), letters before tones, so "Đắk Lắk" follows "Điện Biên" rather than "Yên Bái" as it would
/// in code-point order.
enum VietnameseOrder {
  static let alphabet: [Character] = Array("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")
  static let toned: [String] = [
    "aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ", "eèéẻẽẹ", "êềếểễệ", "iìíỉĩị", "oòóỏõọ", "ôồốổỗộ", "ơờớởỡợ",
    "uùúủũụ", "ưừứửữự", "yỳýỷỹỵ",
  ]

  /// Letter → (rank in the alphabet, tone 0–5).
  static let table: [Character: (Int, Int)] = {
    var table: [Character: (Int, Int)] = [:]
    for (rank, letter) in alphabet.enumerated() { table[letter] = (rank, 0) }
    for family in toned {
      let letters = Array(family)
      guard let base = letters.first, let rank = table[base]?.0 else { continue }
      for (tone, letter) in letters.enumerated() { table[letter] = (rank, tone) }
    }
    return table
  }()

  /// A key that sorts `text` in Vietnamese order: letters first, tones break ties.
  static func key(_ text: String) -> [Int] {
    var letters: [Int] = []
    var tones: [Int] = []
    for character in text.lowercased() {
      if let (rank, tone) = table[character] {
        letters.append(100 + rank)
        tones.append(tone)
      } else if character == " " {
        letters.append(0)
      } else {
        letters.append(200 + Int(character.unicodeScalars.first?.value ?? 0))
      }
    }
    return letters + [-1] + tones
  }

  /// Whether `a` sorts before `b`. Texts a reader sorts alike (differing only in case, say
  /// "Quận Ba Đình" and "Quận BA Đình") are ordered by their code points, so that no two
  /// different texts tie: a sort never depends on the order the texts arrived in.
  static func less(_ a: String, _ b: String) -> Bool {
    let (left, right) = (key(a), key(b))
    if left != right { return left.lexicographicallyPrecedes(right) }
    return a < b
  }
}
