import CommuneScoring
import Testing

@Suite("SHA-256 against the published test vectors")
struct SHA256Tests {
  @Test("FIPS 180-2 vectors and the empty message")
  func vectors() {
    #expect(
      SHA256.hex(of: Array("".utf8))
        == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      SHA256.hex(of: Array("abc".utf8))
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      SHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    #expect(
      SHA256.hex(
        of: Array(
          "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
            .utf8))
        == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
  }

  @Test("one million 'a' characters, fed in uneven pieces")
  func millionA() {
    var hasher = SHA256()
    var remaining = 1_000_000
    var piece = 1
    while remaining > 0 {
      let count = min(piece, remaining)
      hasher.update(repeatElement(UInt8(ascii: "a"), count: count))
      remaining -= count
      piece = piece * 3 % 1000 + 1
    }
    #expect(
      hasher.finalizeHex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test("Vietnamese text hashes as its UTF-8 bytes")
  func utf8() {
    #expect(SHA256.hex(of: Array("Xã Bằng Mạc".utf8)) == SHA256.hex(of: Array("Xã Bằng Mạc".utf8)))
    #expect(SHA256.hex(of: Array("Xã".utf8)) != SHA256.hex(of: Array("Xa".utf8)))
  }
}

@Suite("Exact rationals")
struct RationalTests {
  @Test("decimals parse exactly and compare exactly")
  func decimals() throws {
    #expect(Rational(decimal: "98") == Rational(98))
    #expect(Rational(decimal: "99.5") == Rational(199, 2))
    #expect(Rational(decimal: "0.25") == Rational(1, 4))
    #expect(Rational(decimal: "1e2") == nil)
    #expect(Rational(decimal: "-1") == nil)
    #expect(Rational(decimal: "1.") == nil)
    #expect(Rational(49 * 100, 50) == Rational(98))
    #expect(Rational(9799, 100) < Rational(98))
  }

  @Test("display rounding is half up and drops trailing zeros")
  func display() {
    #expect(Rational(2, 3).decimalString() == "0.67")
    #expect(Rational(100_000, 3333).decimalString() == "30")
    #expect(Rational(100_000, 3333).decimalString(places: 3) == "30.003")
    #expect(Rational(165, 2).decimalString() == "82.5")
  }
}

@Suite("Strict JSON reading")
struct JSONParserTests {
  @Test("duplicate keys are refused with their line")
  func duplicateKeys() {
    #expect(throws: JSONSyntaxError(line: 3, column: 3, message: "duplicate key 'a'")) {
      try JSONParser.parse(Array("{\n  \"a\": 1,\n  \"a\": 2\n}".utf8))
    }
  }

  @Test("syntax errors name line and column")
  func syntaxErrors() {
    do {
      _ = try JSONParser.parse(Array("{\n  \"a\": 1,\n  \"b\" 2\n}".utf8))
      Issue.record("expected an error")
    } catch {
      #expect(error.line == 3)
      #expect(error.message.contains("expected ':'"))
    }
    #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Array("[1, 2,]".utf8)) }
    #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Array("{\"a\": 01}".utf8)) }
    #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Array("\"\u{1}\"".utf8)) }
    #expect(throws: JSONSyntaxError.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
  }

  @Test("numbers keep their text, strings their Vietnamese, objects their order")
  func values() throws {
    let value = try JSONParser.parse(
      Array("\u{FEFF}{\"z\": 12.0, \"a\": \"Xã \\u0042\\u1eb1ng\", \"m\": [true, null]}".utf8))
    guard case .object(let object) = value else {
      Issue.record("expected an object")
      return
    }
    #expect(object.keys == ["z", "a", "m"])
    #expect(object["z"] == .number("12.0"))
    #expect(object["a"] == .string("Xã Bằng"))
    #expect(object["m"] == .array([.bool(true), .null]))
  }

  @Test("the writer sorts keys and escapes only what JSON requires")
  func writer() {
    let value = JSONValue.obj([("b", .string("Bằng \"Mạc\"\n")), ("a", .int(1)), ("c", .array([]))])
    #expect(
      JSONWriter.write(value) == "{\n  \"a\": 1,\n  \"b\": \"Bằng \\\"Mạc\\\"\\n\",\n  \"c\": []\n}"
    )
  }

  @Test("did-you-mean finds close names and ignores far ones")
  func suggestions() {
    #expect(Suggestion.closest(to: "birth", in: ["births", "children_total"]) == "births")
    #expect(Suggestion.closest(to: "pionts", in: ["points", "id"]) == "points")
    #expect(Suggestion.closest(to: "xyz", in: ["births"]) == nil)
  }
}
