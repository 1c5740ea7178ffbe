import CommuneReports
import CommuneScoring

/// Fuzz targets that reach the workbook readers' XML without first having to guess a valid ZIP
/// archive: the input is the part itself, packed into a well-formed archive by the package's
/// own ZIP writer, so every mutation lands in the XML tokenizer and the sheet readers.
enum PartTargets {
  /// `xl/worksheets/sheet1.xml`, then (after a NUL byte, if any) `xl/sharedStrings.xml`, in a
  /// minimal xlsx package with a defined name, read as `cfc batch` and `--review` read it.
  static func xlsxParts(_ bytes: [UInt8]) {
    let split = bytes.firstIndex(of: 0) ?? bytes.endIndex
    let sheet = Array(bytes[..<split])
    let strings = split < bytes.endIndex ? Array(bytes[(split + 1)...]) : []
    var archive = ZipArchive()
    archive.add("[Content_Types].xml", Array(contentTypes.utf8))
    archive.add("_rels/.rels", Array(packageRelationships.utf8))
    archive.add("xl/workbook.xml", Array(workbook.utf8))
    archive.add("xl/_rels/workbook.xml.rels", Array(workbookRelationships.utf8))
    archive.add("xl/worksheets/sheet1.xml", sheet)
    archive.add("xl/sharedStrings.xml", strings)
    FuzzTargets.workbook(archive.finish())
  }

  /// `content.xml` of an OpenDocument spreadsheet, packed with its `mimetype`.
  static func odsContent(_ bytes: [UInt8]) {
    var archive = ZipArchive()
    archive.add("mimetype", Array("application/vnd.oasis.opendocument.spreadsheet".utf8))
    archive.add("content.xml", bytes)
    FuzzTargets.workbook(archive.finish())
  }

  /// A valid archive of the entries cut from the input at NUL bytes, then damaged at the places
  /// the input's last bytes name: headers, sizes, CRCs and names all get exercised, beyond the
  /// signatures a blind mutation rarely gets right.
  static func zipDamaged(_ bytes: [UInt8]) {
    let damage = bytes.suffix(8)
    let body = bytes.dropLast(min(8, bytes.count))
    var archive = ZipArchive()
    for (index, part) in body.split(separator: 0, omittingEmptySubsequences: false).prefix(8)
      .enumerated()
    {
      archive.add("entry\(index).xml", Array(part))
    }
    var packed = archive.finish()
    guard !packed.isEmpty else { return }
    // Each pair of damage bytes: a position (scaled to the archive) and a value to XOR in.
    var pairs = Array(damage)
    if pairs.count % 2 == 1 { pairs.removeLast() }
    for pair in stride(from: 0, to: pairs.count, by: 2) {
      let position = Int(pairs[pair]) * packed.count / 256
      packed[position] ^= pairs[pair + 1]
    }
    FuzzTargets.zip(packed)
    FuzzTargets.workbook(packed)
  }

  static let contentTypes = """
    <?xml version="1.0" encoding="UTF-8"?>
    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
    <Default Extension="xml" ContentType="application/xml"/>\
    <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
    </Types>
    """

  static let packageRelationships = """
    <?xml version="1.0" encoding="UTF-8"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
    </Relationships>
    """

  static let workbook = """
    <?xml version="1.0" encoding="UTF-8"?>
    <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
    xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
    <sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>\
    <definedNames><definedName name="cfc_code">Sheet1!$A$2</definedName></definedNames>\
    </workbook>
    """

  static let workbookRelationships = """
    <?xml version="1.0" encoding="UTF-8"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>\
    </Relationships>
    """
}
