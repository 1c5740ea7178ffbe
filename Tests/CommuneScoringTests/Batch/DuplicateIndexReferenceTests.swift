import Testing

@testable import CommuneScoring

@Suite struct DuplicateIndexReferenceTests {
  @Test func theIndexFindsWhatADictionaryOfEveryCodeAndYearFinds() {
    var index = DuplicateIndex()
    var reference: [String: DuplicateIndex.Place] = [:]
    var random = SplitMix64(seed: 3)
    func below(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }
    var line = 1
    var source = 0
    var found = 0
    for step in 0..<200_000 {
      // Sources mostly in order, sometimes one read again; lines mostly rising.
      if below(20_000) == 0 { source += 1 }
      let at = below(5_000) == 0 ? max(0, source - 1) : source
      line += below(50) == 0 ? 1_000 : 1
      if below(100_000) == 0 { line = Int(UInt32.max) - 5 + below(10) }
      let digits = [5, 5, 5, 6, 9, 1, 3][below(7)]
      var code = String(below(digits == 9 ? 999_999_999 : (digits == 6 ? 999_999 : 200_000)))
      code = String(repeating: "0", count: max(0, digits - code.count)) + code
      if below(1_000) == 0 { code = "X\(below(50))" }
      let year = [2024, 2024, 2023, 1899, 2156, 2100, 0, 4095][below(8)]
      let key = "\(code) \(year)"
      let expected = reference[key]
      if expected == nil { reference[key] = DuplicateIndex.Place(source: at, line: line) }
      let answer = index.first(code: code, year: year, source: at, line: line)
      #expect(answer == expected, "step \(step): \(code) \(year) in \(at) at \(line)")
      if answer != expected { return }
      if expected != nil { found += 1 }
    }
    #expect(found > 5_000)
  }

  /// The serial end reads a group's home slots before it looks its rows up: reading must not
  /// remember a key, nor change what a lookup answers.
  @Test func touchingKeysBeforehandChangesNoAnswer() {
    var index = DuplicateIndex()
    var reference: [UInt64: DuplicateIndex.Place] = [:]
    var random = SplitMix64(seed: 11)
    var line = 0
    for _ in 0..<2_000 {
      let keys = (0..<64).map { _ -> UInt64 in
        let code = String(random.next() % 150_000)
        let year = [2024, 2023, 1899, 4095][Int(random.next() % 4)]
        return DuplicateIndex.pack(code, year)!
      }
      // Half the groups touch keys other than their own, as a worker's later group would.
      let touched =
        random.next() % 2 == 0 ? keys : keys.map { $0 ^ (1 << 12) }
      index.touch(touched + [0])
      for key in keys {
        line += 1
        let expected = reference[key]
        if expected == nil { reference[key] = DuplicateIndex.Place(source: 0, line: line) }
        let answer = index.first(packed: key, source: 0, line: line)
        #expect(answer == expected)
        if answer != expected { return }
      }
    }
    #expect(reference.count > 60_000)
    #expect(reference.count < 128_000)
  }
}
