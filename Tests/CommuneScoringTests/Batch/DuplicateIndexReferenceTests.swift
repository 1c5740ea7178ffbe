import CommuneScoring
import Testing

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
}
