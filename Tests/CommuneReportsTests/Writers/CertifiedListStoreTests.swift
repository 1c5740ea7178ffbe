import CommuneScoring
import Foundation
import Testing

@testable import CommuneReports

/// The certification list's compact store: every commune's bytes read back as they were
/// given, in list order (province, district in Vietnamese order, code, then input order).
@Suite("Certification list store")
struct CertifiedListStoreTests {
  /// A recognised commune's entry with the given identity and total.
  static func entry(
    _ code: String, _ name: String, province: String, district: String?, total: Int,
    category: String = "standard", rulebook: String? = nil, reviewed: Bool = false
  ) -> BatchEntry {
    BatchEntry(
      code: code, name: name, district: district, province: province, category: category,
      year: 2024, total: total, threshold: 0, status: .recognized, criteria: [], reviewed: reviewed,
      bestTotal: nil, worstTotal: nil, rulebook: rulebook)
  }

  /// What the store should give back for `entries`, sorted by the report's own keys.
  static func expected(_ entries: [BatchEntry]) -> [BatchEntry] {
    // The districts sorted once by the report's key (alike keys are equal districts here).
    let keys = Set(entries.map { DistrictKey(province: $0.province, district: $0.district) })
    let sorted = keys.sorted()
    let place = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0) })
    return entries.enumerated().map { offset, entry in
      (
        place[DistrictKey(province: entry.province, district: entry.district)] ?? -1, entry.code,
        offset, entry
      )
    }.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }.map(\.3)
  }

  static func readBack(_ list: CertifiedList) -> [BatchEntry] {
    (0..<list.count).map { index in
      let listed = list.listed(index)
      let key = list.districtKey(index)
      return entry(
        listed.code, listed.name, province: key.province, district: key.district,
        total: listed.total, category: list.categories[listed.category],
        rulebook: listed.rulebook.map { list.rulebooks[$0] }, reviewed: listed.reviewed)
    }
  }

  @Test(
    "totals of any size and sign, codes and names of any script come back whole, long names cut")
  func roundTrip() throws {
    let entries = [
      Self.entry("00017", "Xã A", province: "An Giang", district: "Huyện An Phú", total: 0),
      Self.entry("0001Đ", "Xã Đ", province: "An Giang", district: nil, total: -1),
      Self.entry(
        "00009", "ABC" + String(repeating: "Xã Ngọc Lặc ", count: 20_000), province: "Đắk Lắk",
        district: "Huyện Ea Súp", total: Int.max, category: "mountain", rulebook: "qd06",
        reviewed: true),
      Self.entry("00010", "", province: "Điện Biên", district: "", total: Int.min),
      Self.entry("00011", "<&>\"", province: "Bà Rịa - Vũng Tàu", district: "Côn Đảo", total: 127),
      Self.entry("00012", "Xã B", province: "Bắc Giang", district: "Huyện Yên Thế", total: 128),
      Self.entry(
        "00012", "Xã B 2023", province: "Bắc Giang", district: "Huyện Yên Thế", total: -64),
    ]
    var list = CertifiedList()
    for entry in entries { list.append(entry) }
    #expect(list.count == entries.count)
    list.sort()
    // The 240,000-byte name takes a good part of a block: the communes after it start anew.
    #expect(list.blocks.count == 1)
    var expected = Self.expected(entries)
    // A name past 65,535 bytes is cut at a character's end, as the list always did.
    let long = try #require(expected.firstIndex { $0.code == "00009" })
    var cut = ""
    for scalar in expected[long].name.unicodeScalars {
      guard cut.utf8.count + String(scalar).utf8.count <= 0xFFFF else { break }
      cut.unicodeScalars.append(scalar)
    }
    // The 65,535th byte falls inside "ặ": the name ends before it.
    #expect(cut.utf8.count == 0xFFFF - 2)
    expected[long].name = cut
    let same = Self.readBack(list) == expected
    #expect(same)
  }

  @Test("forty thousand communes over several blocks sort as the report's keys sort them")
  func manyBlocks() {
    var random = SplitMix64(seed: 7)
    func below(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }
    let provinces = ["Đắk Lắk", "An Giang", "Ấp Bắc", "Điện Biên", "Hà Nội", "Yên Bái", "đảo"]
    // Districts that are told apart but sort alike ("Huyện Ân Thi", "huyện ân thi") are kept
    // apart, not merged by code: left out here, as their order is the sort's.
    let districts: [String?] = ["Huyện Ea Súp", "Quận 1", "Huyện Ân Thi", "Huyện An Thi", nil]
    let entries = (0..<40_000).map { index in
      Self.entry(
        String(format: "%05d", below(50_000)), "Xã Thử Nghiệm Số \(index)",
        province: provinces[below(provinces.count)], district: districts[below(districts.count)],
        total: below(4_000) - 100, category: ["a", "b", "c"][below(3)], reviewed: below(9) == 0)
    }
    var list = CertifiedList()
    for entry in entries { list.append(entry) }
    list.sort()
    #expect(list.blocks.count > 1)
    let same = Self.readBack(list) == Self.expected(entries)
    #expect(same)
    // Sorting again, or appending after, keeps the order right.
    list.sort()
    let first = Self.entry("00000", "Xã Đầu", province: "An Giang", district: nil, total: 5)
    list.append(first)
    list.sort()
    let again = Self.readBack(list) == Self.expected(entries + [first])
    #expect(again)
  }
}
