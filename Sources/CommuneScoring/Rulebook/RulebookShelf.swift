/// The assessment years one rulebook of a shelf scores.
public struct RulebookCoverage: Sendable, Equatable {
  /// The rulebook's id.
  public var id: String
  /// The first year it scores.
  public var first: Int
  /// The last year it scores; nil while still in force.
  public var last: Int?

  public init(id: String, first: Int, last: Int?) {
    self.id = id
    self.first = first
    self.last = last
  }
}

/// Why a set of rulebooks cannot be used together.
public enum RulebookShelfError: Error, Sendable, Equatable {
  /// No rulebook at all.
  case empty
  /// Two rulebooks with one id (their sources named).
  case duplicateID(String, first: String, second: String)
  /// A rulebook that does not say when it is in force, among several.
  case noPeriod(source: String, id: String)
  /// Two rulebooks in force on a same day.
  case overlap(
    first: String, second: String, firstPeriod: InForcePeriod, secondPeriod: InForcePeriod)
}

/// The rulebooks a run may use, each in force for its own period: a record is scored by the
/// rulebook of its assessment year (see `InForcePeriod`). Periods may not overlap. A shelf of
/// one rulebook that does not say when it is in force scores every year.
public struct RulebookShelf: Sendable {
  /// One rulebook and where it was read from.
  public struct Entry: Sendable {
    public var rulebook: Rulebook
    /// The file (or `built-in qd06-2019`) it was read from, for messages.
    public var source: String

    public init(rulebook: Rulebook, source: String) {
      self.rulebook = rulebook
      self.source = source
    }
  }

  /// The rulebooks, oldest first.
  public let entries: [Entry]

  /// A shelf of `entries`, refused when ids repeat or in-force periods overlap.
  public init(_ entries: [Entry]) throws(RulebookShelfError) {
    guard !entries.isEmpty else { throw .empty }
    for (index, entry) in entries.enumerated() {
      if let earlier = entries[..<index].first(where: { $0.rulebook.id == entry.rulebook.id }) {
        throw .duplicateID(entry.rulebook.id, first: earlier.source, second: entry.source)
      }
    }
    if entries.count > 1, let open = entries.first(where: { $0.rulebook.inForce == nil }) {
      throw .noPeriod(source: open.source, id: open.rulebook.id)
    }
    let sorted = entries.sorted {
      ($0.rulebook.inForce?.from ?? CalendarDay(year: 0, month: 1, day: 1))
        < ($1.rulebook.inForce?.from ?? CalendarDay(year: 0, month: 1, day: 1))
    }
    for (earlier, later) in zip(sorted, sorted.dropFirst()) {
      if let first = earlier.rulebook.inForce, let second = later.rulebook.inForce,
        first.overlaps(second)
      {
        throw .overlap(
          first: earlier.source, second: later.source, firstPeriod: first, secondPeriod: second)
      }
    }
    self.entries = sorted
  }

  /// The rulebook that scores assessment year `year`, if one does.
  public func rulebook(forYear year: Int) -> Rulebook? {
    entries.first { $0.rulebook.inForce?.covers(year: year) ?? true }?.rulebook
  }

  /// The rulebook with `id`, if on the shelf.
  public func rulebook(id: String) -> Rulebook? {
    entries.first { $0.rulebook.id == id }?.rulebook
  }

  /// The years each rulebook scores, oldest first (rulebooks that score no whole year left out).
  public var coverage: [RulebookCoverage] {
    entries.compactMap { entry in
      guard let period = entry.rulebook.inForce else {
        return RulebookCoverage(id: entry.rulebook.id, first: 0, last: nil)
      }
      return period.years.map {
        RulebookCoverage(id: entry.rulebook.id, first: $0.first, last: $0.last)
      }
    }
  }

  /// The newest rulebook.
  public var newest: Rulebook { entries[entries.count - 1].rulebook }

  /// The rulebook batches read records with: the newest, also accepting the fields and
  /// categories only older rulebooks declare and records that name an older rulebook. Each
  /// record is then carried over to its own year's rulebook (`carry`).
  public var readingRulebook: Rulebook {
    var reading = newest
    guard entries.count > 1 else { return reading }
    for entry in entries.dropLast() {
      reading.readsRecordsOf.insert(entry.rulebook.id)
      for field in entry.rulebook.fields where reading.fieldIndex[field.id] == nil {
        var added = field
        added.index = reading.fields.count
        reading.fieldIndex[field.id] = added.index
        reading.fields.append(added)
      }
      for category in entry.rulebook.categories where reading.category(category.id) == nil {
        reading.categories.append(category)
      }
    }
    for index in reading.fields.indices {
      reading.fields[index].partOfIndex = reading.fields[index].partOf.flatMap {
        reading.fieldIndex[$0]
      }
    }
    return reading
  }

  /// The rulebook of `record`'s year and the record carried over to it (its figures stored by
  /// that rulebook's fields), or why it cannot be scored. `reading` is the rulebook it was read
  /// with. Locations of problems are `.line(0, column:)`: the caller knows the line.
  public func choose(_ record: EvidenceRecord, readWith reading: Rulebook)
    -> Result<(Rulebook, EvidenceRecord), EvidenceError>
  {
    guard let target = rulebook(forYear: record.year) else {
      return .failure(
        EvidenceError(
          .line(0, column: "year"), .noRulebookForYear(year: record.year, covered: coverage)))
    }
    return RulebookCarry.carry(record, from: reading, to: target).map { (target, $0) }
  }
}
